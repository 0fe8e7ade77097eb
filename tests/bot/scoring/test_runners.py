"""Runs side by side: every item done once, on the threads asked for, errors not swallowed."""

from __future__ import annotations

import threading
import time

import pytest

from bot.scoring.runners import Runners


def test_every_item_is_run_once_on_up_to_the_threads_asked_for() -> None:
    runners = Runners(3)
    done: list[int] = []
    threads: set[str] = set()
    lock = threading.Lock()

    def work(item: int) -> None:
        time.sleep(0.002)  # long enough that the helpers take items too
        with lock:
            done.append(item)
            threads.add(threading.current_thread().name)

    runners.run(work, list(range(40)))
    assert sorted(done) == list(range(40))
    assert len(threads) == 3
    runners.use(1)
    threads.clear()
    runners.run(work, list(range(5)))
    assert threads == {threading.current_thread().name}


def test_an_error_is_raised_once_the_others_have_ended() -> None:
    runners = Runners(2)
    finished: list[int] = []
    busy = [0]
    lock = threading.Lock()

    def work(item: int) -> None:
        with lock:
            busy[0] += 1
        try:
            if item == 3:
                raise ValueError("bad item")
            time.sleep(0.003)
            finished.append(item)
        finally:
            with lock:
                busy[0] -= 1

    with pytest.raises(ValueError, match="bad item"):
        runners.run(work, list(range(10)))
    assert busy[0] == 0  # the caller's buffers are not written after it returns
    runners.run(lambda item: finished.append(item), [100])  # still usable after an error
    assert 100 in finished


def test_shared_runners_serve_many_callers_from_one_queue() -> None:
    """Callers at once: each gets exactly its own items done, on the pool's threads only."""
    runners = Runners(2, shared=True)
    results: dict[int, list[int]] = {c: [] for c in range(6)}
    threads: set[str] = set()
    lock = threading.Lock()

    def caller(c: int) -> None:
        def work(item: int) -> None:
            time.sleep(0.001)
            with lock:
                results[c].append(item)
                threads.add(threading.current_thread().name)

        runners.run(work, [c * 100 + i for i in range(10)])
        assert sorted(results[c]) == [c * 100 + i for i in range(10)]  # all done on return

    callers = [threading.Thread(target=caller, args=(c,)) for c in range(6)]
    for t in callers:
        t.start()
    for t in callers:
        t.join()
    assert all(len(v) == 10 for v in results.values())
    assert len(threads) == 2 and all(n.startswith("mockint-run") for n in threads)
    with pytest.raises(ZeroDivisionError):
        runners.run(lambda item: 1 / item, [1, 0, 2])
