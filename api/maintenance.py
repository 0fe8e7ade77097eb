"""Housekeeping for `mockint-api cleanup`: abandon idle sessions and drop expired idempotency keys.

Safe to run from cron on any replica at any time, also while the service serves: each step is
one short UPDATE or DELETE, and abandoning bumps the session's revision, so an answer racing it
is refused rather than written over an abandoned session.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import Session

from api import store
from api.db import make_engine, migrate, startup_lock
from api.tables import utcnow
from bot.settings import Settings


@dataclass(frozen=True)
class Cleaned:
    abandoned: int
    keys_dropped: int


def cleanup(settings: Settings) -> Cleaned:
    """Marks sessions idle past MOCKINT_SESSION_IDLE_MINUTES abandoned (they are kept, readable)
    and deletes idempotency records older than MOCKINT_IDEMPOTENCY_HOURS."""
    engine = make_engine(settings.database_url)
    try:
        with startup_lock(engine):
            migrate(engine)
        now = utcnow()
        with Session(engine) as db:
            abandoned = store.abandon_idle(
                db=db, idle_since=now - timedelta(minutes=settings.session_idle_minutes))
            dropped = store.purge_idempotency(
                db=db, older_than=now - timedelta(hours=settings.idempotency_hours))
    finally:
        engine.dispose()
    return Cleaned(abandoned=abandoned, keys_dropped=dropped)
