"""SQLModel tables: interview sessions, their turns, idempotency records and rubric versions.

No `from __future__ import annotations` here: SQLModel reads the annotations at class creation.
The engine state is stored whole (JSON) on the session row and written in the same transaction as
the turn that produced it, so an acknowledged answer is never lost and any process can resume.
"""

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Column, Text
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    """Aware UTC: SQLModel stores times as UTC and hands them back aware on every database."""
    return datetime.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """A stored time as aware UTC (a driver may hand it back naive)."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


class SessionRow(SQLModel, table=True):
    __tablename__ = "sessions"

    id: str = Field(primary_key=True, max_length=64)
    track: str = Field(index=True, max_length=80)
    candidate_name: str = Field(default="", max_length=80)
    feedback: str = Field(max_length=8)
    seed: int
    token_hash: str = Field(max_length=64)
    status: str = Field(index=True, max_length=16, description="in_progress, finished or "
                        "abandoned (idle too long).")
    version: int = Field(default=0, description="Turns recorded.")
    revision: int = Field(default=0, sa_column_kwargs={"server_default": "0"},
                          description="Bumped by every write (answer, override, expiry): the "
                          "optimistic-concurrency check.")
    score: float | None = Field(default=None, index=True)
    state: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, index=True)
    updated_at: datetime = Field(default_factory=utcnow, index=True)


class TurnRow(SQLModel, table=True):
    __tablename__ = "turns"

    session_id: str = Field(foreign_key="sessions.id", primary_key=True, max_length=64)
    n: int = Field(primary_key=True, description="1 for the first answer.")
    question: str = Field(sa_column=Column(Text, nullable=False))
    rubric_id: str | None = Field(default=None, max_length=80)
    rubric_version: int | None = None
    answer: str = Field(sa_column=Column(Text, nullable=False))
    intent: str = Field(max_length=16)
    messages: list[str] = Field(sa_column=Column(JSON, nullable=False))
    score: float | None = None
    band: int | None = None
    evidence: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    event_index: int | None = Field(default=None, description="The AnswerScored event's index.")
    override_score: float | None = None
    override_note: str | None = Field(default=None, sa_column=Column(Text))
    override_by: str | None = Field(default=None, max_length=16)
    override_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)


class IdempotencyRow(SQLModel, table=True):
    __tablename__ = "idempotency_keys"

    session_id: str = Field(foreign_key="sessions.id", primary_key=True, max_length=64)
    key: str = Field(primary_key=True, max_length=255)
    request_hash: str = Field(max_length=64)
    response: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, index=True)


class RubricVersionRow(SQLModel, table=True):
    __tablename__ = "rubric_versions"

    rubric_id: str = Field(primary_key=True, max_length=80)
    version: int = Field(primary_key=True)
    round: str = Field(index=True, max_length=16)
    topic: str = Field(index=True, max_length=80)
    content: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    content_hash: str = Field(max_length=64)
    source: str = Field(max_length=8, description="'bank' (a YAML file) or 'api' (an admin).")
    created_at: datetime = Field(default_factory=utcnow)


class ShareLinkRow(SQLModel, table=True):
    """A read-only link to one session's report and transcript; only the token's hash is kept."""

    __tablename__ = "share_links"

    token_hash: str = Field(primary_key=True, max_length=64)
    session_id: str = Field(foreign_key="sessions.id", index=True, max_length=64)
    created_by: str = Field(max_length=16, description="candidate, reviewer or admin.")
    created_at: datetime = Field(default_factory=utcnow)
    revoked_at: datetime | None = None
