"""The shipped coding problems: complete, from the seeds' topics, and with limits that separate a
right solution from a quadratic one (each author's naive solution must fail a large test on
time, and the reference must pass everything)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.coding.judge import Judge, same
from bot.coding.problem import (
    MIN_HIDDEN_TESTS,
    PROBLEM_SCHEMA_FILE,
    CodingProblem,
    ProblemSet,
    load_problems,
    problem_schema_json,
)
from bot.coding.sandbox import Sandbox, SandboxConfig
from bot.errors import RubricError
from bot.settings import PROJECT_ROOT, Settings

TOPICS = {"sliding-window", "graphs", "two-pointers", "intervals", "heaps",
          "dynamic-programming", "strings"}


@pytest.fixture(scope="module")
def problems(settings: Settings) -> ProblemSet:
    return load_problems(settings.coding_dir)


@pytest.fixture(scope="module")
def judge(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Judge]:
    yield Judge(Sandbox(SandboxConfig(hide=[PROJECT_ROOT], workers=2, uid_base=63_000,
                                      lock_dir=tmp_path_factory.mktemp("uids"))))


def test_at_least_eight_problems_cover_the_seed_topics(problems: ProblemSet) -> None:
    assert len(problems) >= 8
    assert TOPICS <= {p.topic for p in problems}
    for problem in problems:
        groups = [t.group for t in problem.tests]
        assert len(problem.tests) >= MIN_HIDDEN_TESTS and {"edge", "large"} <= set(groups)
        assert problem.solutions.naive and problem.solutions.wrong, problem.id
        assert len(problem.discussion.key_points) >= 3


def test_the_published_problem_schema_is_current(settings: Settings) -> None:
    published = (settings.coding_dir / PROBLEM_SCHEMA_FILE).read_text(encoding="utf-8")
    assert published == problem_schema_json(), "run: mockint rubric schema --write"


def test_a_broken_problem_file_names_the_file_and_field(tmp_path: Path,
                                                         settings: Settings) -> None:
    source = (settings.coding_dir / "sorted-pair-sum.yaml").read_text(encoding="utf-8")
    (tmp_path / "sorted-pair-sum.yaml").write_text(source.replace("group: large", "group: huge"))
    with pytest.raises(RubricError, match=r"sorted-pair-sum.*tests\.\d+\.group"):
        load_problems(tmp_path)


def test_values_compare_as_json_with_a_float_tolerance() -> None:
    assert same([1, [2.0000000001]], [1, [2]]) and not same(True, 1) and not same([1], [1, 2])


@pytest.mark.slow
@pytest.mark.parametrize("problem_id", sorted(p.stem for p in
                                              (PROJECT_ROOT / "rubrics/coding").glob("*.yaml")))
def test_reference_passes_naive_times_out_wrong_fails(problems: ProblemSet, judge: Judge,
                                                      problem_id: str) -> None:
    problem: CodingProblem = problems.get(problem_id)
    examples = judge.run(problem, problem.solutions.reference)
    assert examples.passed == examples.total, [r.message for r in examples.results]
    reference = judge.submit(problem, problem.solutions.reference)
    assert reference.passed == reference.total, [(r.name, r.message) for r in reference.results
                                                 if not r.passed]
    assert problem.solutions.naive is not None and problem.solutions.wrong is not None
    naive = judge.submit(problem, problem.solutions.naive)
    slow = [r for r in naive.results if not r.passed]
    assert slow and all(r.group == "large" and r.outcome == "timeout" for r in slow)
    assert all(problem.complexity.time in r.message for r in slow)
    wrong = judge.submit(problem, problem.solutions.wrong)
    assert any(r.outcome == "wrong" for r in wrong.results)
