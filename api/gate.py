"""A bounded queue in front of the scorer: at most `slots` answers scored at once per process.

Scoring is CPU-bound; letting forty request threads score together only makes every one of them
slow (eight long answers cut another candidate's throughput tenfold). Past the slots, answers wait
in line (`mockint_scoring_queue_depth`); one that waits longer than `wait_seconds`, or arrives
when `queue_size` answers already wait, gets 503 with `Retry-After` instead of hanging. Scoring
time goes to `mockint_scoring_duration_seconds`.

The slots are more than the cores because the model part of scoring is shared: answers scored at
once have their clauses encoded in one batch (`bot/scoring/batching.py`), and the gate tells the
batcher how many scorings are in progress so that it waits for theirs and for no one else's.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence

from api.errors import Unavailable
from api.metrics import Metrics
from bot.engine.conversation import AnswerScorer
from bot.rubric.model import Rubric
from bot.scoring.batching import BatchingEmbedder, EncoderBusy
from bot.scoring.result import ScoreResult


class GatedScorer:
    def __init__(self, scorer: AnswerScorer, *, slots: int, wait_seconds: float,
                 retry_after: int, metrics: Metrics, queue_size: int | None = None) -> None:
        self.scorer = scorer
        self._slots = threading.BoundedSemaphore(slots)
        self._wait = wait_seconds
        self._retry_after = retry_after
        self._metrics = metrics
        self._queue_size = queue_size
        self._lock = threading.Lock()
        self._waiting = 0
        self.in_progress = 0
        """Answers being scored now (read by the batcher)."""
        embedder = getattr(scorer, "embedder", None)
        if isinstance(embedder, BatchingEmbedder):
            embedder.expected = lambda: self.in_progress

    def _enter_queue(self) -> None:
        with self._lock:
            if self._queue_size is not None and self._waiting >= self._queue_size:
                raise Unavailable(f"{self._waiting} answers are already waiting to be scored "
                                  "(MOCKINT_SCORING_QUEUE_SIZE); retry shortly",
                                  self._retry_after)
            self._waiting += 1
        self._metrics.queue_depth.inc()

    def _leave_queue(self, got: bool) -> None:
        with self._lock:
            self._waiting -= 1
            self.in_progress += int(got)
        self._metrics.queue_depth.dec()

    def score(self, rubric: Rubric, answer: str, earlier: Sequence[str] = ()) -> ScoreResult:
        """Raises: Unavailable when the queue is full or no slot came free in time."""
        self._enter_queue()
        got = False
        try:
            got = self._slots.acquire(timeout=self._wait)
        finally:
            self._leave_queue(got)
        if not got:
            raise Unavailable(f"every scoring slot stayed busy for {self._wait:g} s "
                              "(MOCKINT_SCORING_WAIT_SECONDS); retry shortly", self._retry_after)
        self._metrics.scoring_now.inc()
        started = time.perf_counter()
        try:
            return self.scorer.score(rubric, answer, earlier)
        except EncoderBusy as exc:
            raise Unavailable(f"{exc}; retry shortly", self._retry_after) from None
        finally:
            self._metrics.scoring_seconds.observe(time.perf_counter() - started)
            self._metrics.scoring_now.dec()
            with self._lock:
                self.in_progress -= 1
            self._slots.release()

    def __getattr__(self, name: str) -> object:
        """Everything else (warm, prepare, embedder) is the wrapped scorer's."""
        return getattr(self.scorer, name)
