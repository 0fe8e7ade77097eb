import numpy as np

from bot.scoring.similarity import cosine_matrix, mean_direction


def unit_rows(rng: np.random.Generator, n: int) -> np.ndarray:
    rows = rng.normal(size=(n, 8)).astype(np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_cosine_matrix_matches_a_naive_loop() -> None:
    rng = np.random.default_rng(0)
    a, b = unit_rows(rng, 4), unit_rows(rng, 3)
    naive = [[float(np.dot(x, y)) for y in b] for x in a]
    assert np.allclose(cosine_matrix(a, b), naive, atol=1e-6)
    assert cosine_matrix(a[:0], b).shape == (0, 3)


def test_mean_direction_is_unit_length() -> None:
    rng = np.random.default_rng(1)
    assert np.isclose(np.linalg.norm(mean_direction(unit_rows(rng, 5))), 1.0)
