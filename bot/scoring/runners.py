"""Side-by-side model runs: a call's independent pieces of work spread over a few threads.

ONNX Runtime releases the GIL while it runs, so single-threaded runs on two threads use two
cores, and each piece computes the same numbers whichever thread takes it: spreading work this
way keeps vectors independent of timing, where splitting one run over intra-op threads would not
pay (a short text's matrix products are too small to share well).

Two ways to share the threads:
- `drain` (a backend whose calls are batched by one encoder thread): the caller and `size - 1`
  helpers take the call's pieces from one list; `use(n)` caps how many threads a call takes.
- `shared` (a backend that runs one text at a time, so batching gains nothing): every caller's
  pieces go into one queue served by `size` threads, and each caller waits for its own. Many
  scorings at once then keep every runner busy with no barrier between batches, where an
  encoder thread left the cores idle while it waited for a whole batch to finish and the next
  one to gather (the runners were busy 1.3 of 2 cores at 32 candidates).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, wait
from typing import TypeVar

T = TypeVar("T")


class Runners:
    """Up to `size` threads running pieces of work; `shared` picks the second way above."""

    def __init__(self, size: int, *, shared: bool = False) -> None:
        self.size = max(1, size)
        self.shared = shared
        self._using = self.size
        self._pool: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()

    def use(self, threads: int) -> None:
        """Caps the threads of the next `drain` calls (at least one; `shared` ignores it)."""
        if threads > 0:
            self._using = min(self.size, threads)

    def run(self, work: Callable[[T], None], items: Sequence[T]) -> None:
        """Calls `work` on every item; re-raises the first error once all have ended."""
        if self.shared:
            self._queue(work, items)
        else:
            self._drain(work, items)

    def _queue(self, work: Callable[[T], None], items: Sequence[T]) -> None:
        if not items:
            return
        futures = [self._executor().submit(work, item) for item in items]
        wait(futures)
        for future in futures:
            error = future.exception()
            if error is not None:
                raise error

    def _drain(self, work: Callable[[T], None], items: Sequence[T]) -> None:
        threads = min(self._using, len(items))
        if threads <= 1:
            for item in items:
                work(item)
            return
        pending = list(reversed(items))
        take = threading.Lock()

        def drain() -> None:
            while True:
                with take:
                    if not pending:
                        return
                    item = pending.pop()
                work(item)

        futures = [self._executor().submit(drain) for _ in range(threads - 1)]
        error: BaseException | None = None
        try:
            drain()
        except BaseException as exc:  # noqa: BLE001 - re-raised once the helpers have ended
            error = exc
            with take:
                pending.clear()
        for future in futures:
            exc = future.exception()
            error = error or exc
        if error is not None:
            raise error

    def _executor(self) -> ThreadPoolExecutor:
        """The pool, made on first use: `size` threads when shared, else `size - 1` helpers
        beside the caller."""
        with self._lock:
            if self._pool is None:
                threads = self.size if self.shared else self.size - 1
                self._pool = ThreadPoolExecutor(max(1, threads), thread_name_prefix="mockint-run")
            return self._pool
