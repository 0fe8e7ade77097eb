import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.engine import Interviewer, InterviewState
from bot.engine.events import AnswerScored, FollowUpAsked, HintGiven, QuestionSkipped
from bot.engine.state import STATE_FORMAT, UPCASTERS


def test_views_follow_the_interview(mini: Interviewer) -> None:
    state = mini.start("mini", seed=3).state
    assert (state.status, state.phase, state.round_id) == ("in_progress", "question", "tech")
    assert (state.progress.asked, state.progress.planned) == (1, 2)
    first = state.questions()[0].asked
    current = state.current_question
    assert current is not None and current.follow_up is None
    assert (current.rubric_id, current.rubric_version, current.text) == (
        first.rubric_id, first.rubric_version, first.text)

    state = mini.answer(state, "Half of it <<50>>").state
    assert state.phase == "follow_up"
    assert state.current_question is not None and state.current_question.follow_up

    state = mini.answer(state, "More <<60>>").state
    state = mini.answer(state, "All of it <<95>>").state
    assert (state.phase, state.round_id, state.current_question) == ("wrap_up", "bye", None)
    assert state.progress.asked == 2

    state = mini.answer(state, "No questions, thanks.").state
    assert (state.status, state.phase) == ("finished", "finished")


def test_transcript_alternates_interviewer_and_candidate(mini: Interviewer) -> None:
    state = mini.start("mini", seed=3).state
    state = mini.answer(state, "An answer <<95>>").state
    speakers = [line.speaker for line in state.transcript]
    assert speakers[0] == "interviewer" and "candidate" in speakers
    assert state.transcript[speakers.index("candidate")].text == "An answer <<95>>"


def test_state_round_trips_through_json_with_every_event_kind(mini: Interviewer) -> None:
    state = mini.start("mini", seed=5, candidate_name="Ada", feedback="live").state
    for text in ["hint", "Half of it <<50>>", "hint please", "skip", "what?", "No."]:
        state = mini.answer(state, text).state
    kinds = {type(e) for e in state.events}
    assert {AnswerScored, FollowUpAsked, HintGiven, QuestionSkipped} <= kinds
    restored = InterviewState.model_validate_json(state.model_dump_json())
    assert restored == state
    assert [type(e) for e in restored.events] == [type(e) for e in state.events]


def test_state_is_frozen_and_strict(mini: Interviewer) -> None:
    state = mini.start("mini", seed=5).state
    with pytest.raises(ValidationError):
        state.seed = 9  # type: ignore[misc]
    data = json.loads(state.model_dump_json())
    data["events"][0]["type"] = "telepathy"
    with pytest.raises(ValidationError):
        InterviewState.model_validate(data)
    data = json.loads(state.model_dump_json()) | {"colour": "blue"}
    with pytest.raises(ValidationError):
        InterviewState.model_validate(data)


FIXTURES = Path(__file__).parent / "fixtures"


def test_a_state_saved_by_the_previous_release_loads_and_continues(
        interviewer: Interviewer) -> None:
    """`state_v1.json` was written by the release before state formats (format 1), mid-way
    through a real interview: it must load, keep every event, and carry on."""
    saved = (FIXTURES / "state_v1.json").read_text()
    assert json.loads(saved)["format"] == 1
    state = InterviewState.model_validate_json(saved)
    assert state.format == STATE_FORMAT
    assert len(state.events) == len(json.loads(saved)["events"])
    assert (state.status, state.phase, state.progress.asked) == ("in_progress", "question", 2)
    before = state.current_question
    turn = interviewer.answer(state, "skip")
    assert turn.state.progress.asked == 3
    assert turn.state.current_question != before
    again = InterviewState.model_validate_json(turn.state.model_dump_json())
    assert again == turn.state and interviewer.report(again).questions


def test_a_state_from_a_newer_release_is_refused_by_name(mini: Interviewer) -> None:
    data = json.loads(mini.start("mini", seed=5).state.model_dump_json())
    with pytest.raises(ValidationError, match="format 99 is not one this release reads"):
        InterviewState.model_validate(data | {"format": 99})


def test_every_older_format_has_an_upcaster() -> None:
    assert sorted(UPCASTERS) == list(range(1, STATE_FORMAT))
