"""The interviewer's side of a turn: asking, moving on between questions and rounds, closing.

A `Draft` collects the events and messages of one turn on top of the state it started from; the
transition handlers in `machine.py` write to it and `Draft.done()` returns the new state with what
the interviewer said recorded as an `InterviewerSaid` event. Wording is drawn with a generator
seeded by `(seed, turn, "say")`, so a resumed interview says exactly the same words.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from bot.coding.problem import ProblemSet
from bot.engine.domains import DomainVocabulary
from bot.engine.events import Event, InterviewEnded, InterviewerSaid, QuestionAsked, RoundStarted
from bot.engine.framing import frame_question, job_description_terms
from bot.engine.kinds import RoundKindModule, kind_of
from bot.engine.randomness import rng_for
from bot.engine.skills import SkillVocabulary
from bot.engine.speech import say
from bot.engine.state import InterviewState
from bot.engine.tracks import RoundPlan, RubricSource, Track
from bot.errors import IllegalMove
from bot.prompts import PromptBook
from bot.rubric.model import Rubric
from bot.scoring.result import ScoreResult


class AnswerScorer(Protocol):
    """What the engine needs from a scorer: deterministic, so a replay scores the same."""

    def score(self, rubric: Rubric, answer: str, earlier: Sequence[str] = ()) -> ScoreResult: ...


@dataclass(frozen=True)
class Context:
    """Everything a turn reads besides the state; none of it changes during an interview."""

    bank: RubricSource
    track: Track
    prompts: PromptBook
    scorer: AnswerScorer
    skills: SkillVocabulary
    max_commands: int = 3
    """Repeats and hints one question accepts before the interviewer moves on."""
    domains: DomainVocabulary = field(default_factory=lambda: DomainVocabulary({}))
    """The words of each application domain, read from the candidate's screen answers."""
    problems: ProblemSet | None = None
    """Coding problems, for a coding round (None: a track with one fails when it starts)."""


@dataclass
class Draft:
    state: InterviewState
    ctx: Context
    messages: list[str] = field(default_factory=list)
    rng: random.Random = field(init=False)

    def __post_init__(self) -> None:
        self.rng = rng_for(self.state.seed, self.state.turn, "say")

    def add(self, *events: Event) -> None:
        self.state = self.state.add(*events)

    def say(self, key: str, **values: object) -> None:
        self.messages.append(say(self.ctx.prompts, key, self.rng, **values))

    def done(self) -> tuple[InterviewState, list[str]]:
        return self.state.add(InterviewerSaid(messages=list(self.messages))), list(self.messages)

    def plan(self) -> RoundPlan:
        """The current round's plan.

        Raises:
            IllegalMove: the track no longer has the round this interview is in.
        """
        round_id = self.state.round_id or ""
        try:
            return self.ctx.track.round(round_id)
        except KeyError:
            raise IllegalMove("continue", f"track {self.ctx.track.id!r} has no round "
                              f"{round_id!r}") from None

    def kind(self) -> RoundKindModule:
        """The current round's kind: how it asks, scores, probes and reports."""
        return kind_of(self.plan().kind)


def ask(draft: Draft, plan: RoundPlan, rubric: Rubric, first: bool) -> None:
    text = framed(draft, rubric)
    draft.add(QuestionAsked(round_id=plan.id, rubric_id=rubric.id, rubric_version=rubric.version,
                            topic=rubric.topic, difficulty=rubric.difficulty,
                            competencies=list(rubric.competencies), text=text))
    if first:
        draft.messages.append(text)
    else:
        draft.say("interviewer.next_question", question=text)


def framed(draft: Draft, rubric: Rubric) -> str:
    """The rubric's question about the candidate's own job, when the session names it."""
    context = draft.state.context
    found = draft.ctx.skills.find(context.job_description) if context.has_job_description else None
    terms = job_description_terms(found.terms) if found is not None else []
    return frame_question(rubric, context, terms,
                          lambda key, **values: say(draft.ctx.prompts, key, draft.rng, **values))


def advance(draft: Draft) -> None:
    """The next question of this round, else the first of the next round that has one."""
    plan = draft.plan()
    kind = kind_of(plan.kind)
    asked = sum(1 for r in draft.state.questions() if r.asked.round_id == plan.id)
    if not kind.closing and asked < plan.questions:
        rubric = kind.choose(draft, plan)
        if rubric is not None:
            ask(draft, plan, rubric, first=False)
            return
    start_round(draft, draft.ctx.track.rounds.index(plan) + 1)


def start_round(draft: Draft, index: int) -> None:
    """Opens round `index` (or a later one, if a round's pools are used up), or closes."""
    for plan in draft.ctx.track.rounds[index:]:
        kind = kind_of(plan.kind)
        if kind.closing:
            draft.add(RoundStarted(round_id=plan.id, kind=plan.kind))
            draft.say(kind.intro_key)
            return
        rubric = kind.choose(draft, plan)
        if rubric is None:
            continue
        draft.add(RoundStarted(round_id=plan.id, kind=plan.kind))
        draft.say(kind.intro_key, subject=plan.subject)
        ask(draft, plan, rubric, first=True)
        return
    close(draft)


def close(draft: Draft) -> None:
    draft.add(InterviewEnded(reason="completed"))
    draft.say("interviewer.closing")
