from pathlib import Path

import numpy as np

from bot.scoring.embedder import SentenceEmbedder, VectorCache


def test_vectors_are_normalised_float32(embedder: SentenceEmbedder) -> None:
    vectors = embedder.embed(["gradient descent", "a cat on a mat"])
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_similar_texts_are_closer(embedder: SentenceEmbedder) -> None:
    a, b, c = embedder.embed(["L1 makes weights sparse", "lasso zeroes coefficients",
                              "the weather is nice today"])
    assert a @ b > a @ c


def test_cached_vectors_survive_a_restart(tmp_path: Path, embedder: SentenceEmbedder) -> None:
    cache = VectorCache(tmp_path, embedder.model_id)
    vector = embedder.embed(["kept across restarts"])[0]
    cache.update({"kept across restarts": vector})
    reloaded = VectorCache(tmp_path, embedder.model_id)
    assert "kept across restarts" in reloaded
    assert np.array_equal(reloaded["kept across restarts"], vector)
    assert "kept across restarts" not in VectorCache(tmp_path, "another-model")


def test_embed_cached_equals_embed(embedder: SentenceEmbedder) -> None:
    texts = ["bias variance trade-off", "bias variance trade-off", "precision and recall"]
    assert np.allclose(embedder.embed_cached(texts), embedder.embed(texts), atol=1e-5)


def test_word_vectors_are_unit_rows(embedder: SentenceEmbedder) -> None:
    vectors = embedder.word_vectors(["overfitting", "regularisation"])
    assert vectors.shape[0] == 2
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
