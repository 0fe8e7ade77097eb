"""The behavioural interview: real examples, judged for STAR structure and substance.

The seeds' loop ends with a behavioural interview ("teamwork, challenges, what do others say about
you, where do you see yourself"). Interviewers there listen for a specific story (situation,
task, action, result) with the candidate's own part in it, so each answer is read for its STAR
shape (`star.py`) and blended with the rubric score, and the follow-ups ask for a missing part of
the story (the situation, the outcome, their own part) before a missing key point. Numbers and
named techniques, which a project deep-dive presses for, are not asked about here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from bot.engine.events import AnswerScored, story_target
from bot.engine.facts import facts_in, gap_told
from bot.engine.kinds.base import RoundKindModule
from bot.engine.probing import Probe, rubric_probe
from bot.engine.star import Gap, assess_story

if TYPE_CHECKING:
    from bot.engine.conversation import Draft
    from bot.engine.state import QuestionRecord
    from bot.engine.tracks import RoundPlan

STORY_GAPS: tuple[Gap, ...] = ("context", "ownership", "result")
"""The parts of a behavioural story worth a follow-up, in the order an interviewer asks."""


class Behavioral(RoundKindModule):
    name: ClassVar[str] = "behavioral"
    intro_key: ClassVar[str] = "interviewer.round_behavioral"
    lines = {"interviewer.round_behavioral": ["subject"]}

    def assess(self, draft: Draft, record: QuestionRecord, scored: AnswerScored,
               text: str) -> AnswerScored:
        story = assess_story(scored.answer, draft.ctx.skills.find(scored.answer).terms)
        gaps = [g for g in story.gaps if g in STORY_GAPS]
        return scored.model_copy(update={"story": story.model_copy(update={"gaps": gaps})})

    def probe(self, record: QuestionRecord, plan: RoundPlan) -> Probe | None:
        scored = record.scored
        if scored is None or scored.grade.strong or scored.result.flags:
            return None
        if len(record.follow_ups) >= plan.follow_ups:
            return None
        probed = {f.target for f in record.follow_ups}
        facts = facts_in(record.answers)
        for gap in scored.story.gaps if scored.story else []:
            if story_target(gap) not in probed and not gap_told(gap, facts):
                return Probe(target=story_target(gap), key=f"interviewer.probe_{gap}")
        return rubric_probe(record, plan)

    def notes(self, scored: AnswerScored) -> list[str]:
        return [f"story_{g}" for g in (scored.story.gaps if scored.story else [])]
