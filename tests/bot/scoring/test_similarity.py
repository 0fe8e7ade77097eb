import numpy as np

from bot.scoring.similarity import cosine_matrix, mean_direction, passage_means


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


def test_passage_means_match_a_naive_loop_and_a_short_answer_is_one_passage() -> None:
    rng = np.random.default_rng(2)
    pieces = ["one two three", "four five", "six seven eight nine", "ten", "eleven twelve"]
    vectors = unit_rows(rng, len(pieces))
    counts = [len(p.split()) for p in pieces]
    naive = []
    for start in range(len(pieces)):
        end = start + 1
        while end < len(pieces) and sum(counts[start:end + 1]) <= 6:
            end += 1
        naive.append(mean_direction(vectors[start:end]))
    assert np.allclose(passage_means(pieces, vectors, limit=6), naive, atol=1e-6)
    whole = passage_means(pieces, vectors, limit=12)
    assert whole.shape == (1, 8) and np.allclose(whole[0], mean_direction(vectors))
    alone = passage_means(["a very long piece of text indeed"], vectors[:1], limit=3)
    assert np.allclose(alone, vectors[:1])
