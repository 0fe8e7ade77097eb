"""Side-by-side model runs: a call's independent pieces of work spread over a few threads.

ONNX Runtime releases the GIL while it runs, so single-threaded runs on two threads use two
cores, and each piece computes the same numbers whichever thread takes it: spreading work this
way keeps vectors independent of timing, where splitting one run over intra-op threads would not
pay (a short text's matrix products are too small to share well).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")


class Runners:
    """Up to `size` threads; `use(n)` caps how many the next calls use (at least one)."""

    def __init__(self, size: int) -> None:
        self.size = max(1, size)
        self._using = self.size
        self._pool: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()

    def use(self, threads: int) -> None:
        if threads > 0:
            self._using = min(self.size, threads)

    def run(self, work: Callable[[T], None], items: Sequence[T]) -> None:
        """Calls `work` on every item, on up to `use` threads at once (the caller's among
        them); re-raises the first error once all have ended."""
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
        with self._lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(self.size - 1, thread_name_prefix="mockint-run")
            return self._pool
