"""The recruiter screen: content by rubric, blended with how it was said, and skills noted.

A recruiter cares about communication as well as content, so the first answer to each question is
also judged for length, structure and specifics (`communication.py`); the skills the candidate
names are remembered, so later rounds can steer towards them, and so are the application domains
they say they work in or have never worked in (`domains.py`), for the project deep-dive.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, get_args

from bot.engine.communication import Finding, assess_communication
from bot.engine.events import AnswerScored, DomainsNoted, SkillsNoted
from bot.engine.kinds.base import RoundKindModule

if TYPE_CHECKING:
    from bot.engine.conversation import Draft
    from bot.engine.state import QuestionRecord

FINDINGS: tuple[str, ...] = get_args(Finding)


class Recruiter(RoundKindModule):
    name: ClassVar[str] = "recruiter"
    intro_key: ClassVar[str] = "interviewer.round_recruiter"
    lines = {"interviewer.round_recruiter": ["subject"],
             **{f"report.communication_{f}": [] for f in FINDINGS}}

    def assess(self, draft: Draft, record: QuestionRecord, scored: AnswerScored,
               text: str) -> AnswerScored:
        """Communication is judged on the first answer only: follow-ups are the interviewer's
        doing."""
        previous = record.scored.communication if record.scored else None
        found = previous or assess_communication(text, relevant=not scored.result.flags)
        return scored.model_copy(update={"communication": found})

    def after_answer(self, draft: Draft, text: str) -> None:
        found = draft.ctx.skills.find(text)
        if found.topics:
            draft.add(SkillsNoted(topics=list(found.topics), terms=list(found.terms)))
        said = [a for r in draft.state.questions() if r.kind == self.name for a in r.answers]
        domains = draft.ctx.domains.find(said)
        if (domains.named or domains.denied) and domains != draft.state.domains:
            draft.add(DomainsNoted(named=list(domains.named), denied=list(domains.denied)))

    def notes(self, scored: AnswerScored) -> list[str]:
        found = scored.communication.findings if scored.communication else []
        return [f"communication_{f}" for f in found]
