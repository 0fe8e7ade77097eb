"""What the candidate told us about the job before the interview: role, company, level, and the
job description.

A real recruiter screen is about a particular job: "what draws you to the ML engineer role at
ACME?" is a better question than "why this role?", and a question about "the parts of the job
description that stood out" only makes sense when there is one. The context is stored in the
interview state, so every turn (and a resumed interview) sees the same job; it never changes
during an interview.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from bot.rubric.model import Strict

Level = Literal["junior", "mid", "senior"]
LEVELS: tuple[Level, ...] = ("junior", "mid", "senior")
MAX_ROLE_CHARS = 120
MAX_COMPANY_CHARS = 120
MAX_JOB_DESCRIPTION_CHARS = 8000
"""About three pages: longer than any real job ad, short enough to store with every state."""
JOB_DESCRIPTION_COMPETENCY = "job-description"
"""Rubrics listing this competency expect a job description and are asked only when one was
given."""
START_DIFFICULTY: dict[Level, int] = {"junior": 1, "mid": 2, "senior": 3}
"""Where an adaptive round starts for each level; the round's own start when none is given."""

Short = Annotated[str, StringConstraints(strip_whitespace=True)]


class SessionContext(Strict):
    role: Short = Field(default="", max_length=MAX_ROLE_CHARS, description="e.g. 'ML engineer'.")
    company: Short = Field(default="", max_length=MAX_COMPANY_CHARS)
    level: Level | None = None
    job_description: Short = Field(default="", max_length=MAX_JOB_DESCRIPTION_CHARS)

    @property
    def has_job_description(self) -> bool:
        return bool(self.job_description)

    @property
    def role_name(self) -> str:
        """How the interviewer names the job in a sentence: "the ML engineer role at ACME"."""
        role = f"the {self.role} role" if self.role else "this role"
        return f"{role} at {self.company}" if self.company else role

    def start_difficulty(self, default: int) -> int:
        return START_DIFFICULTY[self.level] if self.level is not None else default
