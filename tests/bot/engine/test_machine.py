"""Turn-by-turn behaviour on the mini track with the stub scorer."""

import pytest

from bot.engine import Interviewer, InterviewState
from bot.engine.conversation import Context
from bot.engine.events import AnswerScored, FollowUpAsked, HintGiven, QuestionSkipped
from bot.engine.machine import TRANSITIONS, Move, step
from bot.engine.skills import SkillVocabulary
from bot.engine.state import Phase
from bot.errors import IllegalMove, InterviewFinished, TurnLimitReached
from bot.prompts import PromptBook
from bot.rubric.bank import RubricBank
from tests.bot.engine.conftest import StubScorer, make_track

ASKING: list[Phase] = ["question", "follow_up", "wrap_up"]
INTENTS = ["answer", "skip", "repeat", "hint", "dont_know", "end"]


def events_of(state: InterviewState, kind: type) -> list:
    return [e for e in state.events if isinstance(e, kind)]


def test_start_greets_introduces_the_round_and_asks(mini: Interviewer,
                                                    prompts: PromptBook) -> None:
    turn = mini.start("mini", seed=1, candidate_name="Ada")
    assert len(turn.messages) == 3
    assert "Ada" in turn.messages[0] and "two quick questions" in turn.messages[0]
    assert "some basics" in turn.messages[1]
    assert turn.messages[2] == turn.state.questions()[0].asked.text
    assert "$" not in " ".join(turn.messages)


def test_follow_up_answer_counts_toward_the_same_question(mini: Interviewer,
                                                          stub: StubScorer) -> None:
    state = mini.start("mini", seed=1).state
    state = mini.answer(state, "first part <<50>>").state
    follow_up = events_of(state, FollowUpAsked)[0]
    missing = events_of(state, AnswerScored)[0].result.missing
    assert follow_up.target == missing[0]
    state = mini.answer(state, "second part <<80>>").state
    assert stub.seen[-1][1] == "first part <<50>>\nsecond part <<80>>"
    record = state.questions()[0]
    assert record.answers == ["first part <<50>>", "second part <<80>>"]
    assert record.grade is not None and record.grade.score == 80
    assert len(state.questions()) == 2


def test_no_follow_up_after_a_strong_answer_or_a_non_answer(mini: Interviewer) -> None:
    state = mini.start("mini", seed=1).state
    state = mini.answer(state, "all of it <<90>>").state
    state = mini.answer(state, "qwrtz <<junk>>").state
    assert not events_of(state, FollowUpAsked)
    assert state.phase == "wrap_up"


def test_follow_ups_stop_at_the_rounds_allowance(bank: RubricBank, prompts: PromptBook) -> None:
    track = make_track()
    track = make_track(rounds=[track.rounds[0].model_copy(update={"follow_ups": 2}),
                               track.rounds[1]])
    interviewer = Interviewer(bank, {"mini": track}, prompts, StubScorer())
    state = interviewer.start("mini", seed=1).state
    for _ in range(3):
        state = interviewer.answer(state, "some of it <<50>>").state
    record = state.questions()[0]
    assert len(record.follow_ups) == 2
    assert len({f.target for f in record.follow_ups}) == 2
    assert len(state.questions()) == 2


def test_hints_cost_points_and_run_out(mini: Interviewer, bank: RubricBank) -> None:
    state = mini.start("mini", seed=1).state
    rubric = bank.get(state.questions()[0].asked.rubric_id)
    turn = mini.answer(state, "hint")
    assert rubric.hints[0] in turn.messages[0]
    turn = mini.answer(turn.state, "hint pls")
    assert rubric.hints[1] in turn.messages[0]
    turn = mini.answer(turn.state, "can i get a hint?")
    assert all(h not in turn.messages[0] for h in rubric.hints)
    state = mini.answer(turn.state, "all of it <<95>>").state
    grade = state.questions()[0].grade
    assert grade is not None and grade.score == 75
    assert [(p.kind, p.value, p.delta) for p in grade.parts] == [("hints", 2, -20)]


def test_a_hint_after_an_answer_regrades_the_question(mini: Interviewer) -> None:
    state = mini.start("mini", seed=1).state
    state = mini.answer(state, "some of it <<50>>").state
    state = mini.answer(state, "hint").state
    assert len(events_of(state, HintGiven)) == 1
    assert events_of(state, AnswerScored)[-1].grade.score == 40


@pytest.mark.parametrize(("text", "reason"), [("skp", "skip"), ("i dunno", "dont_know")])
def test_passing_moves_on_with_zero(mini: Interviewer, text: str, reason: str) -> None:
    state = mini.start("mini", seed=1).state
    state = mini.answer(state, text).state
    assert [e.reason for e in events_of(state, QuestionSkipped)] == [reason]
    first = state.questions()[0]
    assert first.grade is not None and first.grade.score == 0
    assert len(state.questions()) == 2


def test_repeat_says_the_pending_question_again(mini: Interviewer) -> None:
    state = mini.start("mini", seed=1).state
    question = state.questions()[0].asked.text
    turn = mini.answer(state, "can you repeat that")
    assert question in turn.messages[0]
    state = mini.answer(turn.state, "some of it <<50>>").state
    follow_up = state.questions()[0].follow_ups[0].text
    turn = mini.answer(state, "say that again?")
    assert follow_up in turn.messages[0]
    assert len(turn.state.questions()) == 1


def test_ending_early_finishes_and_refuses_further_answers(mini: Interviewer) -> None:
    state = mini.start("mini", seed=1).state
    state = mini.answer(state, "let's stop here").state
    assert state.status == "finished"
    assert state.ended is not None and state.ended.reason == "candidate"
    assert [e.reason for e in events_of(state, QuestionSkipped)] == ["ended"]
    assert state.questions()[0].grade is None
    with pytest.raises(InterviewFinished, match="can't answer while the interview is finished"):
        mini.answer(state, "one more thing")


def test_wrap_up_takes_the_candidates_question_and_closes(mini: Interviewer) -> None:
    state = mini.start("mini", seed=1).state
    for text in ["<<95>>", "<<95>>", "repeat"]:
        state = mini.answer(state, text).state
    assert state.phase == "wrap_up"
    turn = mini.answer(state, "What does the team work on next quarter?")
    assert turn.state.status == "finished" and len(turn.messages) == 2
    assert mini.report(turn.state).asked_questions


def test_live_feedback_only_when_the_session_asks(mini: Interviewer) -> None:
    live = mini.start("mini", seed=1, feedback="live").state
    turn = mini.answer(live, "all of it <<95>>")
    assert turn.feedback is not None and turn.feedback.score == 95
    assert "stub feedback 95" in turn.messages
    quiet = mini.answer(mini.start("mini", seed=1).state, "all of it <<95>>")
    assert quiet.feedback is None and "stub feedback 95" not in quiet.messages


def test_every_phase_and_move_has_a_transition() -> None:
    assert {(p, i) for p in ASKING for i in INTENTS} == set(TRANSITIONS)


def test_a_round_that_left_the_track_is_an_illegal_move(mini: Interviewer, bank: RubricBank,
                                                        prompts: PromptBook) -> None:
    state = mini.start("mini", seed=1).state
    track = make_track()
    moved = make_track(rounds=[track.rounds[0].model_copy(update={"id": "renamed"}),
                               track.rounds[1]])
    other = Interviewer(bank, {"mini": moved}, prompts, StubScorer())
    with pytest.raises(IllegalMove, match="can't continue while track 'mini' has no round 'tech'"):
        other.answer(state, "an answer <<70>>")


def test_step_leaves_its_input_alone(mini: Interviewer, bank: RubricBank,
                                     prompts: PromptBook) -> None:
    state = mini.start("mini", seed=1).state
    before = state.model_dump_json()
    ctx = Context(bank=bank, track=make_track(), prompts=prompts, scorer=StubScorer(),
                  skills=SkillVocabulary.from_prompts(prompts))
    new, messages = step(state, Move(intent="answer", text="<<95>>"), ctx)
    assert state.model_dump_json() == before
    assert new.turn > state.turn and messages


def test_a_fourth_repeat_moves_on_to_the_next_question(mini: Interviewer) -> None:
    state = mini.start("mini", seed=1).state
    first = state.questions()[0].asked.rubric_id
    for _ in range(3):
        state = mini.answer(state, "can you repeat that").state
    assert len(state.questions()) == 1
    turn = mini.answer(state, "can you repeat that")
    assert [e.reason for e in events_of(turn.state, QuestionSkipped)] == ["command_limit"]
    assert len(turn.state.questions()) == 2
    assert turn.state.current_question is not None
    assert turn.state.current_question.rubric_id != first
    grade = turn.state.questions()[0].grade
    assert grade is not None and grade.score == 0


def test_hints_and_repeats_count_together_and_keep_an_earlier_answer(mini: Interviewer) -> None:
    state = mini.start("mini", seed=1).state
    state = mini.answer(state, "some of it <<50>>").state
    for text in ("hint", "repeat please", "hint"):
        state = mini.answer(state, text).state
    scored = events_of(state, AnswerScored)[-1].grade.score
    state = mini.answer(state, "say that again?").state
    assert len(state.questions()) == 2
    grade = state.questions()[0].grade
    assert grade is not None and grade.score == scored


def test_a_session_refuses_messages_past_its_turn_limit(bank: RubricBank,
                                                        prompts: PromptBook) -> None:
    capped = Interviewer(bank, {"mini": make_track()}, prompts, StubScorer(), max_turns=2,
                         max_commands=10)
    state = capped.start("mini", seed=1).state
    state = capped.answer(state, "repeat").state
    state = capped.answer(state, "repeat").state
    with pytest.raises(TurnLimitReached, match="MOCKINT_MAX_TURNS"):
        capped.answer(state, "an answer <<90>>")
