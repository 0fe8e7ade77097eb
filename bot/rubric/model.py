"""The rubric format: what a question asks, what a good answer says, and how to grade it.

Pydantic models with `extra="forbid"`, so a misspelt key in a YAML file is an error rather than a
silently ignored field. Only `id`, `question` and `reference_answer` are required; key points are
derived from the reference answer when an author gives none.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

SLUG = r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$"
Slug = Annotated[str, Field(pattern=SLUG, min_length=1, max_length=80)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]


class Round(StrEnum):
    recruiter = "recruiter"
    technical = "technical"
    project = "project"
    behavioral = "behavioral"
    coding = "coding"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class KeyPoint(Strict):
    id: Slug
    text: Text
    weight: float = Field(default=1.0, gt=0, le=10)
    paraphrases: list[Text] = Field(default_factory=list)
    keywords: list[Annotated[str, Field(min_length=1, max_length=80)]] = Field(
        default_factory=list,
        description="Terms matched fuzzily (typos, spellings); list synonyms and abbreviations "
        "as separate entries, e.g. 'SGD' and 'stochastic gradient descent'.",
    )
    follow_up: Text | None = None


class RedFlag(Strict):
    text: Text = Field(description="The misconception as a candidate would state it.")
    explanation: Text = Field(description="Why it is wrong; shown to the candidate.")


class Example(Strict):
    answer: Annotated[str, Field(max_length=4000)]
    expected_score: int = Field(ge=1, le=5, description="Band 1-5 a human grader would give.")
    note: str | None = None


class Rubric(Strict):
    id: Slug
    version: int = Field(default=1, ge=1)
    round: Round = Round.technical
    topic: Slug = "general"
    difficulty: int = Field(default=2, ge=1, le=3)
    competencies: list[Slug] = Field(default_factory=list)
    question: Text
    reference_answer: Text
    key_points: list[KeyPoint] = Field(default_factory=list, max_length=12)
    red_flags: list[RedFlag] = Field(default_factory=list)
    anchors: dict[int, Text] = Field(
        default_factory=dict, description="What a 1, 3 and 5 answer looks like (keys 1-5)."
    )
    hints: list[Text] = Field(default_factory=list)
    examples: list[Example] = Field(default_factory=list)

    @field_validator("anchors")
    @classmethod
    def _anchor_bands(cls, anchors: dict[int, str]) -> dict[int, str]:
        bad = [k for k in anchors if not 1 <= k <= 5]
        if bad:
            raise ValueError(f"anchor keys must be bands 1-5, got {bad}")
        return anchors

    @model_validator(mode="after")
    def _unique_key_point_ids(self) -> Rubric:
        seen: set[str] = set()
        for kp in self.key_points:
            if kp.id in seen:
                raise ValueError(f"key point id {kp.id!r} appears twice")
            seen.add(kp.id)
        return self

    def effective_key_points(self) -> list[KeyPoint]:
        """Key points as written, or derived from the reference answer's sentences."""
        if self.key_points:
            return list(self.key_points)
        return derive_key_points(self.reference_answer)


def derive_key_points(reference: str) -> list[KeyPoint]:
    """One equally weighted key point per sentence of the reference answer."""
    parts = [p.strip() for p in re.split(r"(?<=[.!?;])\s+|\n+", reference) if p.strip()]
    parts = [p for p in parts if re.search(r"[A-Za-z0-9]", p)] or [reference.strip()]
    return [KeyPoint(id=f"point-{i + 1}", text=p) for i, p in enumerate(parts)]
