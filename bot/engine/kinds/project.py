"""The project deep-dive: the story's shape is assessed, and its gaps are probed first.

In a deep-dive the structure, ownership and numbers are much of what is being assessed, so each
answer is also read for STAR structure (`star.py`), and the follow-ups ask for what the story
lacks ("What was your own part?") before any missing rubric key point, skipping what the answers
already say (`facts.py`). The question is about a project in the candidate's own domain, as they
described it in the screen, or, when they named none, one they pick.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from bot.engine.domains import domain_rank, rubric_domain
from bot.engine.events import AnswerScored, story_target
from bot.engine.facts import facts_in, gap_told
from bot.engine.kinds.base import RoundKindModule
from bot.engine.probing import Probe, rubric_probe
from bot.engine.star import GAP_ORDER, assess_story
from bot.rubric.model import Rubric

if TYPE_CHECKING:
    from bot.engine.conversation import Draft
    from bot.engine.state import QuestionRecord
    from bot.engine.tracks import RoundPlan


class Project(RoundKindModule):
    name: ClassVar[str] = "project"
    intro_key: ClassVar[str] = "interviewer.round_project"
    lines = {"interviewer.round_project": ["subject"],
             **{f"interviewer.probe_{g}": [] for g in GAP_ORDER},
             **{f"report.story_{g}": [] for g in GAP_ORDER}}

    def choose(self, draft: Draft, plan: RoundPlan) -> Rubric | None:
        """A project in the candidate's own domain, else one they pick; never one in a domain
        they denied or never named."""
        from bot.engine.selection import choose_question

        found = draft.state.domains
        domains = draft.ctx.domains.terms

        def rank(rubric: Rubric) -> int | None:
            return domain_rank(rubric_domain(rubric.competencies, domains), found)

        return choose_question(draft.state, plan, draft.ctx.bank, rank=rank)

    def assess(self, draft: Draft, record: QuestionRecord, scored: AnswerScored,
               text: str) -> AnswerScored:
        story = assess_story(scored.answer, draft.ctx.skills.find(scored.answer).terms)
        return scored.model_copy(update={"story": story})

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
