"""Data functions for sessions, turns and idempotency keys: keyword-only, the database first.

`record_turn` is the one write of an answer: a conditional UPDATE on the session's turn counter
(optimistic concurrency), then the turn row and the idempotency record, in one transaction. A
second answer computed from the same turn finds the counter moved and gets `TurnConflict`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from api.errors import SessionNotFound, TurnConflict, TurnNotFound
from api.tables import IdempotencyRow, SessionRow, TurnRow, utcnow


def add_session(*, db: Session, row: SessionRow) -> SessionRow:
    db.add(row)
    db.commit()
    return row


def get_session(*, db: Session, session_id: str) -> SessionRow:
    """Raises: SessionNotFound."""
    row = db.get(SessionRow, session_id, populate_existing=True)
    if row is None:
        raise SessionNotFound()
    return row


def record_turn(*, db: Session, session: SessionRow, expected_version: int, state: str,
                status: str, score: float | None, turn: TurnRow,
                idempotency: IdempotencyRow | None) -> None:
    """Saves the new engine state with the turn that produced it, or nothing at all.

    Raises:
        TurnConflict: another turn was recorded since `expected_version` was read.
    """
    now = utcnow()
    result = db.execute(
        update(SessionRow)
        .where(col(SessionRow.id) == session.id, col(SessionRow.version) == expected_version)
        .values(version=expected_version + 1, state=state, status=status, score=score,
                updated_at=now)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        db.rollback()
        raise TurnConflict()
    db.add(turn)
    if idempotency is not None:
        db.add(idempotency)
    try:
        db.commit()
    except IntegrityError:
        db.rollback()
        raise TurnConflict() from None


def find_idempotent(*, db: Session, session_id: str, key: str) -> IdempotencyRow | None:
    return db.get(IdempotencyRow, (session_id, key), populate_existing=True)


def list_turns(*, db: Session, session_id: str) -> list[TurnRow]:
    query = select(TurnRow).where(TurnRow.session_id == session_id).order_by(col(TurnRow.n))
    return list(db.exec(query).all())


def get_turn(*, db: Session, session_id: str, n: int) -> TurnRow:
    """Raises: TurnNotFound."""
    row = db.get(TurnRow, (session_id, n))
    if row is None:
        raise TurnNotFound(n)
    return row


def save_override(*, db: Session, turn: TurnRow, score: float, note: str, by: str) -> TurnRow:
    turn.override_score = score
    turn.override_note = note
    turn.override_by = by
    turn.override_at = utcnow()
    db.add(turn)
    return turn


def set_score(*, db: Session, session: SessionRow, score: float | None) -> None:
    session.score = score
    db.add(session)


@dataclass(frozen=True)
class SessionFilter:
    track: str | None = None
    status: str | None = None
    created_from: datetime | None = None
    created_to: datetime | None = None
    score_min: float | None = None
    score_max: float | None = None


def list_sessions(*, db: Session, where: SessionFilter, limit: int,
                  offset: int) -> tuple[list[SessionRow], int]:
    """One page of sessions, newest first, and how many match in all."""
    conditions = []
    if where.track is not None:
        conditions.append(col(SessionRow.track) == where.track)
    if where.status is not None:
        conditions.append(col(SessionRow.status) == where.status)
    if where.created_from is not None:
        conditions.append(col(SessionRow.created_at) >= where.created_from)
    if where.created_to is not None:
        conditions.append(col(SessionRow.created_at) <= where.created_to)
    if where.score_min is not None:
        conditions.append(col(SessionRow.score) >= where.score_min)
    if where.score_max is not None:
        conditions.append(col(SessionRow.score) <= where.score_max)
    total = db.exec(select(func.count()).select_from(SessionRow).where(*conditions)).one()
    rows = db.exec(select(SessionRow).where(*conditions)
                   .order_by(col(SessionRow.created_at).desc(), col(SessionRow.id))
                   .limit(limit).offset(offset)).all()
    return list(rows), int(total)
