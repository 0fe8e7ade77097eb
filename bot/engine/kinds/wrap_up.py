"""The wrap-up: no rubric questions; the candidate's own question (or none), then goodbye.

The machine's `wrap_up` phase takes whatever the candidate says as their question; the report
notes whether they asked one, as a debrief would, judged by `candidate_questions.py`: a question
about the team, the work or the process counts; "no questions" or "when can I start?" does not.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from bot.engine.kinds.base import RoundKindModule

if TYPE_CHECKING:
    from bot.engine.tracks import RoundPlan


class WrapUp(RoundKindModule):
    name: ClassVar[str] = "wrap-up"
    intro_key: ClassVar[str] = "interviewer.round_wrap_up"
    closing: ClassVar[bool] = True
    lines = {"interviewer.round_wrap_up": [], "interviewer.wrap_up_thanks": [],
             "interviewer.wrap_up_none": [], "interviewer.wrap_up_repeat": [],
             "interviewer.wrap_up_presumptuous": []}

    def check_plan(self, plan: RoundPlan) -> str | None:
        if plan.questions or plan.pools:
            return "a wrap-up round asks no rubric questions; drop questions and pools"
        return None
