"""The coding round: the candidate talks through an approach, writes Python that runs, and
discusses what the hidden tests found.

A question is one problem from `rubrics/coding/`; its discussion rubric is in the bank under the
problem's id, so the talk is scored like any answer. The flow, one step per turn:

1. The interviewer states the problem and asks for the approach (scored by the discussion rubric).
2. After the approach, it asks for the code: the candidate runs it on the visible examples as
   often as they like (`CodeRan`) and submits it for the hidden tests (`CodeSubmitted`) up to the
   adapter's limit. Talking before any submission gets a nudge to submit, twice; the third
   answer without code moves on, with no tests passed.
3. After a submission with a failed test, the follow-up names the failed case ("your solution
   fails on an empty list: what would you change?"); the candidate may answer or fix and
   resubmit. Then it asks for the complexity and the edge cases. Once those are answered, the
   question closes.

The grade blends the discussion (its rubric score) with the share of hidden tests passed in the
last submission, plus a bonus for code whose first run already had a test of its own (the seeds'
"start by writing a test case"). Running code is the adapter's job (`bot/coding/judge.py`); the
engine only records what came back, so a replayed interview scores the same.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Literal

from bot.engine.events import (
    AnswerScored,
    CodeFindings,
    CodeRan,
    CodeSubmitted,
    CodeTest,
)
from bot.engine.grading import Grade, GradePart, grade
from bot.engine.kinds.base import RoundKindModule
from bot.engine.probing import Probe
from bot.errors import IllegalMove
from bot.scoring.result import band_for

if TYPE_CHECKING:
    from bot.coding.judge import Judgement
    from bot.coding.problem import CodingProblem
    from bot.engine.conversation import Draft
    from bot.engine.report import QuestionReport
    from bot.engine.state import QuestionRecord
    from bot.engine.tracks import RoundPlan

TESTS_SHARE = 0.6
"""Working code is most of what a coding round assesses; the talk is the rest."""
TEST_FIRST_SHARE = 0.1
WRITE = "code:write"
COMPLEXITY = "code:complexity"
FAILURE = "code:failure:"
WAITING = "code:waiting:"
CodeMode = Literal["run", "submit"]
MAX_NUDGES = 2
"""Answers without code the interviewer takes before moving on with no code submitted."""


class Coding(RoundKindModule):
    name: ClassVar[str] = "coding"
    intro_key: ClassVar[str] = "interviewer.round_coding"
    takes_code: ClassVar[bool] = True
    follows_up_strong: ClassVar[bool] = True
    lines = {
        "interviewer.round_coding": ["subject"],
        "interviewer.coding_write": [],
        "interviewer.coding_waiting": [],
        "interviewer.coding_failure": ["case"],
        "interviewer.coding_complexity": [],
        "interviewer.coding_all_passed": ["total"],
        "interviewer.coding_some_failed": ["passed", "total"],
        "interviewer.coding_did_not_load": ["error"],
        "report.coding_too_slow": [],
        "report.coding_edge_cases": [],
        "report.coding_no_test_first": [],
        "report.coding_not_submitted": [],
    }

    def assess(self, draft: Draft, record: QuestionRecord, scored: AnswerScored,
               text: str) -> AnswerScored:
        return scored.model_copy(update={"code": findings(record.code)})

    def regrade(self, scored: AnswerScored, hints: int) -> Grade:
        """The discussion's score, then the tests and the test-first bonus blended in, then the
        hint costs. Unlike the other blends, code counts even when the talk was thin."""
        code = scored.code
        talk = grade(scored.result)
        score = talk.score
        parts: list[GradePart] = []
        if code is not None:
            tests = 100.0 * code.passed / code.total if code.total else 0.0
            blended = (1 - TESTS_SHARE) * score + TESTS_SHARE * tests
            parts.append(GradePart(kind="tests", value=round(tests, 1),
                                   delta=round(blended - score, 1)))
            score = blended
            first = 100.0 if code.test_first else 0.0
            blended = (1 - TEST_FIRST_SHARE) * score + TEST_FIRST_SHARE * first
            parts.append(GradePart(kind="test_first", value=first,
                                   delta=round(blended - score, 1)))
            score = blended
        with_hints = grade(scored.result.model_copy(update={"score": score, "flags": []}),
                           hints=hints)
        parts += with_hints.parts
        final = round(max(0.0, min(100.0, with_hints.score)), 1)
        return Grade(score=final, band=band_for(final), parts=parts)

    def probe(self, record: QuestionRecord, plan: RoundPlan) -> Probe | None:
        return next_probe(record)

    def notes(self, scored: AnswerScored) -> list[str]:
        code = scored.code
        if code is None or not code.submissions:
            return ["coding_not_submitted"]
        keys = []
        if code.too_slow:
            keys.append("coding_too_slow")
        passed, total = code.groups.get("edge", [0, 0])
        if passed < total:
            keys.append("coding_edge_cases")
        if not code.test_first:
            keys.append("coding_no_test_first")
        return keys

    def extend_report(self, record: QuestionRecord, question: QuestionReport) -> QuestionReport:
        from bot.engine.report import CodeReport, CodeTestLine

        submitted = [e for e in record.code if isinstance(e, CodeSubmitted)]
        if not submitted:
            return question
        last = submitted[-1]
        found = findings(record.code)
        return question.model_copy(update={"code": CodeReport(
            problem_id=last.problem_id, language=last.language, source=last.source,
            submissions=len(submitted), runs=sum(isinstance(e, CodeRan) for e in record.code),
            passed=found.passed, total=found.total, groups=found.groups,
            tests=[CodeTestLine(name=t.name, group=t.group, description=t.description,
                                passed=t.passed, outcome=t.outcome, message=t.message)
                   for t in last.tests],
            test_first=found.test_first, own_tests=last.own_tests,
        )})


def findings(code: list[CodeRan | CodeSubmitted]) -> CodeFindings:
    """The last submission's results and the test-first credit (no tests passed before any
    submission: talking about code is not writing it)."""
    submitted = [e for e in code if isinstance(e, CodeSubmitted)]
    test_first = bool(code) and code[0].own_tests > 0
    if not submitted:
        return CodeFindings(passed=0, total=0, test_first=test_first, submissions=0)
    last = submitted[-1]
    groups: dict[str, list[int]] = {}
    for test in last.tests:
        passed, total = groups.get(test.group, [0, 0])
        groups[test.group] = [passed + test.passed, total + 1]
    return CodeFindings(passed=last.passed, total=len(last.tests), groups=groups,
                        test_first=test_first, submissions=len(submitted),
                        too_slow=[t.name for t in last.tests if t.outcome == "timeout"])


def next_probe(record: QuestionRecord) -> Probe | None:
    """The next step of the coding flow after a text answer (see the module docstring)."""
    scored = record.scored
    if scored is None:
        return None
    asked = {f.target for f in record.follow_ups}
    submitted = [e for e in record.code if isinstance(e, CodeSubmitted)]
    if not submitted:
        if WRITE not in asked:
            return Probe(target=WRITE, key="interviewer.coding_write")
        waited = sum(t.startswith(WAITING) for t in asked)
        if waited >= MAX_NUDGES:
            return None
        return Probe(target=f"{WAITING}{waited + 1}", key="interviewer.coding_waiting")
    return after_submission(record, submitted[-1])


def after_submission(record: QuestionRecord, last: CodeSubmitted) -> Probe | None:
    asked = {f.target for f in record.follow_ups}
    failed = next((t for t in last.tests if not t.passed), None)
    if failed is not None and f"{FAILURE}{failed.name}" not in asked:
        case = failed.description or failed.name
        if failed.outcome == "timeout":
            case = f"{case} (too slow)"
        return Probe(target=f"{FAILURE}{failed.name}", key="interviewer.coding_failure",
                     values=(("case", case),))
    if COMPLEXITY not in asked:
        return Probe(target=COMPLEXITY, key="interviewer.coding_complexity")
    return None


def problem_for(draft: Draft, record: QuestionRecord) -> CodingProblem:
    """Raises: IllegalMove when the problem is not loaded (the bank changed under a session)."""
    problems = draft.ctx.problems
    if problems is None or record.asked.rubric_id not in problems:
        raise IllegalMove("run code", f"the problem {record.asked.rubric_id!r} is not loaded")
    return problems.get(record.asked.rubric_id)


def record_code(draft: Draft, record: QuestionRecord, mode: CodeMode, source: str,
                judged: Judgement) -> None:
    """Records a run or a submission and says what the interviewer says about it: nothing for a
    run (the results speak), the results and the next follow-up for a submission."""
    from bot.engine.machine import ask_follow_up

    problem_id, version = record.asked.rubric_id, record.asked.rubric_version  # = the problem's
    own = len(judged.own_tests)
    own_passed = sum(t.ok for t in judged.own_tests)
    if mode == "run":
        draft.add(CodeRan(problem_id=problem_id, passed=judged.passed, total=judged.total,
                          own_tests=own, own_tests_passed=own_passed,
                          load_error=judged.load_error[:500]))
        return
    tests = [CodeTest(name=r.name, group=r.group, passed=r.passed, outcome=r.outcome,
                      message=r.message[:500], description=r.description)
             for r in judged.results]
    submitted = CodeSubmitted(problem_id=problem_id, problem_version=version,
                              source=source, tests=tests, own_tests=own,
                              own_tests_passed=own_passed, load_error=judged.load_error[:500])
    draft.add(submitted)
    fresh = draft.state.open_question()
    assert fresh is not None
    if fresh.scored is not None:
        scored = fresh.scored.model_copy(update={"code": findings(fresh.code)})
        kind = Coding()
        draft.add(scored.model_copy(update={"grade": kind.regrade(scored, len(fresh.hints))}))
    if judged.load_error:
        draft.say("interviewer.coding_did_not_load", error=judged.load_error[:300])
    elif submitted.passed == len(tests):
        draft.say("interviewer.coding_all_passed", total=len(tests))
    else:
        draft.say("interviewer.coding_some_failed", passed=submitted.passed, total=len(tests))
    probe = after_submission(fresh, submitted)
    if probe is not None:
        ask_follow_up(draft, fresh, probe)
