"""Volunteer records keep their photo count, filled from the photos already kept.

Revision ID: 12962974e5ef
Revises: 809b9bb8f892
Create Date: 2026-11-28 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "12962974e5ef"
down_revision: str | None = "809b9bb8f892"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("volunteer_record") as batch:
        batch.add_column(sa.Column("photo_count", sa.Integer(), server_default="0", nullable=False))
    op.execute("""
        UPDATE volunteer_record SET photo_count = (
            SELECT COUNT(*) FROM volunteer_evidence
            WHERE volunteer_evidence.record_id = volunteer_record.id
        )
        WHERE EXISTS (
            SELECT 1 FROM volunteer_evidence
            WHERE volunteer_evidence.record_id = volunteer_record.id
        )
    """)


def downgrade() -> None:
    op.execute("ALTER TABLE volunteer_record DROP COLUMN photo_count")
