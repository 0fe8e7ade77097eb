"""Sessions get a revision counter (every write to a session checks and bumps it, so a reviewer's
override and an answer can no longer overwrite each other's score), and the columns that expiry
sweeps read are indexed.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sessions") as batch:
        batch.add_column(sa.Column("revision", sa.Integer, nullable=False, server_default="0"))
    op.create_index("ix_sessions_updated_at", "sessions", ["updated_at"])
    op.create_index("ix_idempotency_keys_created_at", "idempotency_keys", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_idempotency_keys_created_at", "idempotency_keys")
    op.drop_index("ix_sessions_updated_at", "sessions")
    with op.batch_alter_table("sessions") as batch:
        batch.drop_column("revision")
