"""Data functions for sessions, turns and idempotency keys: keyword-only, the database first.

Every write to a session is one short transaction guarded by the session's `revision`: a
conditional UPDATE that bumps it, then whatever goes with it (a turn and its idempotency record,
or an override). A writer whose revision moved in the meantime gets `Stale`, rolls back and
decides from fresh rows: an answer computed from an older turn is a `TurnConflict`; an answer or
override that only lost the race to an override recomputes the score and writes again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from api.errors import SessionNotFound, TurnConflict, TurnNotFound
from api.tables import IdempotencyRow, SessionRow, ShareLinkRow, TurnRow, as_utc, utcnow

ABANDONED = "abandoned"
IN_PROGRESS = "in_progress"


class Stale(Exception):
    """The session's revision moved since it was read; nothing was written."""


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


def _bump(db: Session, session_id: str, revision: int, **values: object) -> None:
    """Raises: Stale (after rolling back) when the revision moved."""
    result = db.execute(
        update(SessionRow)
        .where(col(SessionRow.id) == session_id, col(SessionRow.revision) == revision)
        .values(revision=revision + 1, updated_at=utcnow(), **values)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        db.rollback()
        raise Stale()


def record_turn(*, db: Session, session: SessionRow, expected_version: int,
                expected_revision: int, state: str, status: str, score: float | None,
                turn: TurnRow, idempotency: IdempotencyRow | None,
                keys_from: datetime | None = None) -> None:
    """Saves the new engine state with the turn that produced it, or nothing at all.

    `keys_from`: an expired record of the same idempotency key (older than this) is replaced.

    Raises:
        Stale: the session changed since `expected_revision` was read.
        TurnConflict: another turn took this turn's number first.
    """
    _bump(db, session.id, expected_revision, version=expected_version + 1, state=state,
          status=status, score=score)
    db.add(turn)
    if idempotency is not None:
        if keys_from is not None:
            db.execute(delete(IdempotencyRow).where(
                col(IdempotencyRow.session_id) == session.id,
                col(IdempotencyRow.key) == idempotency.key,
                col(IdempotencyRow.created_at) < keys_from))
        db.add(idempotency)
    try:
        db.commit()
    except IntegrityError:
        db.rollback()
        raise TurnConflict() from None


def save_override(*, db: Session, session_id: str, expected_revision: int, n: int, score: float,
                  note: str, by: str, session_score: float | None, state: str) -> None:
    """The state with its override event, the session score it leads to and the turn's override
    columns (for the transcript), in one versioned write.

    Raises: Stale.
    """
    _bump(db, session_id, expected_revision, score=session_score, state=state)
    db.execute(update(TurnRow).where(col(TurnRow.session_id) == session_id, col(TurnRow.n) == n)
               .values(override_score=score, override_note=note, override_by=by,
                       override_at=utcnow()))
    db.commit()


def abandon(*, db: Session, session: SessionRow) -> None:
    """Marks one idle session abandoned (kept, closed to answers). Raises: Stale."""
    _bump(db, session.id, session.revision, status=ABANDONED)
    db.commit()


def find_idempotent(*, db: Session, session_id: str, key: str,
                    newer_than: datetime | None = None) -> IdempotencyRow | None:
    """The stored response for this key, unless it is older than `newer_than` (expired)."""
    row = db.get(IdempotencyRow, (session_id, key), populate_existing=True)
    if row is None or (newer_than is not None and as_utc(row.created_at) < newer_than):
        return None
    return row


def abandon_idle(*, db: Session, idle_since: datetime) -> int:
    """Marks every in-progress session untouched since `idle_since` abandoned; returns how many."""
    result = db.execute(
        update(SessionRow)
        .where(col(SessionRow.status) == IN_PROGRESS, col(SessionRow.updated_at) < idle_since)
        .values(status=ABANDONED, revision=SessionRow.revision + 1)  # type: ignore[operator]
    )
    db.commit()
    return int(result.rowcount)  # type: ignore[attr-defined]


def purge_idempotency(*, db: Session, older_than: datetime) -> int:
    """Deletes expired idempotency records; returns how many."""
    result = db.execute(delete(IdempotencyRow).where(col(IdempotencyRow.created_at) < older_than))
    db.commit()
    return int(result.rowcount)  # type: ignore[attr-defined]


def count_in_progress(*, db: Session) -> int:
    query = select(func.count()).select_from(SessionRow).where(SessionRow.status == IN_PROGRESS)
    return int(db.exec(query).one())


def list_turns(*, db: Session, session_id: str) -> list[TurnRow]:
    query = select(TurnRow).where(TurnRow.session_id == session_id).order_by(col(TurnRow.n))
    return list(db.exec(query).all())


def get_turn(*, db: Session, session_id: str, n: int) -> TurnRow:
    """Raises: TurnNotFound."""
    row = db.get(TurnRow, (session_id, n), populate_existing=True)
    if row is None:
        raise TurnNotFound(n)
    return row


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


def add_share(*, db: Session, session_id: str, token_hash: str, by: str) -> ShareLinkRow:
    row = ShareLinkRow(token_hash=token_hash, session_id=session_id, created_by=by)
    db.add(row)
    db.commit()
    return row


def find_share(*, db: Session, token_hash: str) -> ShareLinkRow | None:
    """The share link with this token's hash, unless it was revoked."""
    row = db.get(ShareLinkRow, token_hash, populate_existing=True)
    return row if row is not None and row.revoked_at is None else None


def revoke_shares(*, db: Session, session_id: str) -> int:
    """Revokes every live share link of a session; returns how many."""
    result = db.execute(update(ShareLinkRow).where(
        col(ShareLinkRow.session_id) == session_id, col(ShareLinkRow.revoked_at).is_(None))
        .values(revoked_at=utcnow()))
    db.commit()
    return int(result.rowcount)  # type: ignore[attr-defined]
