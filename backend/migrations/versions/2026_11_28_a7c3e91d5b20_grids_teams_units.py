"""Service grids, grid service teams and their people, the units register, the grid index
marker, and the households and population organizations declare.

Revision ID: a7c3e91d5b20
Revises: 12962974e5ef
Create Date: 2026-11-28 06:57:04.358212
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "a7c3e91d5b20"
down_revision: str | None = "12962974e5ef"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "grid_index_marker",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("marker", sa.String(length=32), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_grid_index_marker")),
    )
    op.create_table(
        "grid",
        sa.Column("organization_id", sa.Uuid(), nullable=False),
        sa.Column(
            "code",
            sa.String(length=64).with_variant(sa.String(length=64, collation="C"), "postgresql"),
            nullable=False,
        ),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("households", sa.Integer(), nullable=False),
        sa.Column("population", sa.Integer(), nullable=False),
        sa.Column("buildings", sa.JSON(), nullable=False),
        sa.Column("boundary", sa.JSON(none_as_null=True), nullable=True),
        sa.Column("min_lng", sa.Float(), nullable=True),
        sa.Column("min_lat", sa.Float(), nullable=True),
        sa.Column("max_lng", sa.Float(), nullable=True),
        sa.Column("max_lat", sa.Float(), nullable=True),
        sa.Column("centroid_lng", sa.Float(), nullable=True),
        sa.Column("centroid_lat", sa.Float(), nullable=True),
        sa.Column("area_m2", sa.Float(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_grid_organization_id_organization"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_grid")),
        sa.UniqueConstraint("organization_id", "code", name=op.f("uq_grid_organization_id_code")),
    )
    with op.batch_alter_table("grid", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_grid_organization_id"), ["organization_id"], unique=False
        )

    op.create_table(
        "grid_team",
        sa.Column("grid_id", sa.Uuid(), nullable=False),
        sa.Column("organization_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("service_kinds", sa.JSON(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["grid_id"], ["grid.id"], name=op.f("fk_grid_team_grid_id_grid")),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_grid_team_organization_id_organization"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_grid_team")),
    )
    with op.batch_alter_table("grid_team", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_grid_team_grid_id"), ["grid_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_grid_team_organization_id"), ["organization_id"], unique=False
        )

    op.create_table(
        "unit",
        sa.Column("organization_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "enterprise",
                "social_organization",
                "cooperative",
                "building",
                "market",
                name="unitkind",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("size", sa.Integer(), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("grid_id", sa.Uuid(), nullable=True),
        sa.Column(
            "coverage",
            sa.Enum("own", "joint", "none", name="unitcoverage", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("covering_organization_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "(coverage = 'none') = (covering_organization_id IS NULL)",
            name=op.f("ck_unit_coverage_names_organization"),
        ),
        sa.CheckConstraint(
            "(latitude IS NULL) = (longitude IS NULL)", name=op.f("ck_unit_whole_location")
        ),
        sa.ForeignKeyConstraint(
            ["covering_organization_id"],
            ["organization.id"],
            name=op.f("fk_unit_covering_organization_id_organization"),
        ),
        sa.ForeignKeyConstraint(
            ["grid_id"], ["grid.id"], name=op.f("fk_unit_grid_id_grid"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_unit_organization_id_organization"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit")),
    )
    with op.batch_alter_table("unit", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_unit_covering_organization_id"),
            ["covering_organization_id"],
            unique=False,
        )
        batch_op.create_index(batch_op.f("ix_unit_grid_id"), ["grid_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_unit_organization_id"), ["organization_id"], unique=False
        )

    op.create_table(
        "grid_team_person",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("team_id", sa.Uuid(), nullable=False),
        sa.Column("organization_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "grid_leader",
                "grid_worker",
                "party_member",
                "volunteer",
                name="teamrole",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("member_id", sa.Uuid(), nullable=True),
        sa.Column("name", sa.String(length=50), nullable=True),
        sa.Column("phone", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "(member_id IS NULL) = (name IS NOT NULL)",
            name=op.f("ck_grid_team_person_member_or_name"),
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f("fk_grid_team_person_member_id_member")
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_grid_team_person_organization_id_organization"),
        ),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["grid_team.id"],
            name=op.f("fk_grid_team_person_team_id_grid_team"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_grid_team_person")),
        sa.UniqueConstraint(
            "team_id", "member_id", name=op.f("uq_grid_team_person_team_id_member_id")
        ),
    )
    with op.batch_alter_table("grid_team_person", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_grid_team_person_member_id"), ["member_id"], unique=False
        )
        batch_op.create_index(
            "ix_grid_team_person_one_leader",
            ["team_id"],
            unique=True,
            sqlite_where=sa.text("role = 'grid_leader'"),
            postgresql_where=sa.text("role = 'grid_leader'"),
        )

    with op.batch_alter_table("organization", schema=None) as batch_op:
        batch_op.add_column(sa.Column("households", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("population", sa.Integer(), nullable=True))


def downgrade() -> None:
    # A plain DROP COLUMN: a batch rebuild of `organization` on SQLite, with foreign keys on,
    # would fail on (or cascade to) every table that refers to it.
    op.execute("ALTER TABLE organization DROP COLUMN population")
    op.execute("ALTER TABLE organization DROP COLUMN households")

    with op.batch_alter_table("grid_team_person", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_grid_team_person_one_leader",
            sqlite_where=sa.text("role = 'grid_leader'"),
            postgresql_where=sa.text("role = 'grid_leader'"),
        )
        batch_op.drop_index(batch_op.f("ix_grid_team_person_member_id"))

    op.drop_table("grid_team_person")
    with op.batch_alter_table("unit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_unit_organization_id"))
        batch_op.drop_index(batch_op.f("ix_unit_grid_id"))
        batch_op.drop_index(batch_op.f("ix_unit_covering_organization_id"))

    op.drop_table("unit")
    with op.batch_alter_table("grid_team", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_grid_team_organization_id"))
        batch_op.drop_index(batch_op.f("ix_grid_team_grid_id"))

    op.drop_table("grid_team")
    with op.batch_alter_table("grid", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_grid_organization_id"))

    op.drop_table("grid")
    op.drop_table("grid_index_marker")
