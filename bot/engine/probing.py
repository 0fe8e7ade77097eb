"""Choosing a follow-up: what to probe after an answer that is not yet strong.

An interviewer follows up on the most important thing still missing, and only while it is worth
it: never after a strong answer, never after a non-answer (empty, "I don't know", off topic, which
the scorer flags), and never beyond the round's allowance. Which gap comes first is the round
kind's call (`bot/engine/kinds/`): a project deep-dive asks about the story's gaps before anything
else; by default it is the heaviest missing key point that has a follow-up question in its rubric.
Each target is probed at most once per question.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.engine.facts import facts_in, read_follow_up

if TYPE_CHECKING:
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
    values: tuple[tuple[str, str], ...] = ()
    """Placeholders the prompt key takes (a coding probe names the failed case)."""


def choose_probe(record: QuestionRecord, plan: RoundPlan) -> Probe | None:
    """The follow-up the round's kind asks after this answer, or None to move on."""
    from bot.engine.kinds import kind_of

    return kind_of(plan.kind).probe(record, plan)


def rubric_probe(record: QuestionRecord, plan: RoundPlan) -> Probe | None:
    """The heaviest missing key point with a follow-up, while the allowance lasts, asked only
    for what the answers have not said yet (`facts.py`): "Which model did you use, and how did
    you train it?" after "I fine-tuned a YOLOv8s" becomes "You mentioned YOLOv8s: how did you
    train it?", and a follow-up whose every part was answered is not asked."""
    scored = record.scored
    if scored is None or scored.grade.strong or scored.result.flags:
        return None
    if len(record.follow_ups) >= plan.follow_ups:
        return None
    probed = {f.target for f in record.follow_ups}
    by_id = {kp.id: kp for kp in scored.result.key_points}
    facts = facts_in(record.answers)
    for point_id in scored.result.missing:
        point = by_id.get(point_id)
        if point is None or not point.follow_up or point_id in probed:
            continue
        reading = read_follow_up(point.follow_up, facts)
        if reading.question is not None:
            return Probe(target=point_id, text=reading.question)
    return None
