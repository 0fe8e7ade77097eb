"""Picking the wrong claim to challenge, and reading the reply, with the real scorer."""

from bot.engine import Interviewer, Pool, RoundKind, RoundPlan
from bot.engine.pushback import challenge_for, is_pushback, outcome
from bot.prompts import PromptBook
from bot.rubric.bank import RubricBank
from bot.rubric.model import Round
from bot.scoring.scorer import Scorer
from tests.bot.engine.conftest import make_track

SWAPPED = (
    "Precision is TP over TP plus FN, it tells you how many of the actual positives you found. "
    "Recall is TP over TP plus FP, how many of your positive predictions were right."
)
CORRECTION = (
    "Sorry, I swapped them: precision is TP over TP plus FP, the share of predicted positives "
    "that are right, and recall is TP over TP plus FN, the share of actual positives found."
)
INSISTING = "No, I'm sure: precision is TP over TP plus FN."


def test_a_contradicted_point_is_challenged_in_the_candidates_words(
    scorer: Scorer, bank: RubricBank
) -> None:
    result = scorer.score(bank.get("precision-vs-recall"), SWAPPED)
    challenge = challenge_for(result)
    assert challenge is not None and is_pushback(challenge.target)
    assert challenge.claim in SWAPPED
    assert "TP plus FN" in challenge.claim
    expected = [c.expected for c in result.contradictions]
    assert all(e not in challenge.claim for e in expected if e not in SWAPPED)


def test_a_correction_recovers_credit_and_insisting_does_not(
    scorer: Scorer, bank: RubricBank
) -> None:
    rubric = bank.get("precision-vs-recall")
    before = scorer.score(rubric, SWAPPED)
    challenge = challenge_for(before)
    assert challenge is not None
    corrected = scorer.score(rubric, CORRECTION, earlier=[SWAPPED])
    insisted = scorer.score(rubric, INSISTING, earlier=[SWAPPED])
    assert outcome(challenge.target, before, corrected, CORRECTION) == "corrected"
    assert outcome(challenge.target, before, insisted, INSISTING) == "insisted"
    assert corrected.score > before.score >= insisted.score


def test_a_right_or_junk_answer_is_not_challenged(scorer: Scorer, bank: RubricBank) -> None:
    rubric = bank.get("precision-vs-recall")
    assert challenge_for(scorer.score(rubric, CORRECTION)) is None
    assert challenge_for(scorer.score(rubric, "I don't know, sorry.")) is None


def test_live_feedback_waits_for_the_reply_to_a_challenge(
    scorer: Scorer, bank: RubricBank, prompts: PromptBook
) -> None:
    rubric = bank.get("precision-vs-recall")
    plan = RoundPlan(id="tech", kind=RoundKind.technical, title="Tech", subject="metrics",
                     questions=1, follow_ups=1, pools=[Pool(round=Round.technical)])
    track = make_track(rounds=[plan]).model_copy(update={"pushback": True})
    interviewer = Interviewer(RubricBank(rubrics={rubric.id: rubric}), {"mini": track}, prompts,
                              scorer)
    state = interviewer.start("mini", seed=1, feedback="live").state
    challenged = interviewer.answer(state, SWAPPED)
    assert challenged.feedback is None
    assert any('You said "' in m for m in challenged.messages)
    replied = interviewer.answer(challenged.state, CORRECTION)
    assert replied.feedback is not None
    grade = replied.state.questions()[0].grade
    assert grade is not None and grade.score > 0
