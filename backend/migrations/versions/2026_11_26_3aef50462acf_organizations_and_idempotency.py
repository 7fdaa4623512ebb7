"""Organizations (a materialized-path tree) and idempotency records.

Revision ID: 3aef50462acf
Revises:
Create Date: 2026-11-26 12:32:26.746661
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "3aef50462acf"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "idempotency_record",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("scope", sa.String(length=400), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("request_hash", sa.String(length=64), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=False),
        sa.Column("response_body", sa.Text(), nullable=False),
        sa.Column("response_headers", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_idempotency_record")),
        sa.UniqueConstraint("scope", "key", name=op.f("uq_idempotency_record_scope_key")),
    )
    op.create_table(
        "organization",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("short_name", sa.String(length=100), nullable=True),
        sa.Column(
            "code",
            sa.String(length=64).with_variant(sa.String(length=64, collation="C"), "postgresql"),
            nullable=False,
        ),
        sa.Column("parent_id", sa.Uuid(), nullable=True),
        sa.Column(
            "path",
            sa.String(length=990).with_variant(sa.String(length=990, collation="C"), "postgresql"),
            nullable=False,
        ),
        sa.Column("depth", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "committee", "general_branch", "branch", name="kind", native_enum=False, length=32
            ),
            nullable=False,
        ),
        sa.Column(
            "tier",
            sa.Enum(
                "province",
                "city",
                "county",
                "township",
                "street",
                "village",
                "community",
                "unit",
                name="tier",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "domain",
            sa.Enum(
                "rural",
                "state_owned_enterprise",
                "community",
                "government",
                "university",
                "public_institution",
                "non_public_enterprise",
                "social_organization",
                name="domain",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "formation",
            sa.Enum(
                "standalone",
                "regional_joint",
                "industry_unified",
                "online",
                "regional",
                name="formation",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("flag_weak_and_lax", sa.Boolean(), nullable=False),
        sa.Column("flag_poverty_village", sa.Boolean(), nullable=False),
        sa.Column("flag_old_revolutionary_base", sa.Boolean(), nullable=False),
        sa.Column("flag_ethnic_minority_area", sa.Boolean(), nullable=False),
        sa.Column("flag_border_area", sa.Boolean(), nullable=False),
        sa.Column("flag_poor_area", sa.Boolean(), nullable=False),
        sa.Column("venue_address", sa.String(length=300), nullable=True),
        sa.Column("venue_area_m2", sa.Float(), nullable=True),
        sa.Column("annual_funds", sa.BigInteger(), nullable=True),
        sa.Column("founded_on", sa.Date(), nullable=True),
        sa.Column("contact_phone", sa.String(length=32), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["organization.id"], name=op.f("fk_organization_parent_id_organization")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organization")),
        sa.UniqueConstraint("code", name=op.f("uq_organization_code")),
        sa.UniqueConstraint("path", name=op.f("uq_organization_path")),
    )
    op.create_index(op.f("ix_organization_parent_id"), "organization", ["parent_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_organization_parent_id"), table_name="organization")
    op.drop_table("organization")
    op.drop_table("idempotency_record")
