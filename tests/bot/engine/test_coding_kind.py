"""The coding round kind on its own: the flow, the limits, the grade and the replay, with code
results handed in as the adapter would (no sandbox here: the engine only records them)."""

from __future__ import annotations

import pytest

from bot.coding.judge import Judgement
from bot.coding.judge import TestResult as CaseResult
from bot.coding.problem import ProblemSet
from bot.coding.sandbox import OwnTest
from bot.engine import Interviewer, InterviewState, Pool, RoundPlan
from bot.engine.code_limits import CodeLimits
from bot.engine.events import CodeSubmitted, FollowUpAsked
from bot.engine.kinds.coding import TEST_FIRST_SHARE, TESTS_SHARE
from bot.errors import CodeLimitReached, IllegalMove, InputError
from bot.prompts import PromptBook
from bot.rubric.bank import RubricBank
from bot.rubric.model import Round
from bot.runtime import build_problems
from bot.settings import Settings
from tests.bot.engine.conftest import StubScorer, make_track

CODING = RoundPlan(id="code", kind="coding", title="Coding", subject="an algorithm",
                   questions=1, follow_ups=3, pools=[Pool(round=Round.coding)])
SOURCE = "def f():\n    return 1\n"


@pytest.fixture
def coder(bank: RubricBank, prompts: PromptBook, settings: Settings) -> Interviewer:
    track = make_track(rounds=[CODING, make_track().rounds[1]])
    return Interviewer(bank, {"mini": track}, prompts, StubScorer(),
                       problems=build_problems(settings), code_limits=CodeLimits(max_runs=2))


@pytest.fixture
def problems(settings: Settings) -> ProblemSet:
    return build_problems(settings)


def judged(passed: int, total: int = 4, own: int = 0, mode: str = "submit") -> Judgement:
    results = [CaseResult(name=f"t{i}", group="edge" if i == 0 else "basic", passed=i >= total
                          - passed, outcome="ok" if i >= total - passed else "wrong",
                          message="" if i >= total - passed else "expected 1, got 2",
                          description=f"case {i}") for i in range(total)]
    return Judgement(mode="run" if mode == "run" else "submit", results=results,
                     own_tests=[OwnTest(name="test_a", ok=True)] * own)


def test_the_flow_from_approach_to_the_next_round(coder: Interviewer) -> None:
    state = coder.start("mini", seed=4).state
    with pytest.raises(IllegalMove, match="approach"):
        coder.code_problem(state, "submit", SOURCE)
    state = coder.code(state, "run", SOURCE, judged(1, own=1, mode="run")).state
    state = coder.answer(state, "two pointers in linear time <<80>>").state
    assert [f.target for f in state.events if isinstance(f, FollowUpAsked)] == ["code:write"]
    turn = coder.code(state, "submit", SOURCE, judged(2))
    assert "2 of the 4" in " ".join(turn.messages) or "2 out of 4" in " ".join(turn.messages)
    assert "case 0" in turn.messages[-1]
    state = coder.answer(turn.state, "I would guard the empty case <<80>>").state
    asked = [f.target for f in state.events if isinstance(f, FollowUpAsked)]
    assert asked == ["code:write", "code:failure:t0", "code:complexity"]
    state = coder.code(state, "submit", SOURCE, judged(4)).state
    state = coder.answer(state, "O(n) time, O(1) space <<80>>").state
    assert state.phase == "wrap_up"
    report = coder.report(state)
    code = report.questions[0].code
    assert code is not None and code.submissions == 2 and code.runs == 1 and code.test_first
    expected = ((1 - TESTS_SHARE) * 80 + TESTS_SHARE * 100) * (1 - TEST_FIRST_SHARE) \
        + TEST_FIRST_SHARE * 100
    assert report.questions[0].score == pytest.approx(round(expected, 1))


def test_talk_without_code_is_nudged_twice_then_moves_on_with_no_tests(
        coder: Interviewer) -> None:
    state = coder.start("mini", seed=4).state
    for _ in range(3):
        state = coder.answer(state, "a sliding window <<90>>").state
        assert state.phase != "wrap_up"
    state = coder.answer(state, "still talking <<90>>").state
    assert state.phase == "wrap_up"
    question = coder.report(state).questions[0]
    assert question.score is not None and question.score < 50 and question.code is None


def test_limits_are_checked_before_anything_runs(coder: Interviewer) -> None:
    state = coder.start("mini", seed=4).state
    with pytest.raises(InputError, match="source"):
        coder.code_problem(state, "run", "  ")
    with pytest.raises(InputError, match="20,000"):
        coder.code_problem(state, "run", "x" * 20_001)
    for _ in range(2):
        state = coder.code(state, "run", SOURCE, judged(1, mode="run")).state
    with pytest.raises(CodeLimitReached, match="runs"):
        coder.code_problem(state, "run", SOURCE)


def test_code_outside_a_coding_round_is_an_illegal_move(bank: RubricBank, prompts: PromptBook,
                                                        problems: ProblemSet) -> None:
    plain = Interviewer(bank, {"mini": make_track()}, prompts, StubScorer(), problems=problems)
    state = plain.start("mini", seed=4).state
    with pytest.raises(IllegalMove, match="not a coding question"):
        plain.code_problem(state, "run", SOURCE)


def test_the_same_answers_and_code_results_replay_to_the_same_state(coder: Interviewer) -> None:
    def play() -> InterviewState:
        state = coder.start("mini", seed=9).state
        state = coder.answer(state, "approach <<70>>").state
        state = coder.code(state, "submit", SOURCE, judged(3)).state
        return coder.answer(state, "fix it <<70>>").state

    first, again = play(), play()
    assert first.model_dump_json() == again.model_dump_json()
    restored = InterviewState.model_validate_json(first.model_dump_json())
    assert [e for e in restored.events if isinstance(e, CodeSubmitted)][0].source == SOURCE
