"""Pushing back once on a wrong claim, and judging the reply.

A real interviewer who hears "precision is TP over TP plus FN" does not say "Strong answer"; they
say "Are you sure? Walk me through what precision divides by", once, and listen to the reply. The
scorer already finds the claims that contradict a key point (`ScoreResult.contradictions`) and
the misconceptions stated (`red_flags`); this module picks the one to challenge, quoting the
candidate's own words and never the correct answer, and reads the reply: a correction keeps the
credit the scorer gives back for a point now stated right, while repeating the claim after being
challenged costs extra, because standing by a wrong claim is worse than making it once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.scoring.result import ScoreResult

PUSHBACK_PREFIX = "pushback:"
"""Follow-up targets that are challenges: `pushback:<key point id>` or `pushback:red-flag`."""
RED_FLAG_TARGET = "red-flag"
CORRECTION_SHARE = 0.7
"""A corrected answer is worth at least this share of what the correction alone scores: part of
the credit, since the interviewer had to prompt it and the first answer was wrong."""
INSIST_COST = 10.0
"""Points off when the candidate repeats a challenged claim: as much as a hint, because they were
given the chance to reconsider and did not."""
MAX_CLAIM_CHARS = 160
"""Longer evidence is cut at a word: the challenge quotes the claim, not a paragraph."""

Outcome = Literal["corrected", "insisted", "unclear"]


@dataclass(frozen=True)
class Challenge:
    target: str
    """`pushback:<key point id>`, or `pushback:red-flag` for a stated misconception."""
    claim: str
    """The candidate's own words that state the wrong claim."""


def challenge_for(result: ScoreResult) -> Challenge | None:
    """The wrong claim worth challenging in an answer: a contradicted key point (heaviest first),
    else a stated misconception; None for a junk answer or one with nothing wrong."""
    if result.flags:
        return None
    weights = {kp.id: kp.weight for kp in result.key_points}
    contradicted = sorted(result.contradictions, key=lambda c: -weights.get(c.key_point, 0.0))
    for found in contradicted:
        if found.evidence.strip():
            return Challenge(
                target=f"{PUSHBACK_PREFIX}{found.key_point}", claim=_quote(found.evidence)
            )
    for hit in result.red_flags:
        if hit.evidence.strip():
            return Challenge(
                target=f"{PUSHBACK_PREFIX}{RED_FLAG_TARGET}", claim=_quote(hit.evidence)
            )
    return None


def is_pushback(target: str) -> bool:
    return target.startswith(PUSHBACK_PREFIX)


def outcome(target: str, before: ScoreResult, after: ScoreResult, reply: str,
            alone: ScoreResult | None = None) -> Outcome:
    """How the candidate answered a challenge, from the scores before and after their reply
    (the scorer reads a follow-up together with the earlier answers), the reply's words and,
    when given, the reply scored on its own (`alone`), which shows a correction the joined reading
    can hide under the first answer's mistakes.

    For a key point: corrected when it is no longer only contradicted (the scorer now finds it
    stated right), insisted when it still is. For a misconception: insisted when the reply states
    a listed misconception again, corrected when it does not and the score went up.
    """
    point = target.removeprefix(PUSHBACK_PREFIX)
    if point == RED_FLAG_TARGET:
        said = _words(reply)
        if any(_words(hit.evidence) and _words(hit.evidence) in said for hit in after.red_flags):
            return "insisted"
        fixed = alone is not None and not alone.red_flags and alone.score > before.score
        return "corrected" if after.score > before.score or fixed else "unclear"
    status = {kp.id: kp.status for kp in after.key_points}.get(point)
    own = {kp.id: kp.status for kp in alone.key_points}.get(point) if alone else None
    if own in ("met", "partial"):
        return "corrected"
    if status == "contradicted":
        return "insisted"
    return "corrected" if status in ("met", "partial") else "unclear"


def _words(text: str) -> str:
    return " ".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def _quote(text: str) -> str:
    claim = " ".join(text.split()).strip(" .;,")
    if len(claim) <= MAX_CLAIM_CHARS:
        return claim
    return claim[:MAX_CLAIM_CHARS].rsplit(" ", 1)[0] + "..."
