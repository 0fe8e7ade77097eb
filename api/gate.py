"""A bounded queue in front of the scorer: at most `slots` answers scored at once per process.

Scoring is CPU-bound; letting forty request threads score together only makes every one of them
slow (eight long answers cut another candidate's throughput tenfold). Past the slots, answers wait
in line (`mockint_scoring_queue_depth`); one that waits longer than `wait_seconds` gets 503 with
`Retry-After` instead of hanging. Scoring time goes to `mockint_scoring_duration_seconds`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence

from api.errors import Unavailable
from api.metrics import Metrics
from bot.engine.conversation import AnswerScorer
from bot.rubric.model import Rubric
from bot.scoring.result import ScoreResult


class GatedScorer:
    def __init__(self, scorer: AnswerScorer, *, slots: int, wait_seconds: float,
                 retry_after: int, metrics: Metrics) -> None:
        self.scorer = scorer
        self._slots = threading.BoundedSemaphore(slots)
        self._wait = wait_seconds
        self._retry_after = retry_after
        self._metrics = metrics

    def score(self, rubric: Rubric, answer: str, earlier: Sequence[str] = ()) -> ScoreResult:
        """Raises: Unavailable when no slot came free in time."""
        self._metrics.queue_depth.inc()
        try:
            got = self._slots.acquire(timeout=self._wait)
        finally:
            self._metrics.queue_depth.dec()
        if not got:
            raise Unavailable(f"every scoring slot stayed busy for {self._wait:g} s "
                              "(MOCKINT_SCORING_WAIT_SECONDS); retry shortly", self._retry_after)
        self._metrics.scoring_now.inc()
        started = time.perf_counter()
        try:
            return self.scorer.score(rubric, answer, earlier)
        finally:
            self._metrics.scoring_seconds.observe(time.perf_counter() - started)
            self._metrics.scoring_now.dec()
            self._slots.release()

    def __getattr__(self, name: str) -> object:
        """Everything else (warm, prepare, embedder) is the wrapped scorer's."""
        return getattr(self.scorer, name)
