import random
import string
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from bot.rubric.bank import RubricBank
from bot.scoring.embedder import SentenceEmbedder, VectorCache
from bot.scoring.scorer import Scorer
from bot.settings import PROJECT_ROOT

SCORINGS = 300


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


def test_a_warm_mark_holds_while_the_log_keeps_its_records(tmp_path: Path) -> None:
    cache = VectorCache(tmp_path, "some-model")
    cache.mark_warm("bank-a")  # nothing logged yet: nothing to vouch for
    assert not cache.is_warm("bank-a")
    cache.update({"a text": np.ones(4, dtype=np.float32)})
    cache.mark_warm("bank-a")
    reopened = VectorCache(tmp_path, "some-model")
    assert reopened.is_warm("bank-a") and not reopened.is_warm("bank-b")
    assert not VectorCache(tmp_path, "another-model").is_warm("bank-a")
    assert not VectorCache(None, "some-model").is_warm("bank-a")
    log = next((tmp_path / "embeddings").glob("*.vectors"))
    log.write_bytes(log.read_bytes()[:10])  # the log lost records: the mark no longer holds
    assert not VectorCache(tmp_path, "some-model").is_warm("bank-a")


def test_embed_cached_equals_embed(embedder: SentenceEmbedder) -> None:
    texts = ["bias variance trade-off", "bias variance trade-off", "precision and recall"]
    assert np.allclose(embedder.embed_cached(texts), embedder.embed(texts), atol=1e-5)


def test_word_vectors_are_unit_rows(embedder: SentenceEmbedder) -> None:
    vectors = embedder.word_vectors(["overfitting", "regularisation"])
    assert vectors.shape[0] == 2
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def _new_words(rng: random.Random, n: int) -> str:
    return " ".join("".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(5, 11)))
                    for _ in range(n))


@pytest.mark.slow
def test_scoring_from_20_threads_with_new_words_never_fails(scorer: Scorer,
                                                            bank: RubricBank) -> None:
    """Each answer brings words no cache has seen, so static word vectors are tokenised while
    other threads' `encode` calls have padding switched on (this used to fail 1-7% of calls)."""
    rubric = bank.get("l1-vs-l2-regularization")
    scorer.warm([rubric])

    def score(i: int) -> str | None:
        rng = random.Random(i)
        text = f"L1 {_new_words(rng, 4)} makes weights sparse. L2 shrinks {_new_words(rng, 6)}."
        try:
            scorer.score(rubric, text)
        except Exception as exc:  # noqa: BLE001 - every failure is what this test counts
            return repr(exc)
        return None

    with ThreadPoolExecutor(max_workers=20) as pool:
        failures = [f for f in pool.map(score, range(SCORINGS)) if f is not None]
    assert failures == [], f"{len(failures)} of {SCORINGS} scorings failed: {failures[:3]}"


def test_the_word_cache_is_bounded(tmp_path: Path) -> None:
    small = SentenceEmbedder(cache_dir=tmp_path, word_cache_size=3)
    first = small.word_vectors(["alpha"])[0]
    small.word_vectors(["beta", "gamma", "delta", "epsilon"])
    assert len(small._words) == 3 and "alpha" not in small._words
    assert np.array_equal(small.word_vectors(["alpha"])[0], first)


def test_the_vector_cache_is_bounded_in_memory_but_keeps_everything_on_disk(
        tmp_path: Path) -> None:
    cache = VectorCache(tmp_path, "m", size=2)
    cache.update({f"text {i}": np.full(4, i, dtype=np.float32) for i in range(5)})
    assert sum(f"text {i}" in cache for i in range(5)) == 2
    reread = VectorCache(tmp_path, "m", size=10)
    assert all(reread[f"text {i}"][0] == i for i in range(5))


WRITER = """
import sys
import numpy as np
from bot.scoring.embedder import VectorCache
cache = VectorCache(sys.argv[1], "shared-model")
for i in range(40):
    cache.update({f"{sys.argv[2]}-{i}": np.full(8, i, dtype=np.float32)})
"""


def test_processes_sharing_the_cache_folder_keep_each_others_vectors(tmp_path: Path) -> None:
    """Four processes add vectors at once; a fifth finds all 160 (the old whole-file rewrite
    kept only the last writer's)."""
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path), f"p{n}"],
                                cwd=PROJECT_ROOT) for n in range(4)]
    assert [w.wait(timeout=120) for w in writers] == [0, 0, 0, 0]
    cache = VectorCache(tmp_path, "shared-model")
    missing = [f"p{n}-{i}" for n in range(4) for i in range(40) if f"p{n}-{i}" not in cache]
    assert missing == []
    assert cache["p2-7"][0] == 7


def test_a_torn_record_left_by_a_killed_writer_is_cut_and_the_rest_kept(tmp_path: Path) -> None:
    cache = VectorCache(tmp_path, "m")
    cache.update({"whole": np.ones(4, dtype=np.float32)})
    log = next((tmp_path / "embeddings").glob("*.vectors"))
    with open(log, "ab") as handle:
        handle.write(b"x" * 70)  # half a record
    again = VectorCache(tmp_path, "m")
    assert "whole" in again
    again.update({"after": np.zeros(4, dtype=np.float32)})
    final = VectorCache(tmp_path, "m")
    assert "whole" in final and "after" in final


def test_texts_of_nearby_lengths_share_one_model_call() -> None:
    """An answer's clauses come in many lengths; one forward pass per length cost twice the
    encoding time, so lengths are bucketed (and padded to the bucket, batch or not)."""
    from types import SimpleNamespace

    from bot.scoring.embedder import BUCKET, bucket_chunks, padded_arrays

    encodings = [SimpleNamespace(ids=list(range(1, n + 1)), type_ids=[0] * n)
                 for n in (5, 8, 9, 14, 15, 16, 17, 23, 31)]
    chunks = bucket_chunks(encodings)
    assert chunks == [[0, 1, 2, 3, 4, 5], [6, 7, 8]]
    ids, mask, _ = padded_arrays(encodings, chunks[0])
    assert ids.shape == (6, BUCKET) and mask.sum(axis=1).tolist() == [5, 8, 9, 14, 15, 16]
    alone, _, _ = padded_arrays(encodings, [0])
    assert alone.shape == (1, BUCKET)  # the same padding alone as batched
