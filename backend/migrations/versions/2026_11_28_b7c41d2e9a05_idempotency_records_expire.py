"""Idempotency records expire after a day: index their creation time for the sweep.

Revision ID: b7c41d2e9a05
Revises: a7c3e91d5b20
Create Date: 2026-11-28 09:00:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "b7c41d2e9a05"
down_revision: str | None = "a7c3e91d5b20"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        op.f("ix_idempotency_record_created_at"),
        "idempotency_record",
        ["created_at"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_idempotency_record_created_at"), table_name="idempotency_record")
