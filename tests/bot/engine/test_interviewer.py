"""The public entry points: arguments, errors, and answers scored by the real model."""


import pytest

from bot.engine import Interviewer, Pool, RoundKind, RoundPlan
from bot.engine.events import AnswerScored, CandidateSaid, QuestionSkipped
from bot.errors import AnswerTooLong, InputError, UnknownTrack
from bot.prompts import PromptBook
from bot.rubric.bank import RubricBank
from bot.rubric.model import Round
from tests.bot.engine.conftest import MemoScorer, make_track


def single(topic: str, difficulty: int, round_: Round = Round.technical) -> RoundPlan:
    kind = RoundKind.recruiter if round_ == Round.recruiter else RoundKind.technical
    return RoundPlan(id="only", kind=kind, title="Only", subject="one thing", questions=1,
                     follow_ups=1, start_difficulty=difficulty,
                     pools=[Pool(round=round_, topics=[topic], difficulties=[difficulty])])


def test_unknown_track_names_the_known_ones(mini: Interviewer) -> None:
    with pytest.raises(UnknownTrack, match="no track 'nope'; choose one of mini") as caught:
        mini.start("nope", seed=1)
    assert caught.value.field == "track_id"


def test_bad_session_options_are_input_errors(mini: Interviewer) -> None:
    with pytest.raises(InputError, match="feedback"):
        mini.start("mini", seed=1, feedback="sometimes")  # type: ignore[arg-type]
    with pytest.raises(InputError, match="candidate_name has 81 characters"):
        mini.start("mini", seed=1, candidate_name="x" * 81)


@pytest.mark.parametrize("text", ["", "  \n ", "?!"])
def test_empty_answers_are_refused_and_lose_nothing(mini: Interviewer, text: str) -> None:
    state = mini.start("mini", seed=1).state
    with pytest.raises(InputError, match="empty") as caught:
        mini.answer(state, text)
    assert caught.value.field == "text"
    skipped = mini.answer(state, "skip").state
    assert [q.skipped for q in skipped.questions()][0] is not None  # the same question, skipped


def test_too_long_answers_are_refused(mini: Interviewer) -> None:
    state = mini.start("mini", seed=1).state
    with pytest.raises(AnswerTooLong, match="answer has 5,001 characters; the limit is 5,000"):
        mini.answer(state, "x" * 5001)


def test_command_words_inside_an_answer_are_scored(bank: RubricBank, prompts: PromptBook,
                                                   memo_scorer: MemoScorer) -> None:
    track = make_track(rounds=[single("optimization", 2)])
    interviewer = Interviewer(bank, {"mini": track}, prompts, memo_scorer)
    state = interviewer.start("mini", seed=1).state
    state = interviewer.answer(state, "we had to skip the warm-up epochs").state
    said = [e for e in state.events if isinstance(e, CandidateSaid)]
    assert [e.intent for e in said] == ["answer"]
    assert any(isinstance(e, AnswerScored) for e in state.events)
    assert not any(isinstance(e, QuestionSkipped) for e in state.events)


def test_a_follow_up_answer_adds_to_the_same_key_points(bank: RubricBank, prompts: PromptBook,
                                                        memo_scorer: MemoScorer) -> None:
    track = make_track(rounds=[single("intro", 1, Round.recruiter)])
    interviewer = Interviewer(bank, {"mini": track}, prompts, memo_scorer)
    state = interviewer.start("mini", seed=1).state
    state = interviewer.answer(state, "I'm a machine learning engineer with three years of "
                                      "experience, currently at a logistics company.").state
    record = state.open_question()
    assert record is not None and record.follow_ups and record.scored is not None
    before = {k.id for k in record.scored.result.covered}
    target = record.follow_ups[0].target
    assert target not in before
    state = interviewer.answer(state, "Most recently I built an anomaly detection model on "
                                      "vibration data that cut unplanned downtime by around "
                                      "fifteen percent.").state
    scored = state.questions()[0].scored
    assert scored is not None and scored.rubric_id == record.asked.rubric_id
    after = {k.id for k in scored.result.covered}
    assert before < after and target in after


def test_with_bank_reads_another_source_and_holds_the_same_interview(
        mini: Interviewer, bank: RubricBank) -> None:
    """The service rebinds one interviewer per request: same vocabularies, its own source."""

    class Source:
        def __init__(self) -> None:
            self.asked: list[str] = []

        def get(self, rubric_id: str):  # noqa: ANN202 - a RubricSource
            self.asked.append(rubric_id)
            return bank.get(rubric_id)

        def __iter__(self):  # noqa: ANN204
            return iter(bank)

    source = Source()
    twin = mini.with_bank(source)  # type: ignore[arg-type]
    assert twin.bank is source and mini.bank is bank
    assert twin._commands is mini._commands and twin._skills is mini._skills
    assert twin.start("mini", seed=3).state == mini.start("mini", seed=3).state
