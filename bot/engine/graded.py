"""An answer's result as the candidate reads it: the question's grade in force, with every blend
and cost shown as an adjustment.

The scorer judges content against the rubric; a round's kind may then blend in how it was said
(communication), the story's shape, or hint costs (`grading.py`). Showing the scorer's number live
and the blended one in the report made the same answer read 68.4 live and 76.3 in the report.
This view is the one number everywhere: live feedback, the transcript's evidence and the report,
with the scorer's own result still stored untouched in the event.
"""

from __future__ import annotations

from bot.engine.events import AnswerScored
from bot.engine.grading import GradePart
from bot.prompts import PromptBook
from bot.scoring.feedback import write_feedback
from bot.scoring.result import Adjustment, ScoreResult

REASONS = {
    "communication": "how it was said (length, structure, specifics): {value:g}/100",
    "story": "the story's shape (situation, own part, obstacles, result, numbers): {value:g}/100",
    "hints": "{value:g} hint(s) used",
}


def part_adjustment(part: GradePart) -> Adjustment:
    reason = REASONS.get(part.kind, part.kind.replace("_", " ") + ": {value:g}")
    return Adjustment(reason=reason.format(value=part.value), effect=f"{part.delta:+g} points")


def shown_result(scored: AnswerScored, prompts: PromptBook, *,
                 band: int | None = None) -> ScoreResult:
    """The scored answer with the grade's score, band and adjustments; the feedback is reworded
    when the grade moved the band, or for `band` (a reviewer's override)."""
    result, grade = scored.result, scored.grade
    extra = [part_adjustment(p) for p in grade.parts]
    shown = result.model_copy(update={"score": grade.score, "band": grade.band,
                                      "adjustments": [*result.adjustments, *extra]})
    if (extra and grade.band != result.band) or band is not None:
        worded = write_feedback(shown, prompts, band=band)
        if worded:
            shown = shown.model_copy(update={"feedback": worded})
    return shown
