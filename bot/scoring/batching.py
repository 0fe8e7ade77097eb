"""Micro-batching: the clauses of answers scored at the same time go through the model together.

The model is the floor of an answer's cost, and it is cheapest per text in batches: eight answers
encoded in one call cost a fraction of eight calls. `BatchingEmbedder` wraps an embedder: each
`embed` from a scoring thread puts its texts in a bounded queue and waits; one encoder thread
takes what is queued, waits a few milliseconds more while other scorings still in progress may
add theirs (never when the caller is alone, so a single answer pays no wait), encodes the union in
one call (off the event loop: the caller's thread only waits) and hands each caller its rows.

The result does not depend on the batch: the embedder encodes unpadded, same-length groups (see
`bot/scoring/embedder.py`), so a text gets the vector it would get alone. Nor on the thread
count, which lets a lone answer use both cores while batches keep one for the Python scoring.
When the queue is full `embed` raises `EncoderBusy` at once instead of letting callers pile up;
the service turns it into 503 with Retry-After.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from bot.errors import MockintError
from bot.scoring.embedder import Embedder

WAIT_MS = 5.0
MAX_TEXTS = 256
QUEUE_SIZE = 64


class EncoderBusy(MockintError):
    """The encoder's queue is full: the caller should retry shortly."""

    def __init__(self, size: int) -> None:
        super().__init__(f"{size} encode requests are already waiting for the model")
        self.size = size


@dataclass
class _Request:
    texts: list[str]
    done: threading.Event = field(default_factory=threading.Event)
    result: np.ndarray | None = None
    error: BaseException | None = None


class BatchingEmbedder:
    """An `Embedder` whose `embed` calls from many threads share model calls."""

    def __init__(self, inner: Embedder, *, wait_ms: float = WAIT_MS, max_texts: int = MAX_TEXTS,
                 queue_size: int = QUEUE_SIZE,
                 expected: Callable[[], int] | None = None, threads: int = 0,
                 solo_threads: int = 0) -> None:
        """`expected()` says how many callers are likely to send texts soon (scorings in
        progress); the encoder waits up to `wait_ms` for them, and not at all when it is 1.
        `solo_threads`: intra-op threads for a call that serves one caller with nobody else
        scoring (the other core is idle then), `threads` for the others; applied only by a
        backend with `set_threads` (0: leave as configured)."""
        self.inner = inner
        self.model_id = inner.model_id
        self.wait_s = max(0.0, wait_ms) / 1000.0
        self.max_texts = max(1, max_texts)
        self.expected = expected
        self.batches = 0
        """Model calls made (tests and benchmarks read it)."""
        self._threads = (threads, solo_threads or threads)
        self._queue: queue.Queue[_Request | None] = queue.Queue(maxsize=max(1, queue_size))
        self._thread = threading.Thread(target=self._run, name="mockint-encoder", daemon=True)
        self._thread.start()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Raises: EncoderBusy when the queue is full."""
        if not texts:
            return self.inner.embed([])
        request = _Request(list(texts))
        try:
            self._queue.put_nowait(request)
        except queue.Full:
            raise EncoderBusy(self._queue.maxsize) from None
        request.done.wait()
        if request.error is not None:
            raise request.error
        assert request.result is not None
        return request.result

    def embed_cached(self, texts: Sequence[str]) -> np.ndarray:
        return self.inner.embed_cached(texts)

    def word_vectors(self, words: Sequence[str]) -> np.ndarray:
        return self.inner.word_vectors(words)

    def is_warm(self, key: str) -> bool:
        return bool(getattr(self.inner, "is_warm", lambda _: False)(key))

    def mark_warm(self, key: str) -> None:
        getattr(self.inner, "mark_warm", lambda _: None)(key)

    @property
    def dimensions(self) -> int:
        return int(getattr(self.inner, "dimensions"))  # noqa: B009 - not on the Protocol

    def close(self) -> None:
        """Stops the encoder thread once the queue is empty."""
        self._queue.put(None)
        self._thread.join(timeout=10)

    def _collect(self, first: _Request) -> tuple[list[_Request], bool]:
        """`first` and whatever joins it within the window; True when asked to stop."""
        batch = [first]
        count = len(first.texts)
        deadline = time.monotonic() + self.wait_s
        while count < self.max_texts:
            try:
                request = self._queue.get_nowait()
            except queue.Empty:
                wanted = self.expected() if self.expected is not None else 1
                remaining = deadline - time.monotonic()
                if len(batch) >= wanted or remaining <= 0:
                    break
                try:
                    request = self._queue.get(timeout=remaining)
                except queue.Empty:
                    break
            if request is None:
                return batch, True
            batch.append(request)
            count += len(request.texts)
        return batch, False

    def _set_threads(self, alone: bool) -> None:
        threads = self._threads[1] if alone else self._threads[0]
        setter = getattr(self.inner, "set_threads", None)
        if threads > 0 and setter is not None:
            setter(threads)

    def _run(self) -> None:
        while True:
            first = self._queue.get()
            if first is None:
                return
            batch, stop = self._collect(first)
            self._encode(batch)
            if stop:
                return

    def _encode(self, batch: list[_Request]) -> None:
        try:
            unique = list(dict.fromkeys(t for r in batch for t in r.texts))
            self._set_threads(alone=len(batch) == 1 and self._queue.empty()
                              and (self.expected() if self.expected is not None else 1) <= 1)
            vectors = self.inner.embed(unique)
            self.batches += 1
            row = {text: i for i, text in enumerate(unique)}
            for request in batch:
                request.result = vectors[[row[t] for t in request.texts]]
        except BaseException as exc:  # noqa: BLE001 - handed to every waiting caller
            for request in batch:
                request.error = exc
        finally:
            for request in batch:
                request.done.set()
