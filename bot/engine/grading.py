"""One question's grade: the rubric score, blended with how it was said and less the hints used.

The scorer judges content against the rubric. A recruiter screen also judges communication, and a
project deep-dive the shape of the story, so those rounds blend in the findings of
`communication.py` and `star.py`. Each hint costs a fixed number of points. Every step is kept as a
`GradePart`, so the report shows how the number was reached and nothing needs to be recomputed.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from bot.engine.communication import CommunicationFindings
from bot.engine.star import StoryFindings
from bot.rubric.model import Strict
from bot.scoring.result import ScoreResult, band_for

HINT_COST = 10.0
COMMUNICATION_SHARE = 0.25
"""A recruiter cares more about what you say than how, but a one-liner or a ramble costs."""
STORY_SHARE = 0.4
"""In a deep-dive the structure, ownership and numbers are much of what is being assessed."""
STRONG_BAND = 5
"""Band 5 is strong: no follow-up, and the next question is harder. Band 4 still has a gap worth
probing, and keeps the difficulty where it is."""
WEAK_BAND = 2
CONTENT_FLOOR = 20.0
"""Under this rubric score there is no content to speak of, and a blend may only lower it."""

BlendKind = Literal["communication", "story"]


class GradePart(Strict):
    kind: BlendKind | Literal["hints", "tests", "test_first", "pushback"]
    value: float = Field(description="The part's own score (0-100), or the number of hints.")
    delta: float = Field(description="Points it moved the question's score.")


class Grade(Strict):
    score: float = Field(ge=0, le=100)
    band: int = Field(ge=1, le=5)
    parts: list[GradePart] = Field(default_factory=list)

    @property
    def strong(self) -> bool:
        return self.band >= STRONG_BAND

    @property
    def weak(self) -> bool:
        return self.band <= WEAK_BAND


SKIPPED = Grade(score=0.0, band=1)


def grade(result: ScoreResult, *, communication: CommunicationFindings | None = None,
          story: StoryFindings | None = None, hints: int = 0) -> Grade:
    """The question's score after blending and hint costs, with each step recorded.

    An answer the scorer flagged as junk (empty, "don't know", off topic...) is not blended, and
    one with almost no content is only blended down: a well-shaped non-answer must not earn
    points for its shape.
    """
    score = result.score
    parts: list[GradePart] = []
    blends: list[tuple[BlendKind, CommunicationFindings | StoryFindings | None, float]] = [
        ("communication", communication, COMMUNICATION_SHARE), ("story", story, STORY_SHARE),
    ]
    for kind, findings, share in blends:
        if findings is None or result.flags:
            continue
        blended = (1 - share) * score + share * findings.score
        if result.score < CONTENT_FLOOR and blended > score:
            continue
        parts.append(GradePart(kind=kind, value=findings.score, delta=round(blended - score, 1)))
        score = blended
    if hints:
        cost = min(score, HINT_COST * hints)
        parts.append(GradePart(kind="hints", value=hints, delta=-round(cost, 1)))
        score -= cost
    score = round(max(0.0, min(100.0, score)), 1)
    return Grade(score=score, band=band_for(score), parts=parts)
