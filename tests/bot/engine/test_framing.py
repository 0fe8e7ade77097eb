"""Questions framed by the job the candidate named."""

import random

from bot.engine.framing import frame_question, job_description_terms
from bot.engine.session_context import SessionContext
from bot.prompts import PromptBook
from bot.rubric.bank import RubricBank


def sayer(prompts: PromptBook):  # type: ignore[no-untyped-def]
    rng = random.Random(0)
    return lambda key, **values: prompts.say(key, rng, **values)


def test_a_motivation_question_names_the_role_and_company(
    prompts: PromptBook, bank: RubricBank
) -> None:
    rubric = bank.get("what-draws-you-to-ml-engineering")
    context = SessionContext(role="ML engineer", company="ACME")
    text = frame_question(rubric, context, [], sayer(prompts))
    assert "the ML engineer role at ACME" in text
    assert "what draws you" in text


def test_a_job_description_question_quotes_the_description(
    prompts: PromptBook, bank: RubricBank
) -> None:
    rubric = bank.get("job-description-fit")
    context = SessionContext(job_description="We need NLP, PyTorch and MLOps skills.")
    text = frame_question(rubric, context, ["NLP", "PyTorch", "MLOps"], sayer(prompts))
    assert "NLP, PyTorch and MLOps" in text and rubric.question in text


def test_without_context_the_question_is_the_rubrics(prompts: PromptBook, bank: RubricBank) -> None:
    for rubric_id in ("what-draws-you-to-ml-engineering", "precision-vs-recall"):
        rubric = bank.get(rubric_id)
        assert frame_question(rubric, SessionContext(), [], sayer(prompts)) == rubric.question


def test_job_description_terms_are_few_and_distinct() -> None:
    assert job_description_terms(["NLP", "nlp", "PyTorch", "MLOps", "Docker"]) == [
        "NLP",
        "PyTorch",
        "MLOps",
    ]
