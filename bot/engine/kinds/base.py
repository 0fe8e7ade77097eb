"""What a round kind is: one object that decides how its round asks, scores, probes and reports.

The engine's generic parts (the state machine, the conversation, the report) never test a kind by
name; they call the round's kind through these hooks. A new kind is one module defining a subclass
and one line in `bot/engine/kinds/__init__.py`; the defaults below are the plain technical round
(rubric questions from the bank, scored by the scorer, follow-ups on the heaviest missing key
point), so a kind overrides only what makes it different.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, ClassVar

from bot.engine.events import AnswerScored
from bot.engine.grading import Grade, grade
from bot.engine.probing import Probe, rubric_probe
from bot.rubric.model import Rubric

if TYPE_CHECKING:
    from bot.engine.conversation import Draft
    from bot.engine.report import QuestionReport
    from bot.engine.state import QuestionRecord
    from bot.engine.tracks import RoundPlan


class RoundKindModule:
    """The default behaviour of a scored round; subclasses set `name` and override hooks."""

    name: ClassVar[str] = ""
    """The `kind` a track names; also stored in `RoundStarted` events, so never rename one."""
    intro_key: ClassVar[str] = ""
    """The prompt key that opens the round (placeholder: `subject`)."""
    closing: ClassVar[bool] = False
    """True for a round that asks no rubric questions but takes the candidate's own and closes
    the interview (the machine's `wrap_up` phase)."""
    lines: ClassVar[Mapping[str, Sequence[str]]] = {}
    """Prompt keys this kind says, with their placeholders, added to `speech.LINES`."""
    takes_code: ClassVar[bool] = False
    """True when the candidate may run and submit code for its questions."""
    follows_up_strong: ClassVar[bool] = False
    """True when the round's follow-ups are steps of its flow (write the code, then talk about
    its complexity) rather than probes for what an answer left out, so a strong answer gets
    them too."""
    max_follow_ups: ClassVar[int] = 3
    """The most follow-ups a track may give one question of this kind (`RoundPlan.follow_ups`):
    past three, probing for what an answer left out turns into an interrogation, while a kind
    whose follow-ups are a fixed walk allows as many as its walk has steps."""

    walk: ClassVar[bool] = False
    """True when the follow-ups are a walk of separate topics (the deep-dive's probes), not one
    question's gaps: "I don't know" to one passes on that one only, and after a challenge is
    settled the walk goes on, where other kinds close the question."""

    def check_plan(self, plan: RoundPlan) -> str | None:
        """Why a track's round of this kind is invalid, or None; the default needs questions."""
        if plan.questions < 1 or not plan.pools:
            return "a scored round needs questions >= 1 and at least one pool"
        return None

    def choose(self, draft: Draft, plan: RoundPlan) -> Rubric | None:
        """The next question's rubric, or None when the round has nothing left to ask."""
        from bot.engine.selection import choose_question

        return choose_question(draft.state, plan, draft.ctx.bank)

    def rubric(self, draft: Draft, rubric_id: str) -> Rubric:
        """The rubric an asked question is scored against."""
        return draft.ctx.bank.get(rubric_id)

    def score(self, draft: Draft, record: QuestionRecord, text: str) -> AnswerScored:
        """Scores everything said about the question so far, so a follow-up adds to its key
        points. The rubric comes from the bank as it is now; the event records the version
        actually used."""
        rubric = self.rubric(draft, record.asked.rubric_id)
        answer = "\n".join([*record.answers, text])
        result = draft.ctx.scorer.score(rubric, text, earlier=record.answers)
        scored = AnswerScored(rubric_id=rubric.id, rubric_version=rubric.version, answer=answer,
                              result=result, grade=grade(result, hints=len(record.hints)))
        scored = self.assess(draft, record, scored, text)
        return scored.model_copy(update={"grade": self.regrade(scored, len(record.hints))})

    def assess(self, draft: Draft, record: QuestionRecord, scored: AnswerScored,
               text: str) -> AnswerScored:
        """Adds the kind's own findings (communication, story...) to a scored answer."""
        return scored

    def regrade(self, scored: AnswerScored, hints: int) -> Grade:
        """The question's grade from the scored answer's findings and the hints used."""
        return grade(scored.result, communication=scored.communication, story=scored.story,
                     hints=hints)

    def after_answer(self, draft: Draft, text: str) -> None:
        """Anything the kind records from an answer besides its score (skills named...)."""

    def probe(self, record: QuestionRecord, plan: RoundPlan) -> Probe | None:
        """The follow-up to ask after an answer, or None to move on."""
        return rubric_probe(record, plan)

    def notes(self, scored: AnswerScored) -> list[str]:
        """Report prompt keys (without `report.`) for what the kind's findings say."""
        return []

    def extend_report(self, record: QuestionRecord, question: QuestionReport) -> QuestionReport:
        """What the kind adds to a question's report entry (a coding round: the code)."""
        return question
