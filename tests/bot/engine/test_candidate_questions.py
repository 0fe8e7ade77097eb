"""The wrap-up: a real question earns credit; none, or a presumptuous one, does not."""

import pytest

from bot.engine.candidate_questions import judge_questions


@pytest.mark.parametrize(
    "text",
    [
        "What does a typical week look like for the team?",
        "How do you decide which models go to production, and who is on call?",
        "I was wondering how the team handles model monitoring.",
        "No questions from me really, but what are the next steps in the process?",
        "Is the role remote or hybrid?",
        "could you tell me more about the data the team works with",
    ],
)
def test_a_real_question_is_credited(text: str) -> None:
    judgement = judge_questions(text)
    assert judgement.credited and judgement.question


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("No questions... When can I start?", "presumptuous"),
        ("Not really. Did I pass?", "presumptuous"),
        ("How did I do?", "presumptuous"),
        ("No, I think that's everything, thank you.", "none"),
        ("nope", "none"),
        ("You covered everything, thanks!", "none"),
        ("Do you? no", "none"),
    ],
)
def test_no_question_or_a_presumptuous_one_is_not(text: str, verdict: str) -> None:
    judgement = judge_questions(text)
    assert judgement.verdict == verdict and not judgement.credited


def _wrap_up_with(interviewer, text: str):  # type: ignore[no-untyped-def]
    state = interviewer.start("mini", seed=1).state
    while state.phase != "wrap_up":
        state = interviewer.answer(state, "skip").state
    turn = interviewer.answer(state, text)
    return turn, interviewer.report(turn.state)


def test_the_report_credits_only_a_real_question(mini) -> None:  # type: ignore[no-untyped-def]
    turn, report = _wrap_up_with(mini, "No questions... When can I start?")
    assert not report.asked_questions
    assert not any("asked the interviewer" in r for r in report.recommendation.reasons)
    turn, report = _wrap_up_with(mini, "What does the team's first month with a new hire look like?")
    assert report.asked_questions
