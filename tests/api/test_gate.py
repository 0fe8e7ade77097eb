"""The scoring gate: a bounded queue in front of the scorer, 503 with Retry-After past it."""

from __future__ import annotations

import threading
from collections.abc import Sequence

import pytest

from api.errors import Unavailable
from api.gate import GatedScorer
from api.metrics import Metrics
from bot.rubric.model import Rubric
from bot.scoring.batching import EncoderBusy
from bot.scoring.result import ScoreResult
from tests.conftest import make_rubric


class Held:
    """A scorer that holds its slot until released, so the queue behind it can be filled."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.inside = threading.Semaphore(0)

    def score(self, rubric: Rubric, answer: str, earlier: Sequence[str] = ()) -> ScoreResult:
        self.inside.release()
        self.release.wait(timeout=30)
        if answer == "busy":
            raise EncoderBusy(64)
        return ScoreResult(rubric_id=rubric.id, rubric_version=rubric.version, score=50.0,
                           band=3, key_points=[], missing=[])


def test_past_the_queue_an_answer_gets_503_at_once_and_the_others_are_scored() -> None:
    held = Held()
    gate = GatedScorer(held, slots=1, wait_seconds=30, retry_after=7, metrics=Metrics(),
                       queue_size=1)
    rubric = make_rubric()
    done: list[float] = []
    first = threading.Thread(target=lambda: done.append(gate.score(rubric, "a").score))
    first.start()
    assert held.inside.acquire(timeout=30)  # the first holds the only slot
    second = threading.Thread(target=lambda: done.append(gate.score(rubric, "b").score))
    second.start()
    while gate._waiting < 1:  # noqa: SLF001 - until the second waits in the queue
        threading.Event().wait(0.01)
    with pytest.raises(Unavailable, match="MOCKINT_SCORING_QUEUE_SIZE") as refused:
        gate.score(rubric, "c")
    assert refused.value.retry_after == 7
    held.release.set()
    first.join(timeout=30)
    second.join(timeout=30)
    assert done == [50.0, 50.0] and gate.in_progress == 0


def test_a_full_encoder_queue_is_503_with_retry_after() -> None:
    held = Held()
    held.release.set()
    gate = GatedScorer(held, slots=2, wait_seconds=30, retry_after=3, metrics=Metrics())
    with pytest.raises(Unavailable, match="already waiting for the model") as refused:
        gate.score(make_rubric(), "busy")
    assert refused.value.retry_after == 3 and gate.in_progress == 0
