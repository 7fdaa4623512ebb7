"""Volunteer rollups by subtree, month and kind, filled from the existing pair tallies.

Revision ID: 809b9bb8f892
Revises: 49f0f010dbe4
Create Date: 2026-11-26 13:34:18.679697
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "809b9bb8f892"
down_revision: str | None = "49f0f010dbe4"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "volunteer_rollup",
        sa.Column("organization_id", sa.Uuid(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "volunteer_service",
                "pairing_assistance",
                "demonstration_post",
                "responsibility_zone",
                "public_sentiment_talk",
                "full_agency_service",
                "one_stop_service",
                "cultural_activity",
                "other",
                name="servicekind",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("minutes", sa.BigInteger(), nullable=False),
        sa.Column("records", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_volunteer_rollup_organization_id_organization"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "organization_id", "month", "kind", name=op.f("pk_volunteer_rollup")
        ),
    )
    # Fill the rollups from the pair tallies that already exist: each pair counts once in
    # every subtree holding either of its organizations.
    op.execute("""
        INSERT INTO volunteer_rollup (organization_id, month, kind, minutes, records)
        SELECT ancestor.id, t.month, t.kind, SUM(t.minutes), SUM(t.records)
        FROM volunteer_tally t
        JOIN organization home ON home.id = t.organization_id
        JOIN organization community ON community.id = t.community_id
        JOIN organization ancestor
          ON home.path LIKE ancestor.path || '%' OR community.path LIKE ancestor.path || '%'
        GROUP BY ancestor.id, t.month, t.kind
    """)


def downgrade() -> None:
    op.drop_table("volunteer_rollup")
