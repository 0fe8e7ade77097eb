"""A reviewer's override as an engine event: folded into every view, on the question, not the
turn; refused with a reason for a turn that has no score."""

from __future__ import annotations

import re

import pytest

from bot.engine import Interviewer, InterviewState
from bot.engine.overrides import without_overrides
from bot.errors import NotOverridable


def play(interviewer: Interviewer, answers: list[str]) -> InterviewState:
    state = interviewer.start("mini", seed=1, candidate_name="Ada").state
    for text in answers:
        state = interviewer.answer(state, text).state
    return state


def test_an_override_on_a_follow_up_turn_sets_the_question_and_every_aggregate(
        mini: Interviewer) -> None:
    state = play(mini, ["some of it <<50>>", "more of it <<60>>", "all of it <<90>>"])
    before = mini.report(state)
    assert before.questions[0].follow_ups, "turn 2 answered a follow-up"
    changed = mini.override(state, turn=2, score=5, note="mostly recited", by="reviewer:ab12")
    report = mini.report(changed)
    first = report.questions[0]
    assert first.score == 5 and first.band == 1 and first.machine_score == 60
    assert first.override is not None and first.override.note == "mostly recited"
    assert first.override.by == "reviewer:ab12" and first.override.turn == 2
    assert not first.feedback.startswith(("Strong", "That was", "A good", "Some solid"))
    assert report.rounds[0].score == round((5 + report.questions[1].score) / 2, 1)
    assert report.score < before.score
    assert mini.report(without_overrides(changed)) == before  # the machine's report, kept
    # the same on the main turn: an override names the question, whichever turn it came from
    assert mini.report(mini.override(state, turn=1, score=5, note="x", by="r")).score == report.score


def test_the_interview_runs_on_the_machine_grade_and_a_later_answer_keeps_the_override(
        mini: Interviewer) -> None:
    state = play(mini, ["some of it <<50>>"])
    changed = mini.override(state, turn=1, score=99, note="better than it reads", by="r")
    assert changed.phase == state.phase == "follow_up"  # nothing asked differently
    after = mini.answer(changed, "more of it <<70>>").state
    first = mini.report(after).questions[0]
    assert first.score == 99 and first.machine_score == 70
    assert InterviewState.model_validate_json(after.model_dump_json()) == after


@pytest.mark.parametrize(("answers", "turn", "why"), [
    (["hint", "some of it <<50>>"], 1, "it was a command (hint)"),
    (["skip"], 1, "it was a command (skip)"),
    (["<<90>>", "<<90>>", "Who would I work with?"], 3, "no question was open"),
    (["<<90>>"], 7, "the interview has 1 turns"),
])
def test_a_turn_without_a_score_is_refused_naming_why(mini: Interviewer, answers: list[str],
                                                      turn: int, why: str) -> None:
    state = play(mini, answers)
    with pytest.raises(NotOverridable, match=rf"can't override turn {turn}: .*{re.escape(why)}"):
        mini.override(state, turn=turn, score=50, note="x", by="r")


def test_live_feedback_gives_the_model_answer_only_once_the_question_is_closed(
        mini: Interviewer, bank) -> None:
    state = mini.start("mini", seed=1, feedback="live").state
    rubric = bank.get(state.current_question.rubric_id)  # type: ignore[union-attr]
    open_turn = mini.answer(state, "some of it <<50>>")
    assert open_turn.state.phase == "follow_up"
    assert not any(rubric.reference_answer in m for m in open_turn.messages)
    closed = mini.answer(open_turn.state, "more of it <<60>>")
    assert any(m.endswith(rubric.reference_answer.strip()) for m in closed.messages)
    assert closed.feedback is not None and closed.feedback.score == 60
    quiet = mini.start("mini", seed=1).state
    quiet = mini.answer(mini.answer(quiet, "<<50>>").state, "<<60>>")
    assert not any(rubric.reference_answer in m for m in quiet.messages)
