"""Initial schema: sessions, turns, idempotency keys, rubric versions.

Revision ID: 0001
Revises:
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sessions",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("track", sa.String(80), nullable=False, index=True),
        sa.Column("candidate_name", sa.String(80), nullable=False),
        sa.Column("feedback", sa.String(8), nullable=False),
        sa.Column("seed", sa.Integer, nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False, index=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("score", sa.Float, nullable=True, index=True),
        sa.Column("state", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, index=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "turns",
        sa.Column("session_id", sa.String(64), sa.ForeignKey("sessions.id"), primary_key=True),
        sa.Column("n", sa.Integer, primary_key=True),
        sa.Column("question", sa.Text, nullable=False),
        sa.Column("rubric_id", sa.String(80), nullable=True),
        sa.Column("rubric_version", sa.Integer, nullable=True),
        sa.Column("answer", sa.Text, nullable=False),
        sa.Column("intent", sa.String(16), nullable=False),
        sa.Column("messages", sa.JSON, nullable=False),
        sa.Column("score", sa.Float, nullable=True),
        sa.Column("band", sa.Integer, nullable=True),
        sa.Column("evidence", sa.JSON, nullable=True),
        sa.Column("event_index", sa.Integer, nullable=True),
        sa.Column("override_score", sa.Float, nullable=True),
        sa.Column("override_note", sa.Text, nullable=True),
        sa.Column("override_by", sa.String(16), nullable=True),
        sa.Column("override_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "idempotency_keys",
        sa.Column("session_id", sa.String(64), sa.ForeignKey("sessions.id"), primary_key=True),
        sa.Column("key", sa.String(255), primary_key=True),
        sa.Column("request_hash", sa.String(64), nullable=False),
        sa.Column("response", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "rubric_versions",
        sa.Column("rubric_id", sa.String(80), primary_key=True),
        sa.Column("version", sa.Integer, primary_key=True),
        sa.Column("round", sa.String(16), nullable=False, index=True),
        sa.Column("topic", sa.String(80), nullable=False, index=True),
        sa.Column("content", sa.JSON, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("source", sa.String(8), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    for table in ("idempotency_keys", "turns", "sessions", "rubric_versions"):
        op.drop_table(table)
