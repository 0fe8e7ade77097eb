"""The behavioural interview: real examples, judged for STAR structure and substance.

The seeds' loop ends with a behavioural interview ("teamwork, challenges, what do others say about
you, where do you see yourself"). Interviewers there listen for a specific story (situation,
task, action, result) with the candidate's own part in it, so each answer is read for its STAR
shape (`star.py`) and blended with the rubric score, and the follow-ups are the rubric's own,
asked only for what the answer has not said. Numbers and named techniques, which a project
deep-dive presses for, are not held against a behavioural story.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from bot.engine.events import AnswerScored
from bot.engine.kinds.base import RoundKindModule
from bot.engine.probing import Probe, rubric_probe
from bot.engine.star import Gap, assess_story

if TYPE_CHECKING:
    from bot.engine.conversation import Draft
    from bot.engine.state import QuestionRecord
    from bot.engine.tracks import RoundPlan

STORY_GAPS: tuple[Gap, ...] = ("context", "ownership", "result")
"""Parts of a behavioural story the report notes when missing (not numbers or techniques)."""


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
        """The rubric's own follow-up for the heaviest missing point, asked only for what the
        answer has not said (`facts.py`). The story-gap probes of a project deep-dive ("What was
        the goal of the project?") are not used: they misfire on "how would your manager describe
        you?" and on stories whose setting they cannot see; the STAR reading is scored instead."""
        return rubric_probe(record, plan)

    def notes(self, scored: AnswerScored) -> list[str]:
        return [f"story_{g}" for g in (scored.story.gaps if scored.story else [])]
