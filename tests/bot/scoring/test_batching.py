"""Micro-batching: answers scored at once share model calls and get exactly their own scores."""

from __future__ import annotations

import threading
from collections.abc import Sequence

import numpy as np
import pytest

from bot.rubric.bank import RubricBank
from bot.scoring.batching import BatchingEmbedder, EncoderBusy
from bot.scoring.embedder import SentenceEmbedder
from bot.scoring.scorer import Scorer

ANSWERS = {
    "l1-vs-l2-regularization": [
        "L1 adds the absolute values of the weights to the loss, so many weights become exactly "
        "zero and the model is sparse. L2 adds the squared weights and shrinks them all smoothly.",
        "Both penalise big weights. L2 is ridge and L1 is lasso; lasso does feature selection.",
        "L2 makes weights sparse while L1 only shrinks them a little.",
    ],
    "precision-vs-recall": [
        "Precision is TP over TP plus FP: of what we flagged, how much was right. Recall is TP over "
        "TP plus FN: of the real positives, how many we found.",
        "Recall matters when a miss is costly, like cancer screening; precision when false alarms "
        "are costly, like spam filters.",
        "Precision is TP over TP plus FN and recall is TP over TP plus FP.",
    ],
}



def test_a_text_gets_the_same_vector_alone_or_batched_with_others(
        embedder: SentenceEmbedder, one_thread: None) -> None:
    texts = ["L1 makes weights sparse.", "Precision is TP over TP plus FP.",
             "Recall is TP over TP plus FN.", "x", "gradient " * 400, "Ünïcödé ☃ 日本語"]
    batched = embedder.embed(texts)
    alone = np.stack([embedder.embed([t])[0] for t in texts])
    assert np.array_equal(batched, alone)
    # and the library's own padded encode agrees within float noise
    assert np.abs(batched - embedder.encode_padded(texts)).max() < 1e-5


def test_a_text_gets_the_same_vector_on_one_thread_or_two(
        embedder: SentenceEmbedder, one_thread: None) -> None:
    """What lets a lone answer be encoded on both cores (`solo_encode_threads`) without its
    score depending on whether anyone else was being scored."""
    texts = [a for answers in ANSWERS.values() for a in answers] + ["x", "gradient " * 400]
    one = embedder.embed(texts)
    embedder.set_threads(2)
    try:
        two = embedder.embed(texts)
    finally:
        embedder.set_threads(1)
    assert np.array_equal(one, two)


def test_a_lone_call_runs_on_the_solo_threads_and_a_batch_on_the_others(
        embedder: SentenceEmbedder, one_thread: None) -> None:
    seen: list[int] = []

    class Recording:
        model_id = embedder.model_id

        def set_threads(self, threads: int) -> None:
            seen.append(threads)

        def embed(self, texts: Sequence[str]) -> np.ndarray:
            return embedder.embed(texts)

    busy = [1]
    batcher = BatchingEmbedder(Recording(), wait_ms=0, expected=lambda: busy[0], threads=1,
                               solo_threads=2)  # type: ignore[arg-type]
    try:
        batcher.embed(["alone"])
        busy[0] = 3
        batcher.embed(["with others being scored"])
    finally:
        batcher.close()
    assert seen == [2, 1]


def test_concurrent_scorings_share_model_calls_and_get_their_own_scores(
        embedder: SentenceEmbedder, bank: RubricBank, one_thread: None) -> None:
    jobs = [(bank.get(rid), a) for rid, answers in ANSWERS.items() for a in answers]
    alone = Scorer(embedder)
    expected = [alone.score(r, a) for r, a in jobs]
    batcher = BatchingEmbedder(embedder, wait_ms=200, expected=lambda: len(jobs))
    shared = Scorer(batcher)
    for rubric, _ in jobs:  # rubric side prepared first: only answers go through the batcher
        shared.prepare(rubric)
    results: list[object] = [None] * len(jobs)
    start = threading.Barrier(len(jobs))

    def score(i: int) -> None:
        start.wait()
        results[i] = shared.score(*jobs[i])

    threads = [threading.Thread(target=score, args=(i,)) for i in range(len(jobs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    batcher.close()
    assert batcher.batches < len(jobs), "the answers were encoded one call each"
    assert [r.model_dump() for r in results] == [e.model_dump() for e in expected]  # type: ignore[attr-defined]


class _Held:
    """An embedder whose calls wait until released: holds the encoder busy on purpose."""

    model_id = "held"

    def __init__(self, inner: SentenceEmbedder) -> None:
        self.inner = inner
        self.release = threading.Event()
        self.entered = threading.Event()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        self.entered.set()
        self.release.wait(timeout=30)
        return self.inner.embed(texts)

    def embed_cached(self, texts: Sequence[str]) -> np.ndarray:
        return self.inner.embed_cached(texts)

    def word_vectors(self, words: Sequence[str]) -> np.ndarray:
        return self.inner.word_vectors(words)


def test_a_full_queue_is_refused_at_once_and_the_waiting_calls_still_finish(
        embedder: SentenceEmbedder) -> None:
    held = _Held(embedder)
    batcher = BatchingEmbedder(held, wait_ms=0, queue_size=1)
    out: dict[str, np.ndarray] = {}
    first = threading.Thread(target=lambda: out.update(a=batcher.embed(["first answer"])))
    first.start()
    assert held.entered.wait(timeout=30)  # the encoder thread is inside the model call
    second = threading.Thread(target=lambda: out.update(b=batcher.embed(["second answer"])))
    second.start()
    while batcher._queue.qsize() < 1:  # noqa: SLF001 - wait until the second is queued
        threading.Event().wait(0.01)
    with pytest.raises(EncoderBusy, match="already waiting"):
        batcher.embed(["third answer"])
    held.release.set()
    first.join(timeout=30)
    second.join(timeout=30)
    batcher.close()
    assert np.allclose(out["a"], embedder.embed(["first answer"]), atol=1e-6)
    assert np.allclose(out["b"], embedder.embed(["second answer"]), atol=1e-6)


def test_an_error_in_the_model_call_reaches_every_caller(embedder: SentenceEmbedder) -> None:
    class Broken(_Held):
        def embed(self, texts: Sequence[str]) -> np.ndarray:
            raise RuntimeError("model crashed")

    batcher = BatchingEmbedder(Broken(embedder), wait_ms=0)
    with pytest.raises(RuntimeError, match="model crashed"):
        batcher.embed(["anything"])
    batcher.close()
