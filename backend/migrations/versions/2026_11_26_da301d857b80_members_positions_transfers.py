"""Members, their positions and transfers, and accounts linked to members.

Revision ID: da301d857b80
Revises: 5319e1e8249a
Create Date: 2026-11-26 12:56:27.377509
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "da301d857b80"
down_revision: str | None = "5319e1e8249a"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "member",
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column(
            "gender",
            sa.Enum("male", "female", name="gender", native_enum=False, length=32),
            nullable=True,
        ),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("ethnicity", sa.String(length=20), nullable=True),
        sa.Column("phone", sa.Text(), nullable=True),
        sa.Column("id_number", sa.Text(), nullable=True),
        sa.Column("id_number_hash", sa.String(length=64), nullable=True),
        sa.Column("organization_id", sa.Uuid(), nullable=False),
        sa.Column(
            "status",
            sa.Enum("full", "probationary", name="memberstatus", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("joined_on", sa.Date(), nullable=True),
        sa.Column("is_migrant", sa.Boolean(), nullable=False),
        sa.Column("current_location", sa.String(length=200), nullable=True),
        sa.Column("is_in_service", sa.Boolean(), nullable=False),
        sa.Column("work_unit", sa.String(length=200), nullable=True),
        sa.Column("residence_organization_id", sa.Uuid(), nullable=True),
        sa.Column("registered_on", sa.Date(), nullable=True),
        sa.Column("is_elderly", sa.Boolean(), nullable=False),
        sa.Column("is_in_hardship", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_member_organization_id_organization"),
        ),
        sa.ForeignKeyConstraint(
            ["residence_organization_id"],
            ["organization.id"],
            name=op.f("fk_member_residence_organization_id_organization"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_member")),
        sa.UniqueConstraint("id_number_hash", name=op.f("uq_member_id_number_hash")),
    )
    op.create_index(op.f("ix_member_name"), "member", ["name"], unique=False)
    op.create_index(op.f("ix_member_organization_id"), "member", ["organization_id"], unique=False)
    op.create_index(
        op.f("ix_member_residence_organization_id"),
        "member",
        ["residence_organization_id"],
        unique=False,
    )
    op.create_table(
        "member_position",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("member_id", sa.Uuid(), nullable=False),
        sa.Column("organization_id", sa.Uuid(), nullable=False),
        sa.Column(
            "position",
            sa.Enum(
                "secretary",
                "deputy_secretary",
                "committee_member",
                "party_affairs_worker",
                "instructor",
                "first_secretary",
                name="position",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("dispatched_by", sa.String(length=200), nullable=True),
        sa.Column("started_on", sa.Date(), nullable=True),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["member.id"],
            name=op.f("fk_member_position_member_id_member"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_member_position_organization_id_organization"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_member_position")),
    )
    op.create_index(
        op.f("ix_member_position_member_id"), "member_position", ["member_id"], unique=False
    )
    op.create_index(
        op.f("ix_member_position_organization_id"),
        "member_position",
        ["organization_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_member_position_position"), "member_position", ["position"], unique=False
    )
    op.create_table(
        "member_transfer",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("member_id", sa.Uuid(), nullable=False),
        sa.Column("from_organization_id", sa.Uuid(), nullable=True),
        sa.Column("to_organization_id", sa.Uuid(), nullable=True),
        sa.Column("transferred_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["from_organization_id"],
            ["organization.id"],
            name=op.f("fk_member_transfer_from_organization_id_organization"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["member.id"],
            name=op.f("fk_member_transfer_member_id_member"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["to_organization_id"],
            ["organization.id"],
            name=op.f("fk_member_transfer_to_organization_id_organization"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_member_transfer")),
        sa.UniqueConstraint(
            "member_id", "created_at", name=op.f("uq_member_transfer_member_id_created_at")
        ),
    )
    op.create_index(
        op.f("ix_member_transfer_member_id"), "member_transfer", ["member_id"], unique=False
    )
    # Batch mode: SQLite can only add a foreign key by rebuilding the table.
    with op.batch_alter_table("user_account") as batch:
        batch.add_column(sa.Column("member_id", sa.Uuid(), nullable=True))
        batch.create_unique_constraint(op.f("uq_user_account_member_id"), ["member_id"])
        batch.create_foreign_key(
            op.f("fk_user_account_member_id_member"),
            "member",
            ["member_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("user_account") as batch:
        batch.drop_constraint(op.f("fk_user_account_member_id_member"), type_="foreignkey")
        batch.drop_constraint(op.f("uq_user_account_member_id"), type_="unique")
        batch.drop_column("member_id")
    op.drop_index(op.f("ix_member_transfer_member_id"), table_name="member_transfer")
    op.drop_table("member_transfer")
    op.drop_index(op.f("ix_member_position_position"), table_name="member_position")
    op.drop_index(op.f("ix_member_position_organization_id"), table_name="member_position")
    op.drop_index(op.f("ix_member_position_member_id"), table_name="member_position")
    op.drop_table("member_position")
    op.drop_index(op.f("ix_member_residence_organization_id"), table_name="member")
    op.drop_index(op.f("ix_member_organization_id"), table_name="member")
    op.drop_index(op.f("ix_member_name"), table_name="member")
    op.drop_table("member")
