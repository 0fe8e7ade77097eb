"""Holding an interview over HTTP: start, answer, override, and the views (session, transcript,
report).

An answer reads the session and its pinned rubrics, ends that read transaction, scores the answer
holding no connection, then stores the new state with its turn in one short versioned write
(`store.record_turn`). A reviewer's override is an engine event (`ScoreOverridden`) saved with the
state through the same revision check, so neither can overwrite the other's state or score. Nothing
about an interview stays in process memory between requests.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TypeVar

from pydantic import BaseModel
from sqlmodel import Session

from api import auth, store
from api.errors import (
    IdempotencyKeyReused,
    SessionAbandoned,
    TurnConflict,
    WriteConflict,
)
from api.rubrics import RubricCatalog, source_for
from api.runtime import Runtime
from api.schemas import (
    AnswerCreate,
    AnswerReply,
    CurrentQuestionPublic,
    OverridePublic,
    SessionContextPublic,
    SessionCreate,
    SessionCreated,
    SessionPublic,
    Status,
)
from api.states import ParsedStates
from api.tables import IdempotencyRow, SessionRow, TurnRow, as_utc, utcnow
from bot.engine import Interviewer, InterviewState, Report, Track, Turn
from bot.engine.events import AnswerScored, CandidateSaid, InterviewerSaid
from bot.engine.overrides import without_overrides
from bot.engine.report import build_report
from bot.engine.scores import round_scores
from bot.errors import UnknownTrack
from bot.scoring.result import band_for
from bot.settings import Settings

R = TypeVar("R", bound=BaseModel)

WRITE_ATTEMPTS = 5
"""Tries of a versioned write that keeps losing to overrides before giving up with 409."""


def interviewer(runtime: Runtime, settings: Settings, catalog: RubricCatalog, *, db: Session,
                state: InterviewState | None = None) -> Interviewer:
    return runtime.interviewer(settings).with_bank(source_for(catalog, db=db, state=state))


def load_state(row: SessionRow, states: ParsedStates | None = None) -> InterviewState:
    """The row's state; from `states` when an answer of this process just stored it."""
    return states.load(row.state) if states is not None else (
        InterviewState.model_validate_json(row.state))


def _question(state: InterviewState) -> CurrentQuestionPublic | None:
    q = state.current_question
    if q is None:
        return None
    return CurrentQuestionPublic(round=q.round_id, rubric_id=q.rubric_id,
                                 rubric_version=q.rubric_version, text=q.text,
                                 follow_up=q.follow_up)


def status_of(row: SessionRow, state: InterviewState) -> Status:
    """The engine's status, unless the session was abandoned for idleness."""
    return "abandoned" if row.status == store.ABANDONED else state.status


def session_public(row: SessionRow, state: InterviewState | None = None) -> SessionPublic:
    state = state or load_state(row)
    return SessionPublic(
        session_id=row.id, track=row.track, candidate_name=row.candidate_name,
        status=status_of(row, state), round=state.round_id, phase=state.phase,
        progress=state.progress,
        current_question=_question(state), feedback=state.feedback,
        context=SessionContextPublic(**state.context.model_dump()), turns=row.version,
        created_at=row.created_at, updated_at=row.updated_at,
    )


def start(*, db: Session, runtime: Runtime, settings: Settings, catalog: RubricCatalog,
          body: SessionCreate) -> SessionCreated:
    """Raises: UnknownTrack, InputError."""
    seed = body.seed if body.seed is not None else secrets.randbelow(2**31)
    turn = interviewer(runtime, settings, catalog, db=db).start(
        body.track, seed=seed, candidate_name=body.candidate_name, feedback=body.feedback,
        context=body.context())
    token = auth.new_token()
    stored = turn.state.model_dump_json()
    row = store.add_session(db=db, row=SessionRow(
        id=auth.new_session_id(), track=body.track, candidate_name=turn.state.candidate_name,
        feedback=body.feedback, seed=seed, token_hash=auth.token_hash(token),
        status=turn.state.status, state=stored, score=None,
    ))
    runtime.states.keep(stored, turn.state)
    public = session_public(row, turn.state)
    return SessionCreated(**public.model_dump(), candidate_token=token, messages=turn.messages)


def request_hash(body: AnswerCreate) -> str:
    return hashlib.sha256(body.model_dump_json().encode()).hexdigest()


def _keys_from(settings: Settings) -> datetime:
    """Idempotency records older than this have expired."""
    return utcnow() - timedelta(hours=settings.idempotency_hours)


def _replay(db: Session, session_id: str, key: str, digest: str,
            settings: Settings) -> AnswerReply | None:
    """The first response for this key, or None when the key is new (or expired).

    Raises: IdempotencyKeyReused when the key came with another body.
    """
    found = store.find_idempotent(db=db, session_id=session_id, key=key,
                                  newer_than=_keys_from(settings))
    if found is None:
        return None
    if found.request_hash != digest:
        raise IdempotencyKeyReused()
    return AnswerReply.model_validate(found.response)


def _refuse_if_abandoned(db: Session, row: SessionRow, settings: Settings) -> None:
    """An idle session is marked abandoned the first time someone tries to answer it.

    Raises: SessionAbandoned.
    """
    if row.status == store.ABANDONED:
        raise SessionAbandoned()
    idle = utcnow() - as_utc(row.updated_at) > timedelta(minutes=settings.session_idle_minutes)
    if row.status == store.IN_PROGRESS and idle:
        try:
            store.abandon(db=db, session=row)
        except store.Stale:
            return  # someone wrote to it just now: it is not idle after all
        raise SessionAbandoned()


def answer(*, db: Session, runtime: Runtime, settings: Settings, catalog: RubricCatalog,
           row: SessionRow, body: AnswerCreate, key: str | None) -> AnswerReply:
    """Scores an answer and records it, once.

    Raises: InterviewFinished, AnswerTooLong, IllegalMove, TurnConflict, IdempotencyKeyReused,
    SessionAbandoned, TurnLimitReached.
    """
    digest = request_hash(body)
    if key is not None and (done := _replay(db, row.id, key, digest, settings)) is not None:
        return done
    _refuse_if_abandoned(db, row, settings)
    before = load_state(row, runtime.states)
    expected, revision = row.version, row.revision
    engine = interviewer(runtime, settings, catalog, db=db, state=before)
    db.commit()  # ends the read: no connection is held while the answer is scored
    turn = engine.answer(before, body.text)
    reply = AnswerReply(turn=expected + 1, messages=turn.messages, status=turn.state.status,
                        progress=turn.state.progress, current_question=_question(turn.state),
                        feedback=turn.feedback)
    record = _turn_row(row.id, expected + 1, before, turn, body.text)
    return save_turn(
        db=db, runtime=runtime, settings=settings, row=row, before=before, turn=turn,
        record=record, expected=expected, revision=revision, reply=reply, key=key, digest=digest,
        replay=lambda: None if key is None else _replay(db, row.id, key, digest, settings),
        score=lambda state: session_score(runtime, state))


def save_turn(*, db: Session, runtime: Runtime, settings: Settings, row: SessionRow,
              before: InterviewState, turn: Turn, record: TurnRow, expected: int, revision: int,
              reply: R, key: str | None, digest: str, replay: Callable[[], R | None],
              score: Callable[[InterviewState], float]) -> R:
    """Stores a scored turn in one versioned write, and returns `reply` once it is stored.

    Answers and code share it because both race the same two writers. Another turn stored first
    (the version moved) means the candidate sent twice: `replay` returns the first reply when the
    same key was used, else TurnConflict. A reviewer's override meanwhile moves only the revision:
    its events join the new state, the session score is taken again, and the write is retried, up
    to WRITE_ATTEMPTS times (then WriteConflict).

    `expected` and `revision` are the session's as the turn was read.
    """
    for _ in range(WRITE_ATTEMPTS):
        idem = (IdempotencyRow(session_id=row.id, key=key, request_hash=digest,
                               response=reply.model_dump(mode="json")) if key is not None else None)
        stored = turn.state.model_dump_json()
        try:
            store.record_turn(db=db, session=row, expected_version=expected,
                              expected_revision=revision, state=stored,
                              status=turn.state.status, score=score(turn.state),
                              turn=_copy(record), idempotency=idem,
                              keys_from=_keys_from(settings))
            runtime.states.keep(stored, turn.state)
            return reply
        except (store.Stale, TurnConflict):
            fresh = store.get_session(db=db, session_id=row.id)
            if fresh.version != expected:
                if (done := replay()) is not None:
                    return done
                raise TurnConflict() from None
            if fresh.status == store.ABANDONED:
                raise SessionAbandoned() from None
            revision = fresh.revision  # only an override moved it: keep it, rescore, retry
            landed = load_state(fresh).events[len(before.events):]
            turn = turn.model_copy(update={"state": turn.state.add(*landed)})
            db.commit()
    raise WriteConflict("this session")


def _copy(turn: TurnRow) -> TurnRow:
    """A fresh row each try: a rolled-back session may keep the previous object's identity."""
    return TurnRow.model_validate(turn.model_dump())


def override(*, db: Session, runtime: Runtime, settings: Settings, catalog: RubricCatalog,
             session_id: str, n: int, score: float, note: str, by: str) -> TurnRow:
    """A reviewer's score for the question turn `n` answered: a `ScoreOverridden` event added to
    the state, saved with the session score it leads to in one versioned write (the same
    revision check as answers), and retried when an answer or another override lands first.

    Raises: SessionNotFound, TurnNotFound, NotOverridable, WriteConflict.
    """
    for _ in range(WRITE_ATTEMPTS):
        row = store.get_session(db=db, session_id=session_id)
        store.get_turn(db=db, session_id=row.id, n=n)
        state = load_state(row)
        engine = interviewer(runtime, settings, catalog, db=db, state=state)
        db.commit()
        changed = engine.override(state, turn=n, score=score, note=note, by=by, at=utcnow())
        final = report_of(runtime, changed)
        try:
            store.save_override(db=db, session_id=row.id, expected_revision=row.revision, n=n,
                                score=score, note=note, by=by, session_score=final.score,
                                state=changed.model_dump_json())
        except store.Stale:
            continue
        return store.get_turn(db=db, session_id=row.id, n=n)
    raise WriteConflict("this session")


def _turn_row(session_id: str, n: int, before: InterviewState, turn: Turn, text: str) -> TurnRow:
    current = before.current_question
    new_events = turn.state.events[len(before.events):]
    said = next((e for e in new_events if isinstance(e, CandidateSaid)), None)
    scored_at = next((len(before.events) + i for i in reversed(range(len(new_events)))
                      if isinstance(new_events[i], AnswerScored)), None)
    scored = turn.state.events[scored_at] if scored_at is not None else None
    assert scored is None or isinstance(scored, AnswerScored)
    if current is not None:
        question = current.follow_up or current.text
    else:
        question = next((ln.text for ln in reversed(before.transcript)
                         if ln.speaker == "interviewer"), "")
    return TurnRow(
        session_id=session_id, n=n, question=question,
        rubric_id=current.rubric_id if current else None,
        rubric_version=current.rubric_version if current else None,
        answer=text, intent=said.intent if said else "answer", messages=turn.messages,
        score=scored.grade.score if scored else None, band=scored.grade.band if scored else None,
        evidence=(turn.scored or scored.result).model_dump(mode="json") if scored else None,
        event_index=scored_at,
    )


def override_public(turn: TurnRow) -> OverridePublic | None:
    if turn.override_score is None or turn.override_at is None:
        return None
    return OverridePublic(score=turn.override_score, band=band_for(turn.override_score),
                          note=turn.override_note or "", by=turn.override_by or "",
                          at=turn.override_at)


def _track(runtime: Runtime, state: InterviewState) -> Track:
    track = runtime.tracks.get(state.track_id)
    if track is None:
        raise UnknownTrack(state.track_id, list(runtime.tracks))
    return track


def session_score(runtime: Runtime, state: InterviewState) -> float:
    """`report_of(...).score` without the rest of the report: an answer stores only this number
    beside the state, and the wording, recommendation and study plan of a whole report cost more
    than the database write. Raises: UnknownTrack."""
    rounds = round_scores(state.questions(), _track(runtime, state))
    weighted = [(r.score, r.weight) for r in rounds if r.score is not None and r.weight > 0]
    total = sum(w for _, w in weighted)
    return round(sum(s * w for s, w in weighted) / total, 1) if total else 0.0


def report_of(runtime: Runtime, state: InterviewState) -> Report:
    """The report, reviewer overrides folded in (they are events of the state).

    Raises: UnknownTrack."""
    return build_report(state, _track(runtime, state), runtime.prompts)


def machine_report(runtime: Runtime, state: InterviewState) -> Report:
    """The report as the machine scored it, every override left out. Raises: UnknownTrack."""
    return build_report(without_overrides(state), _track(runtime, state), runtime.prompts)


def opening(state: InterviewState) -> list[str]:
    """What the interviewer said before the candidate's first message."""
    lines: list[str] = []
    for event in state.events:
        if isinstance(event, CandidateSaid):
            break
        if isinstance(event, InterviewerSaid):
            lines.extend(event.messages)
    return lines
