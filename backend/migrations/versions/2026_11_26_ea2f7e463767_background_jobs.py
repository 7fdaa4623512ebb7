"""Background jobs: state, progress and the problems found, for large imports.

Revision ID: ea2f7e463767
Revises: f6c2709cb5a5
Create Date: 2026-11-26 13:22:18.632445
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "ea2f7e463767"
down_revision: str | None = "f6c2709cb5a5"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "job",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("dry_run", sa.Boolean(), nullable=False),
        sa.Column("total_rows", sa.Integer(), nullable=False),
        sa.Column("processed_rows", sa.Integer(), nullable=False),
        sa.Column("created_rows", sa.Integer(), nullable=False),
        sa.Column("error_count", sa.Integer(), nullable=False),
        sa.Column("errors", sa.JSON(), nullable=False),
        sa.Column("message", sa.String(length=500), nullable=True),
        sa.Column("created_by_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_job")),
    )
    op.create_index(op.f("ix_job_created_by_id"), "job", ["created_by_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_job_created_by_id"), table_name="job")
    op.drop_table("job")
