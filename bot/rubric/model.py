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


Term = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]


class AxisKind(StrEnum):
    entity = "entity"
    """The things the question sets against each other (L1 vs L2, training vs inference): a
    clause naming the other entity is about something else, not a mistake about this one."""
    property = "property"
    """What is said of an entity (sparse vs shrunk, FP vs FN, on vs off): a clause naming the
    same entity with the other property states the point wrongly."""


class Contrast(Strict):
    """Mutually exclusive alternatives that candidates swap, each with the words that name it."""

    id: Slug
    kind: AxisKind = AxisKind.entity
    poles: dict[Slug, list[Term]] = Field(
        description="Pole name -> the words and phrases that name it (case, plurals and simple "
        "inflections are matched; list synonyms and abbreviations as separate entries).",
    )

    @field_validator("poles")
    @classmethod
    def _two_distinct_poles(cls, poles: dict[str, list[str]]) -> dict[str, list[str]]:
        if len(poles) < 2:
            raise ValueError("a contrast needs at least two poles")
        seen: dict[str, str] = {}
        for pole, terms in poles.items():
            if not terms:
                raise ValueError(f"pole {pole!r} lists no terms")
            for term in terms:
                key = " ".join(term.lower().split())
                if key in seen and seen[key] != pole:
                    raise ValueError(f"term {term!r} names both {seen[key]!r} and {pole!r}")
                seen[key] = pole
        return poles


class MisconceptionKind(StrEnum):
    swapped = "swapped"
    polarity = "polarity"
    formula = "formula"
    complexity = "complexity"
    fact = "fact"


class KeyPoint(Strict):
    id: Slug
    text: Text
    weight: float = Field(default=1.0, gt=0, le=10)
    about: dict[Slug, list[Slug]] = Field(
        default_factory=dict,
        description="Which pole(s) of each contrast this point states, e.g. {metric: [precision], "
        "error: [false-positive]}. Read from the point's text when omitted.",
    )
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
    kind: MisconceptionKind | None = Field(
        default=None, description="swapped, polarity, formula, complexity or fact.")
    contradicts: Slug | None = Field(
        default=None, description="The key point this misconception gets wrong; its text is the "
        "correction the candidate reads.")


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
    contrasts: list[Contrast] = Field(
        default_factory=list,
        description="What the question sets against each other and what candidates swap.",
    )
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

    @model_validator(mode="after")
    def _references_resolve(self) -> Rubric:
        poles = {c.id: set(c.poles) for c in self.contrasts}
        if len(poles) != len(self.contrasts):
            raise ValueError("contrast ids must be unique")
        for kp in self.key_points:
            for axis, named in kp.about.items():
                if axis not in poles:
                    raise ValueError(f"key point {kp.id!r}: about names unknown contrast {axis!r}")
                unknown = sorted(set(named) - poles[axis])
                if unknown or not named:
                    raise ValueError(f"key point {kp.id!r}: about.{axis} names unknown poles "
                                     f"{unknown or named}")
        ids = {kp.id for kp in self.key_points}
        for flag in self.red_flags:
            if flag.contradicts is not None and flag.contradicts not in ids:
                raise ValueError(f"red flag {flag.text[:40]!r}: contradicts unknown key point "
                                 f"{flag.contradicts!r}")
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
