"""Reviewer endpoints: find sessions, and override a turn's score with a note."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query
from pydantic import BeforeValidator

from api import interviews, store
from api.auth import key_id
from api.deps import CatalogDep, Reviewer, RuntimeDep, SessionDep, SessionId, SettingsDep
from api.errors import responses
from api.schemas import MAX_INT, OverrideCreate, SessionPage, SessionSummary, TurnPublic
from api.views import turn_public
from bot.errors import InputError

router = APIRouter(prefix="/v1/sessions", tags=["review"])
_NUMBER = re.compile(r"^[\s+-]*[\d.]+([eE][+-]?\d+)?\s*$")


def _iso_only(value: object) -> object:
    """The document promises an ISO 8601 date-time; pydantic would also take a bare number as
    Unix time, so refuse it as the malformed input it is."""
    if isinstance(value, str) and _NUMBER.match(value):
        raise ValueError("must be an ISO 8601 date-time such as 2026-01-31T12:00:00Z")
    return value


Moment = Annotated[datetime | None, BeforeValidator(_iso_only)]
TurnNumber = Annotated[int, Path(ge=1, le=MAX_INT, description="1 for the first answer.")]


@router.get("", response_model=SessionPage, responses=responses(401, 403, 422))
def list_sessions(
    db: SessionDep, _who: Reviewer,
    track: Annotated[str | None, Query(max_length=80, pattern=r"^[a-z0-9_-]+$")] = None,
    status: Literal["in_progress", "finished", "abandoned"] | None = None,
    created_from: Moment = None, created_to: Moment = None,
    score_min: Annotated[float | None, Query(ge=0, le=100)] = None,
    score_max: Annotated[float | None, Query(ge=0, le=100)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_INT)] = 0,
) -> SessionPage:
    """Sessions newest first; times are UTC."""
    where = store.SessionFilter(
        track=track, status=status, created_from=_utc(created_from, "created_from"),
        created_to=_utc(created_to, "created_to"), score_min=score_min, score_max=score_max)
    rows, total = store.list_sessions(db=db, where=where, limit=limit, offset=offset)
    items = [SessionSummary(session_id=r.id, track=r.track, candidate_name=r.candidate_name,
                            status=r.status,  # type: ignore[arg-type]
                            score=r.score, turns=r.version, created_at=r.created_at,
                            updated_at=r.updated_at) for r in rows]
    return SessionPage(items=items, total=total, limit=limit, offset=offset)


def _utc(moment: datetime | None, field: str) -> datetime | None:
    """A bound without a time zone is taken as UTC, like every stored time.

    Raises:
        InputError: the bound falls outside the representable years 1-9999 once in UTC.
    """
    if moment is None:
        return None
    if moment.utcoffset() is None:
        return moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        message = f"{field} is outside the years 1-9999 once converted to UTC"
        raise InputError(field, message) from None


@router.patch("/{session_id}/turns/{n}/score", response_model=TurnPublic,
              responses=responses(401, 403, 404, 409, 422))
def override_score(session_id: SessionId, n: TurnNumber, body: OverrideCreate, db: SessionDep,
                   who: Reviewer, runtime: RuntimeDep, settings: SettingsDep,
                   catalog: CatalogDep) -> TurnPublic:
    """Sets the score of the question turn `n` answered (its first answer or a follow-up); the
    machine score stays beside it in transcript and report. A command turn (skip, hint...) or
    the candidate's own question has no score: 409 `turn_not_scored` says why."""
    turn = interviews.override(db=db, runtime=runtime, settings=settings, catalog=catalog,
                               session_id=session_id, n=n, score=body.score, note=body.note,
                               by=key_id(who))
    return turn_public(turn)
