"""Choosing a follow-up: what to probe after an answer that is not yet strong.

An interviewer follows up on the most important thing still missing, and only while it is worth
it: never after a strong answer, never after a non-answer (empty, "I don't know", off topic, which
the scorer flags), and never beyond the round's allowance. In a project deep-dive the gaps in the
story come first ("What was your own part?", "How did you measure success?", "What went wrong?"),
because that is what the round assesses; otherwise it is the heaviest missing key point that has a
follow-up question in its rubric. Each target is probed at most once per question.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.engine.events import story_target
from bot.engine.state import QuestionRecord
from bot.engine.tracks import RoundPlan


@dataclass(frozen=True)
class Probe:
    target: str
    """The key point id, or `story:<gap>` for a gap in a project story."""
    key: str | None = None
    """The prompt key that words a story probe; None for a rubric follow-up."""
    text: str = ""
    """The rubric's follow-up question, for a key point probe."""


def choose_probe(record: QuestionRecord, plan: RoundPlan) -> Probe | None:
    scored = record.scored
    if scored is None or scored.grade.strong or scored.result.flags:
        return None
    if len(record.follow_ups) >= plan.follow_ups:
        return None
    probed = {f.target for f in record.follow_ups}
    if scored.story is not None:
        for gap in scored.story.gaps:
            if story_target(gap) not in probed:
                return Probe(target=story_target(gap), key=f"interviewer.probe_{gap}")
    by_id = {kp.id: kp for kp in scored.result.key_points}
    for point_id in scored.result.missing:
        point = by_id.get(point_id)
        if point is not None and point.follow_up and point_id not in probed:
            return Probe(target=point_id, text=point.follow_up)
    return None
