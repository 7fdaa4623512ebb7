"""Evidence photos of volunteer records.

Revision ID: 49f0f010dbe4
Revises: ea2f7e463767
Create Date: 2026-11-26 13:29:19.819257
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "49f0f010dbe4"
down_revision: str | None = "ea2f7e463767"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "volunteer_evidence",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("record_id", sa.Uuid(), nullable=False),
        sa.Column("organization_id", sa.Uuid(), nullable=False),
        sa.Column("content_type", sa.String(length=32), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("stored_name", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_volunteer_evidence_organization_id_organization"),
        ),
        sa.ForeignKeyConstraint(
            ["record_id"],
            ["volunteer_record.id"],
            name=op.f("fk_volunteer_evidence_record_id_volunteer_record"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_volunteer_evidence")),
        sa.UniqueConstraint("stored_name", name=op.f("uq_volunteer_evidence_stored_name")),
    )
    op.create_index(
        op.f("ix_volunteer_evidence_record_id"), "volunteer_evidence", ["record_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_volunteer_evidence_record_id"), table_name="volunteer_evidence")
    op.drop_table("volunteer_evidence")
