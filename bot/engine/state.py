"""The interview state: the session's settings plus the events so far, and the views derived from
them.

`InterviewState` is frozen and round-trips through `model_dump_json()` / `model_validate_json()`;
resuming an interview is validating the stored JSON and calling `Interviewer.answer` again. The
properties (`status`, `phase`, `round_id`, `progress`, `current_question`, `transcript`) are
computed, never stored, so they cannot disagree with the events.

Stored states carry a `format` number. A state saved by an older release is brought up to date on
load by the upcasters in `UPCASTERS`, one step per format, so a renamed or reshaped field never
strands a stored interview; a state newer than this release is refused with a clear message.
Formats:

1. the first release;
2. `QuestionSkipped.reason` may be "command_limit" (the question moved on after too many repeats
   and hints), which format-1 readers would refuse;
3. `ScoreOverridden` events: a reviewer's score for a question, folded into every view.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import Field, model_validator

from bot.engine.domains import DomainsFound
from bot.engine.events import (
    AnswerScored,
    CandidateSaid,
    CodeRan,
    CodeSubmitted,
    DomainsNoted,
    Event,
    FollowUpAsked,
    HintGiven,
    InterviewEnded,
    InterviewerSaid,
    QuestionAsked,
    QuestionSkipped,
    RoundStarted,
    ScoreOverridden,
    SkillsNoted,
)
from bot.engine.grading import SKIPPED, Grade
from bot.engine.kinds import kind_of
from bot.engine.session_context import SessionContext
from bot.rubric.model import Strict
from bot.scoring.result import band_for

FeedbackMode = Literal["end", "live"]
Status = Literal["in_progress", "finished"]
Phase = Literal["question", "follow_up", "wrap_up", "finished"]
STATE_FORMAT = 3
COUNTED_COMMANDS = frozenset({"repeat", "hint"})
"""Commands that leave the question open, so a candidate could repeat them for ever."""


def _format_1_to_2(data: dict[str, Any]) -> dict[str, Any]:
    """Format 2 only adds a skip reason: format-1 events are valid as they are."""
    return data


def _format_2_to_3(data: dict[str, Any]) -> dict[str, Any]:
    """Format 3 only adds an event kind: format-2 events are valid as they are."""
    return data


UPCASTERS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _format_1_to_2,
                                                                     2: _format_2_to_3}
"""format n -> the function that turns a format-n state into format n + 1."""


def upcast(data: dict[str, Any]) -> dict[str, Any]:
    """A stored state's data at the current format.

    Raises:
        ValueError: the state comes from a newer release, or has no upgrade path.
    """
    found = data.get("format", 1)
    if not isinstance(found, int) or found > STATE_FORMAT or found < 1:
        raise ValueError(f"interview state format {found!r} is not one this release reads "
                         f"(1 to {STATE_FORMAT}); upgrade mockint to load it")
    while found < STATE_FORMAT:
        data = {**UPCASTERS[found](data), "format": found + 1}
        found += 1
    return data


class Progress(Strict):
    asked: int
    planned: int


class CurrentQuestion(Strict):
    """What the candidate is being asked right now (a follow-up belongs to its question)."""

    round_id: str
    rubric_id: str
    rubric_version: int
    text: str
    follow_up: str | None = None


class Line(Strict):
    speaker: Literal["interviewer", "candidate"]
    text: str


@dataclass
class QuestionRecord:
    """One question and everything that happened while it was open."""

    asked: QuestionAsked
    kind: str = ""
    """The kind of the round it was asked in, so its own rules apply to it (reports, notes)."""
    answers: list[str] = field(default_factory=list)
    follow_ups: list[FollowUpAsked] = field(default_factory=list)
    hints: list[HintGiven] = field(default_factory=list)
    scored: AnswerScored | None = None
    skipped: QuestionSkipped | None = None
    commands: int = 0
    """Repeats and hints asked for while this question was open."""
    override: ScoreOverridden | None = None
    """A reviewer's score for the question (the latest one), which the report shows."""
    code: list[CodeRan | CodeSubmitted] = field(default_factory=list)
    """Code run or submitted for it (a coding round), in order."""

    @property
    def grade(self) -> Grade | None:
        """The latest grade; a question skipped before any answer grades as zero."""
        if self.scored is not None:
            return self.scored.grade
        return SKIPPED if self.skipped is not None and self.skipped.reason != "ended" else None

    @property
    def final_grade(self) -> Grade | None:
        """The grade in force: a reviewer's override, else the machine's latest grade. The
        interview itself (follow-ups, difficulty) runs on the machine's grade, so an override
        never changes what is asked next."""
        if self.override is None:
            return self.grade
        machine = self.grade
        return Grade(score=self.override.score, band=band_for(self.override.score),
                     parts=machine.parts if machine else [])

    @property
    def pending(self) -> str:
        """The text the candidate is currently answering: the last follow-up, or the question."""
        return self.follow_ups[-1].text if self.follow_ups else self.asked.text


class InterviewState(Strict):
    format: Literal[3] = STATE_FORMAT
    track_id: str
    seed: int
    candidate_name: str = ""
    feedback: FeedbackMode = "end"
    avoid: tuple[str, ...] = Field(default=(), description="Rubric ids from earlier interviews, "
                                   "asked only when nothing else is left.")
    planned: int = Field(ge=0)
    context: SessionContext = Field(default_factory=SessionContext, description="The job the "
                                    "candidate is interviewing for, when they said.")
    events: tuple[Event, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _upcast(cls, data: Any) -> Any:
        return upcast(data) if isinstance(data, dict) else data

    def add(self, *events: Event) -> InterviewState:
        return self.model_copy(update={"events": self.events + events})

    @property
    def turn(self) -> int:
        return len(self.events)

    @property
    def status(self) -> Status:
        return "finished" if self.ended is not None else "in_progress"

    @property
    def ended(self) -> InterviewEnded | None:
        return next((e for e in self.events if isinstance(e, InterviewEnded)), None)

    @property
    def round_started(self) -> RoundStarted | None:
        return next((e for e in reversed(self.events) if isinstance(e, RoundStarted)), None)

    @property
    def round_id(self) -> str | None:
        started = self.round_started
        return started.round_id if started else None

    @property
    def phase(self) -> Phase:
        if self.ended is not None:
            return "finished"
        started = self.round_started
        if started is not None and kind_of(started.kind).closing:
            return "wrap_up"
        record = self.open_question()
        return "follow_up" if record is not None and record.follow_ups else "question"

    @property
    def progress(self) -> Progress:
        asked = sum(1 for e in self.events if isinstance(e, QuestionAsked))
        return Progress(asked=asked, planned=max(self.planned, asked))

    @property
    def current_question(self) -> CurrentQuestion | None:
        record = self.open_question()
        if record is None or self.ended is not None:
            return None
        asked = record.asked
        return CurrentQuestion(round_id=asked.round_id, rubric_id=asked.rubric_id,
                               rubric_version=asked.rubric_version, text=asked.text,
                               follow_up=record.follow_ups[-1].text if record.follow_ups else None)

    @property
    def transcript(self) -> list[Line]:
        lines: list[Line] = []
        for event in self.events:
            if isinstance(event, InterviewerSaid):
                lines.extend(Line(speaker="interviewer", text=m) for m in event.messages)
            elif isinstance(event, CandidateSaid):
                lines.append(Line(speaker="candidate", text=event.text))
        return lines

    @property
    def domains(self) -> DomainsFound:
        """The candidate's domains as last read from the screen (none named before it)."""
        noted = next((e for e in reversed(self.events) if isinstance(e, DomainsNoted)), None)
        if noted is None:
            return DomainsFound(named=(), denied=())
        return DomainsFound(named=tuple(noted.named), denied=tuple(noted.denied))

    @property
    def skills(self) -> SkillsNoted:
        """Every topic and term the candidate has named so far."""
        noted = [e for e in self.events if isinstance(e, SkillsNoted)]
        return SkillsNoted(topics=list(dict.fromkeys(t for e in noted for t in e.topics)),
                           terms=list(dict.fromkeys(t for e in noted for t in e.terms)))

    def questions(self) -> list[QuestionRecord]:
        """Each question asked, in order, with its answers, follow-ups, hints and grade."""
        return _fold(self.events)[0]

    def open_question(self) -> QuestionRecord | None:
        """The question still being discussed; None between rounds, in a wrap-up or at the end."""
        records, is_open = _fold(self.events)
        return records[-1] if records and is_open else None


def _fold(events: tuple[Event, ...]) -> tuple[list[QuestionRecord], bool]:
    records: list[QuestionRecord] = []
    is_open = False
    kind = ""
    for event in events:
        if isinstance(event, RoundStarted):
            kind = event.kind
        if isinstance(event, QuestionAsked):
            records.append(QuestionRecord(asked=event, kind=kind))
            is_open = True
        elif isinstance(event, QuestionSkipped):
            if records:
                records[-1].skipped = event
            is_open = False
        elif isinstance(event, RoundStarted | InterviewEnded):
            is_open = False
        elif isinstance(event, ScoreOverridden):
            if 0 <= event.question < len(records):
                records[event.question].override = event
        elif is_open:
            _attach(records[-1], event)
    return records, is_open


def _attach(record: QuestionRecord, event: Event) -> None:
    if isinstance(event, CandidateSaid) and event.intent == "answer":
        record.answers.append(event.text)
    elif isinstance(event, CandidateSaid) and event.intent in COUNTED_COMMANDS:
        record.commands += 1
    elif isinstance(event, FollowUpAsked):
        record.follow_ups.append(event)
    elif isinstance(event, HintGiven):
        record.hints.append(event)
    elif isinstance(event, AnswerScored):
        record.scored = event
    elif isinstance(event, CodeRan | CodeSubmitted):
        record.code.append(event)
