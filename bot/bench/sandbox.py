"""Sandbox figures: what running candidate code costs, measured on this machine.

- overhead: wall time of one trivial submission (start an isolated process, load the code, one
  call, kill and clean up), median and p90 over `--runs`;
- trivial submissions per second with `--workers` running at once (the sandbox's own ceiling);
- full submissions per second: the reference solution of `--problem` against all its hidden
  tests, `--workers` at once (what a real coding round costs, its tests' own CPU included).

Prints a table and, with `--json`, the figures as one JSON object on the last line.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from bot.coding.judge import Judge
from bot.coding.problem import load_problems
from bot.coding.sandbox import Call, Limits, Sandbox, SandboxConfig
from bot.settings import PROJECT_ROOT, Settings

TRIVIAL = "def f(x):\n    return x + 1\n"


def _one_trivial(sandbox: Sandbox) -> float:
    started = time.perf_counter()
    with sandbox.session(TRIVIAL, "f", Limits()) as runner:
        got = runner.call(Call(args=[1]))
    if got.value != 2:
        raise RuntimeError(f"the trivial run failed: {got.error}")
    return time.perf_counter() - started


def measure(settings: Settings, *, runs: int, workers: int, problem_id: str,
            submissions: int) -> dict[str, Any]:
    lock_dir = Path(tempfile.mkdtemp(prefix="mockint-bench-uids-"))
    sandbox = Sandbox(SandboxConfig(hide=[PROJECT_ROOT, settings.cache_dir], workers=workers,
                                    lock_dir=lock_dir, uid_base=settings.sandbox_uid_base + 500,
                                    allow_unisolated=settings.sandbox_allow_unisolated))
    isolation = sandbox.isolation
    _one_trivial(sandbox)  # warm the page cache
    single = sorted(_one_trivial(sandbox) for _ in range(runs))
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(lambda _: _one_trivial(sandbox), range(runs)))
    trivial_rate = runs / (time.perf_counter() - started)

    problem = load_problems(settings.coding_dir).get(problem_id)
    judge = Judge(sandbox)
    judge.submit(problem, problem.solutions.reference)  # computes reference outputs once
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        judged = list(pool.map(lambda _: judge.submit(problem, problem.solutions.reference),
                               range(submissions)))
    full_rate = submissions / (time.perf_counter() - started)
    if any(j.passed != j.total for j in judged):
        raise RuntimeError("the reference solution failed a hidden test during the benchmark")
    return {
        "isolation": isolation, "workers": workers, "runs": runs,
        "overhead_median_ms": round(1000 * statistics.median(single), 1),
        "overhead_p90_ms": round(1000 * single[int(0.9 * (len(single) - 1))], 1),
        "trivial_submissions_per_s": round(trivial_rate, 2),
        "problem": problem.id, "hidden_tests": len(problem.tests),
        "full_submissions_per_s": round(full_rate, 2),
    }


def render(figures: dict[str, Any]) -> str:
    return "\n".join([
        f"isolation                    {figures['isolation']}",
        f"overhead per submission      median {figures['overhead_median_ms']} ms, "
        f"p90 {figures['overhead_p90_ms']} ms ({figures['runs']} runs, one at a time)",
        f"trivial submissions/s        {figures['trivial_submissions_per_s']} "
        f"({figures['workers']} workers)",
        f"full submissions/s           {figures['full_submissions_per_s']} "
        f"({figures['problem']}, {figures['hidden_tests']} hidden tests, reference solution)",
    ])
