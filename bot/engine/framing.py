"""Asking a rubric's question about the candidate's own job, when they told us which.

Rubric questions are written for any job ("What draws you to an ML engineering role like this
one?"). When the session names the role, the company or gives the job description, a recruiter
asks about that job: "This is for the ML engineer role at ACME Robotics, so: what draws you...",
and a question about the job description quotes what the description asks for ("The job
description mentions NLP, PyTorch and MLOps."). The words come from `prompts/interviewer.yaml`;
this module decides which line applies and fills it, so the scorer still grades against the
rubric's own question.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bot.engine.session_context import JOB_DESCRIPTION_COMPETENCY, SessionContext
from bot.rubric.model import Rubric

ROLE_TOPICS = frozenset({"motivation", "career"})
"""Recruiter topics a role and company make more specific."""
MAX_JD_TERMS = 3
"""Terms quoted from a job description: enough to show it was read, few enough to say aloud."""

Say = Callable[..., str]
"""`say(key, **values)`: one variant of a prompt line, filled (the engine's seeded `say`)."""


def frame_question(
    rubric: Rubric, context: SessionContext, jd_terms: Sequence[str], say: Say
) -> str:
    """The question as the candidate hears it: the rubric's, framed by the job when known."""
    question = rubric.question
    if JOB_DESCRIPTION_COMPETENCY in rubric.competencies and context.has_job_description:
        if jd_terms:
            return say(
                "interviewer.frame_job_description", terms=_listed(jd_terms), question=question
            )
        return say("interviewer.frame_job_description_read", question=question)
    if (
        rubric.round == "recruiter"
        and rubric.topic in ROLE_TOPICS
        and (context.role or context.company)
    ):
        return say("interviewer.frame_role", role=context.role_name, question=_lower(question))
    return question


def job_description_terms(found_terms: Sequence[str]) -> list[str]:
    """The first few distinct terms a job description names, as written in the vocabulary."""
    seen: list[str] = []
    for term in found_terms:
        if term.lower() not in {t.lower() for t in seen}:
            seen.append(term)
        if len(seen) == MAX_JD_TERMS:
            break
    return seen


def _listed(terms: Sequence[str]) -> str:
    if len(terms) == 1:
        return terms[0]
    return f"{', '.join(terms[:-1])} and {terms[-1]}"


def _lower(question: str) -> str:
    """Lower-cases the first letter for use after a colon, unless it starts an acronym or "I"."""
    first = question.split(" ", 1)[0]
    if first == "I" or first.startswith("I'") or (len(first) > 1 and first[:2].isupper()):
        return question
    return question[:1].lower() + question[1:]
