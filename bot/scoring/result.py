"""What a score says: the number, the band, and the evidence for both.

Every figure here is explainable from the result alone: the fused coverage of each key point, the
sentence that met it, the red flags hit and each adjustment applied to reach the final score.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

BAND_FLOORS = (0.0, 20.0, 40.0, 60.0, 80.0)


def band_for(score: float) -> int:
    """Bands 1-5 cut the 0-100 score into fifths."""
    return max(i + 1 for i, floor in enumerate(BAND_FLOORS) if score >= floor)


class Plain(BaseModel):
    model_config = ConfigDict(frozen=True)


class Contradiction(Plain):
    """A key point stated wrongly, with the words that decided it."""

    key_point: str
    evidence: str = Field(description="The part of the answer that states it wrongly.")
    axis: str = Field(description="The contrast it was read on (a rubric's, the question's "
                      "alternatives, a general opposite, or complexity).")
    said: str = Field(description="The discriminating words the candidate used.")
    expected: str = Field(description="The words the correct statement uses instead.")
    correction: str = Field(description="The key point as it should have been stated.")


Status = Literal["met", "partial", "missing", "contradicted"]


class KeyPointResult(Plain):
    id: str
    text: str
    weight: float
    coverage: float = Field(ge=0, le=1, description="Fused evidence that the point was made.")
    met: bool = Field(description="Stated, and stated correctly.")
    status: Status = Field(default="missing", description="met, partial, missing, or "
                           "contradicted (stated wrongly: earns nothing and costs points).")
    contradiction: Contradiction | None = None
    evidence: str | None = Field(description="The piece of the answer that best makes the point.")
    semantic: float = Field(description="Cosine of the best piece to the point or a paraphrase.")
    alignment: float = Field(description="Share of the point's words the answer has (soft).")
    lexical: float = Field(description="Fuzzy keyword and word hits, question words demoted.")
    keywords_hit: list[str] = Field(default_factory=list)
    follow_up: str | None = None


class RedFlagHit(Plain):
    text: str
    explanation: str
    evidence: str
    similarity: float


class Adjustment(Plain):
    reason: str
    effect: str


class ScoreResult(Plain):
    rubric_id: str
    rubric_version: int
    score: float = Field(ge=0, le=100)
    band: int = Field(ge=1, le=5)
    key_points: list[KeyPointResult]
    missing: list[str] = Field(description="Ids of the key points not met, heaviest first.")
    red_flags: list[RedFlagHit] = Field(default_factory=list)
    contradictions: list[Contradiction] = Field(
        default_factory=list, description="Key points stated wrongly, with the deciding words.")
    flags: list[str] = Field(
        default_factory=list,
        description="Why an answer was treated as junk: empty, dont_know, copies_question, "
        "keyword_list, gibberish, off_topic, repetition.",
    )
    insufficient_evidence: bool = Field(
        default=False,
        description="Too few words to judge (no content sentence): the score is indicative only.",
    )
    adjustments: list[Adjustment] = Field(default_factory=list)
    feedback: str = ""

    @property
    def covered(self) -> list[KeyPointResult]:
        return [kp for kp in self.key_points if kp.met]
