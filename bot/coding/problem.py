"""A coding problem as data: what the candidate reads, what their code is tested on, how the talk
about it is scored.

One YAML file per problem in `rubrics/coding/` (JSON Schema: `problem.schema.json` beside them,
exported by `mockint schema coding`; a test fails when it is stale). The candidate sees the
statement, the signature and the visible `examples`; the hidden `tests` are run only on
submission, and only a failed one is shown, after the fact. A test gives its input as JSON `args`,
or as an `args_code` expression that builds a large input inside the sandbox (a 200,000-element
list does not belong in a YAML file). Its output is checked against `expected`, or, when a
problem accepts several right answers, by the problem's `checker` (Python run in the sandbox,
never in the server).

The `discussion` is an ordinary rubric (key points on approach, complexity, edge cases and
testing), so the talk is scored, explained and versioned like every other answer. `solutions`
are the author's own: the reference must pass every test and the naive one must fail a `large`
test on time, which the test suite checks for every problem, so a limit that lets a quadratic
solution through cannot ship.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import Field, ValidationError, model_validator

from bot.errors import Problem, RubricError
from bot.rubric.model import KeyPoint, RedFlag, Round, Rubric, Slug, Strict, Text
from bot.yamlio import load_yaml_file

PROBLEM_SCHEMA_FILE = "problem.schema.json"
Code = Annotated[str, Field(min_length=1, max_length=20_000)]
Group = Literal["basic", "edge", "large"]
MIN_HIDDEN_TESTS = 10


class Example(Strict):
    """A visible example: the candidate may run their code on these as often as they like."""

    args: list[Any]
    expected: Any = None
    explanation: str = ""


class HiddenTest(Strict):
    name: Slug
    group: Group = Field(description="basic, edge (empty, one element, duplicates...) or large "
                         "(where a solution of the wrong complexity runs out of time).")
    description: Text = Field(description="The case in words, shown after a failed submission "
                              "and used in the follow-up: 'an empty list of readings'.")
    args: list[Any] | None = None
    args_code: Code | None = Field(default=None, description="A Python expression giving the "
                                   "argument list, evaluated in the sandbox.")
    expected: Any = None
    expected_from_reference: bool = Field(default=False, description="The expected value is "
                                          "what the reference solution returns (for a large "
                                          "output); computed once in the sandbox.")
    time_seconds: float | None = Field(default=None, gt=0, le=10, description="CPU seconds; "
                                       "the problem's limit when absent.")

    @model_validator(mode="after")
    def _one_input(self) -> HiddenTest:
        if (self.args is None) == (self.args_code is None):
            raise ValueError("give exactly one of args and args_code")
        return self

    def shown_input(self) -> str:
        """The input as shown after a failed submission (a built input by its expression)."""
        if self.args_code is not None:
            return f"built by {self.args_code}"
        text = json.dumps(self.args)
        return text if len(text) <= 300 else text[:300] + " ..."


class Complexity(Strict):
    time: str = Field(min_length=1, max_length=40, description="Expected, e.g. 'O(n)'.")
    space: str = Field(min_length=1, max_length=40)
    naive: str = Field(default="", max_length=40, description="What the obvious solution "
                       "costs, e.g. 'O(n^2)'.")


class Limits(Strict):
    time_seconds: float = Field(default=1.0, gt=0, le=10, description="CPU seconds per test.")
    memory_mb: int = Field(default=256, ge=64, le=2048)


class Discussion(Strict):
    """The rubric for the talk: the interviewer's question, what a strong answer says."""

    question: Text = Field(description="How the interviewer asks for the approach.")
    reference_answer: Text
    key_points: list[KeyPoint] = Field(min_length=3, max_length=12)
    red_flags: list[RedFlag] = Field(default_factory=list)
    anchors: dict[int, Text] = Field(default_factory=dict)
    hints: list[Text] = Field(default_factory=list)


class Solutions(Strict):
    reference: Code
    naive: Code | None = Field(default=None, description="Right but too slow: must fail a "
                               "large test on time.")
    wrong: Code | None = Field(default=None, description="Fast but wrong on an edge case.")


class CodingProblem(Strict):
    id: Slug
    version: int = Field(default=1, ge=1)
    title: Text
    topic: Slug
    difficulty: int = Field(default=2, ge=1, le=3)
    competencies: list[Slug] = Field(default_factory=lambda: ["algorithms"])
    statement: Text
    function: Annotated[str, Field(pattern=r"^[a-z_][a-z0-9_]*$", max_length=60)]
    signature: Text = Field(description="The def line the candidate starts from.")
    examples: list[Example] = Field(min_length=1, max_length=10)
    tests: list[HiddenTest] = Field(min_length=MIN_HIDDEN_TESTS, max_length=40)
    checker: Code | None = Field(default=None, description="Python defining check(args, "
                                 "expected, got) that returns None when got is right, else a "
                                 "sentence; for problems with several right answers.")
    limits: Limits = Field(default_factory=Limits)
    complexity: Complexity
    discussion: Discussion
    solutions: Solutions

    @model_validator(mode="after")
    def _tests_are_complete(self) -> CodingProblem:
        names = [t.name for t in self.tests]
        if len(names) != len(set(names)):
            raise ValueError("hidden test names must be unique")
        groups = {t.group for t in self.tests}
        if not {"edge", "large"} <= groups:
            raise ValueError("hidden tests need at least one 'edge' and one 'large' test")
        if self.checker is None and any("expected" not in t.model_fields_set
                                        and not t.expected_from_reference for t in self.tests):
            raise ValueError("every hidden test needs 'expected' (or expected_from_reference) "
                             "unless the problem has a checker")
        return self

    def starter(self) -> str:
        return f"{self.signature.rstrip()}\n    ...\n"

    def rubric(self) -> Rubric:
        """The discussion as a bank rubric, so it is scored, versioned and reported like any."""
        talk = self.discussion
        return Rubric(id=self.id, version=self.version, round=Round.coding, topic=self.topic,
                      difficulty=self.difficulty, competencies=list(self.competencies),
                      question=f"{self.statement.strip()}\n\n{talk.question}",
                      reference_answer=talk.reference_answer, key_points=list(talk.key_points),
                      red_flags=list(talk.red_flags), anchors=dict(talk.anchors),
                      hints=list(talk.hints))


class ProblemSet:
    """The loaded problems, by id; also a `RubricSource` of their discussion rubrics."""

    def __init__(self, problems: list[CodingProblem]) -> None:
        self._by_id = {p.id: p for p in problems}

    def get(self, problem_id: str) -> CodingProblem:
        """Raises: KeyError."""
        return self._by_id[problem_id]

    def __contains__(self, problem_id: object) -> bool:
        return problem_id in self._by_id

    def __iter__(self) -> Iterator[CodingProblem]:
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)


def load_problems(folder: Path) -> ProblemSet:
    """Every `*.yaml` problem in the folder.

    Raises:
        RubricError: any file is unreadable or invalid, or an id clashes or differs from the
            file name; carries every problem found.
    """
    problems: list[CodingProblem] = []
    found: list[Problem] = []
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        problem, issues = _read(path)
        found.extend(issues)
        if problem is not None:
            if any(p.id == problem.id for p in problems):
                found.append(Problem(str(path), problem.id, "id", "duplicate problem id"))
            problems.append(problem)
    if found:
        raise RubricError(found)
    return ProblemSet(problems)


def _read(path: Path) -> tuple[CodingProblem | None, list[Problem]]:
    source = str(path)
    try:
        data: Any = load_yaml_file(path)
    except (OSError, yaml.YAMLError) as exc:
        return None, [Problem(source, None, "", f"cannot read: {exc}")]
    problem_id = data.get("id") if isinstance(data, dict) else None
    try:
        problem = CodingProblem.model_validate(data)
    except ValidationError as exc:
        return None, [Problem(source, problem_id, ".".join(str(p) for p in e["loc"]), e["msg"])
                      for e in exc.errors()]
    if problem.id != path.stem:
        return None, [Problem(source, problem.id, "id", f"must match the file name "
                              f"{path.stem!r}")]
    return problem, []


def problem_schema_json() -> str:
    """The published JSON Schema of a problem file."""
    schema = CodingProblem.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "mockint coding problem"
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"
