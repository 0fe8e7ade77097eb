"""Judging a piece of code: run it on a problem's examples or hidden tests, and say what happened.

`run` is the candidate's "Run" button: the visible examples, everything shown (input, expected,
what came back, what was printed), plus the candidate's own `test_*` functions. `submit` is the
hidden tests: every result is reported by name, group and pass/fail, but the input, the expected
value and what came back are shown only for a failed test, and only now, after the submission.

Pass or fail is decided here, in the server, never by the sandboxed process: its return value is
compared with the expected one (numbers within 1e-6), or handed with the input to the problem's
checker, which runs in a sandbox process of its own. An expected value the problem leaves to its
reference solution (a large output) is computed once per problem version, also in the sandbox,
and kept.
"""

from __future__ import annotations

import json
import math
import threading
from dataclasses import dataclass, field
from typing import Any, Literal

from bot.coding.problem import CodingProblem, HiddenTest
from bot.coding.sandbox import Call, CallResult, Limits, OwnTest, Sandbox
from bot.lru import LRU

Mode = Literal["run", "submit"]
SHOWN_CHARS = 300
CHECKER_FUNCTION = "check"


@dataclass
class TestResult:
    name: str
    group: str
    passed: bool
    outcome: str
    """ok, wrong, error, timeout, memory, output, crashed or load_error."""
    message: str = ""
    description: str = ""
    input: str | None = None
    expected: str | None = None
    got: str | None = None
    stdout: str | None = None
    cpu_seconds: float = 0.0


@dataclass
class Judgement:
    mode: Mode
    results: list[TestResult]
    own_tests: list[OwnTest] = field(default_factory=list)
    load_error: str = ""

    @property
    def passed(self) -> int:
        return sum(r.passed for r in self.results)

    @property
    def total(self) -> int:
        return len(self.results)

    def groups(self) -> dict[str, tuple[int, int]]:
        """Passed and total per group, in the order groups first appear."""
        out: dict[str, tuple[int, int]] = {}
        for r in self.results:
            passed, total = out.get(r.group, (0, 0))
            out[r.group] = (passed + r.passed, total + 1)
        return out


def limits_for(problem: CodingProblem, seconds: float | None = None) -> Limits:
    cpu = seconds or problem.limits.time_seconds
    return Limits(cpu_seconds=cpu, wall_seconds=max(2.0, 4 * cpu),
                  memory_bytes=problem.limits.memory_mb * 2**20,
                  total_cpu_seconds=int(math.ceil(cpu * 4 + 10)))


class Judge:
    """Judges code for problems; keeps reference outputs per problem version."""

    def __init__(self, sandbox: Sandbox, reference_cache_size: int = 256) -> None:
        self.sandbox = sandbox
        self._expected: LRU[tuple[str, int, str], Any] = LRU(reference_cache_size)
        self._lock = threading.Lock()

    def run(self, problem: CodingProblem, source: str) -> Judgement:
        """The visible examples and the candidate's own tests, everything shown."""
        limits = limits_for(problem)
        results: list[TestResult] = []
        with self.sandbox.session(source, problem.function, limits) as runner:
            for i, example in enumerate(problem.examples, start=1):
                got = runner.call(Call(args=example.args))
                passed, message = _compare(got, example.expected)
                results.append(TestResult(
                    name=f"example-{i}", group="example", passed=passed,
                    outcome=_outcome(got, passed), message=message,
                    input=_show(example.args), expected=_show(example.expected),
                    got=_show(got.value) if got.outcome == "ok" else None,
                    stdout=got.stdout or None, cpu_seconds=got.cpu_seconds))
            own = runner.own_tests() if not runner.load_error else []
            return Judgement(mode="run", results=results, own_tests=own,
                             load_error=runner.load_error)

    def submit(self, problem: CodingProblem, source: str) -> Judgement:
        """The hidden tests; a failed one shows its case, a passed one only its name."""
        expected = {t.name: self._expected_value(problem, t) for t in problem.tests}
        calls: list[tuple[HiddenTest, CallResult]] = []
        with self.sandbox.session(source, problem.function, limits_for(problem)) as runner:
            for test in problem.tests:
                limits = limits_for(problem, test.time_seconds)
                calls.append((test, runner.call(_call(test), limits)))
            own = runner.own_tests() if not runner.load_error else []
            load_error = runner.load_error
        verdicts = self._check(problem, calls, expected)
        results = []
        for (test, got), (passed, message) in zip(calls, verdicts, strict=True):
            shown = not passed
            if got.outcome == "timeout" and test.group == "large":
                message = (f"{message}; {test.description} needs an "
                           f"{problem.complexity.time} solution")
            results.append(TestResult(
                name=test.name, group=test.group, passed=passed,
                outcome=_outcome(got, passed), message=message, description=test.description,
                input=test.shown_input() if shown else None,
                expected=_show(expected[test.name]) if shown and problem.checker is None
                else None,
                got=_show(got.value) if shown and got.outcome == "ok" else None,
                cpu_seconds=got.cpu_seconds))
        return Judgement(mode="submit", results=results, own_tests=own, load_error=load_error)

    def _check(self, problem: CodingProblem, calls: list[tuple[HiddenTest, CallResult]],
               expected: dict[str, Any]) -> list[tuple[bool, str]]:
        if problem.checker is None:
            return [_compare(got, expected[t.name]) for t, got in calls]
        verdicts: list[tuple[bool, str]] = []
        limits = limits_for(problem, 10.0)
        with self.sandbox.session(problem.checker, CHECKER_FUNCTION, limits) as checker:
            for test, got in calls:
                if got.outcome != "ok":
                    verdicts.append((False, got.error))
                    continue
                check = checker.call(_call(test, extra=[expected[test.name], got.value]))
                if check.outcome != "ok":
                    verdicts.append((False, f"the checker failed: {check.error}"))
                elif check.value is None:
                    verdicts.append((True, ""))
                else:
                    verdicts.append((False, str(check.value)[:SHOWN_CHARS]))
        return verdicts

    def _expected_value(self, problem: CodingProblem, test: HiddenTest) -> Any:
        if not test.expected_from_reference:
            return test.expected
        key = (problem.id, problem.version, test.name)
        with self._lock:
            if key in self._expected:
                return self._expected[key]
        limits = limits_for(problem, 10.0)
        with self.sandbox.session(problem.solutions.reference, problem.function,
                                  limits) as runner:
            got = runner.call(_call(test))
        if got.outcome != "ok":
            raise RuntimeError(f"{problem.id}: the reference solution failed test {test.name}: "
                               f"{got.error}")
        with self._lock:
            self._expected[key] = got.value
        return got.value


def _call(test: HiddenTest, extra: list[Any] | None = None) -> Call:
    return Call(args=test.args, args_code=test.args_code, extra=extra)


def _outcome(got: CallResult, passed: bool) -> str:
    if got.outcome == "ok":
        return "ok" if passed else "wrong"
    return got.outcome


def _compare(got: CallResult, expected: Any) -> tuple[bool, str]:
    if got.outcome != "ok":
        return False, got.error
    if same(got.value, expected):
        return True, ""
    return False, f"expected {_show(expected)}, got {_show(got.value)}"


def same(got: Any, expected: Any) -> bool:
    """Equal as JSON data, numbers within 1e-6 (relative for large ones); True is not 1."""
    if isinstance(got, bool) or isinstance(expected, bool):
        return got is expected
    if isinstance(got, int | float) and isinstance(expected, int | float):
        if isinstance(got, int) and isinstance(expected, int):
            return got == expected
        return math.isclose(got, expected, rel_tol=1e-6, abs_tol=1e-6)
    if isinstance(got, list) and isinstance(expected, list):
        return len(got) == len(expected) and all(map(same, got, expected))
    if isinstance(got, dict) and isinstance(expected, dict):
        return got.keys() == expected.keys() and all(same(got[k], expected[k]) for k in got)
    return bool(got == expected)


def _show(value: Any) -> str:
    text = json.dumps(value)
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + " ..."
