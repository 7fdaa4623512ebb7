"""Volunteer service: activities and sign-ups, records, pledges, and the tallies rollups read.

Revision ID: f6c2709cb5a5
Revises: da301d857b80
Create Date: 2026-11-26 13:04:39.827803
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "f6c2709cb5a5"
down_revision: str | None = "da301d857b80"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "volunteer_activity",
        sa.Column("organization_id", sa.Uuid(), nullable=False),
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
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("place", sa.String(length=200), nullable=True),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=True),
        sa.Column("signed_up", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_volunteer_activity_organization_id_organization"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_volunteer_activity")),
    )
    op.create_index(
        op.f("ix_volunteer_activity_organization_id"),
        "volunteer_activity",
        ["organization_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_volunteer_activity_starts_at"), "volunteer_activity", ["starts_at"], unique=False
    )
    op.create_table(
        "volunteer_tally",
        sa.Column("organization_id", sa.Uuid(), nullable=False),
        sa.Column("community_id", sa.Uuid(), nullable=False),
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
            ["community_id"],
            ["organization.id"],
            name=op.f("fk_volunteer_tally_community_id_organization"),
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_volunteer_tally_organization_id_organization"),
        ),
        sa.PrimaryKeyConstraint(
            "organization_id", "community_id", "month", "kind", name=op.f("pk_volunteer_tally")
        ),
    )
    op.create_table(
        "activity_signup",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("activity_id", sa.Uuid(), nullable=False),
        sa.Column("member_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["volunteer_activity.id"],
            name=op.f("fk_activity_signup_activity_id_volunteer_activity"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f("fk_activity_signup_member_id_member")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activity_signup")),
        sa.UniqueConstraint(
            "activity_id", "member_id", name=op.f("uq_activity_signup_activity_id_member_id")
        ),
    )
    op.create_index(
        op.f("ix_activity_signup_activity_id"), "activity_signup", ["activity_id"], unique=False
    )
    op.create_index(
        op.f("ix_activity_signup_member_id"), "activity_signup", ["member_id"], unique=False
    )
    op.create_table(
        "member_tally",
        sa.Column("member_id", sa.Uuid(), nullable=False),
        sa.Column("organization_id", sa.Uuid(), nullable=False),
        sa.Column("community_id", sa.Uuid(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("minutes", sa.BigInteger(), nullable=False),
        sa.Column("records", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["community_id"],
            ["organization.id"],
            name=op.f("fk_member_tally_community_id_organization"),
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f("fk_member_tally_member_id_member")
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_member_tally_organization_id_organization"),
        ),
        sa.PrimaryKeyConstraint(
            "member_id", "organization_id", "community_id", "month", name=op.f("pk_member_tally")
        ),
    )
    op.create_index(op.f("ix_member_tally_month"), "member_tally", ["month"], unique=False)
    op.create_table(
        "pledge",
        sa.Column("member_id", sa.Uuid(), nullable=False),
        sa.Column("organization_id", sa.Uuid(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "pledged",
                "in_progress",
                "fulfilled",
                "not_fulfilled",
                name="pledgestatus",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("fulfilment_note", sa.Text(), nullable=True),
        sa.Column("reviewed_by_id", sa.Uuid(), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f("fk_pledge_member_id_member")
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_pledge_organization_id_organization"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pledge")),
    )
    op.create_index(op.f("ix_pledge_member_id"), "pledge", ["member_id"], unique=False)
    op.create_index(op.f("ix_pledge_organization_id"), "pledge", ["organization_id"], unique=False)
    op.create_index(op.f("ix_pledge_year"), "pledge", ["year"], unique=False)
    op.create_table(
        "volunteer_record",
        sa.Column("member_id", sa.Uuid(), nullable=False),
        sa.Column("activity_id", sa.Uuid(), nullable=True),
        sa.Column("organization_id", sa.Uuid(), nullable=False),
        sa.Column("community_id", sa.Uuid(), nullable=False),
        sa.Column("served_on", sa.Date(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
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
        sa.Column("beneficiaries", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "pending", "verified", "rejected", name="recordstatus", native_enum=False, length=32
            ),
            nullable=False,
        ),
        sa.Column("reject_reason", sa.String(length=500), nullable=True),
        sa.Column("logged_by_id", sa.Uuid(), nullable=True),
        sa.Column("decided_by_id", sa.Uuid(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["volunteer_activity.id"],
            name=op.f("fk_volunteer_record_activity_id_volunteer_activity"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["community_id"],
            ["organization.id"],
            name=op.f("fk_volunteer_record_community_id_organization"),
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f("fk_volunteer_record_member_id_member")
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_volunteer_record_organization_id_organization"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_volunteer_record")),
    )
    op.create_index(
        op.f("ix_volunteer_record_activity_id"), "volunteer_record", ["activity_id"], unique=False
    )
    op.create_index(
        op.f("ix_volunteer_record_community_id"), "volunteer_record", ["community_id"], unique=False
    )
    op.create_index(
        op.f("ix_volunteer_record_member_id"), "volunteer_record", ["member_id"], unique=False
    )
    op.create_index(
        op.f("ix_volunteer_record_organization_id"),
        "volunteer_record",
        ["organization_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_volunteer_record_served_on"), "volunteer_record", ["served_on"], unique=False
    )
    op.create_index(
        op.f("ix_volunteer_record_status"), "volunteer_record", ["status"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_volunteer_record_status"), table_name="volunteer_record")
    op.drop_index(op.f("ix_volunteer_record_served_on"), table_name="volunteer_record")
    op.drop_index(op.f("ix_volunteer_record_organization_id"), table_name="volunteer_record")
    op.drop_index(op.f("ix_volunteer_record_member_id"), table_name="volunteer_record")
    op.drop_index(op.f("ix_volunteer_record_community_id"), table_name="volunteer_record")
    op.drop_index(op.f("ix_volunteer_record_activity_id"), table_name="volunteer_record")
    op.drop_table("volunteer_record")
    op.drop_index(op.f("ix_pledge_year"), table_name="pledge")
    op.drop_index(op.f("ix_pledge_organization_id"), table_name="pledge")
    op.drop_index(op.f("ix_pledge_member_id"), table_name="pledge")
    op.drop_table("pledge")
    op.drop_index(op.f("ix_member_tally_month"), table_name="member_tally")
    op.drop_table("member_tally")
    op.drop_index(op.f("ix_activity_signup_member_id"), table_name="activity_signup")
    op.drop_index(op.f("ix_activity_signup_activity_id"), table_name="activity_signup")
    op.drop_table("activity_signup")
    op.drop_table("volunteer_tally")
    op.drop_index(op.f("ix_volunteer_activity_starts_at"), table_name="volunteer_activity")
    op.drop_index(op.f("ix_volunteer_activity_organization_id"), table_name="volunteer_activity")
    op.drop_table("volunteer_activity")
