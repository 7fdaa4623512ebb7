"""Volunteer activities and records may name the grid they serve.

Revision ID: 5e1b7c93d2a4
Revises: a7e3c5d91b20
Create Date: 2026-11-28 12:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "5e1b7c93d2a4"
down_revision: str | None = "a7e3c5d91b20"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("volunteer_activity", "volunteer_record")


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table in TABLES:
        name = f"fk_{table}_grid_id_grid"
        if sqlite:
            # A plain ADD COLUMN: a batch rebuild of these tables on SQLite, with foreign keys
            # on, would cascade to the tables that refer to them (sign-ups, evidence).
            op.execute(
                f"ALTER TABLE {table} ADD COLUMN grid_id CHAR(32) "
                f"CONSTRAINT {name} REFERENCES grid (id)"
            )
        else:
            op.add_column(table, sa.Column("grid_id", sa.Uuid(), nullable=True))
            op.create_foreign_key(name, table, "grid", ["grid_id"], ["id"])
        op.create_index(f"ix_{table}_grid_id", table, ["grid_id"], unique=False)


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table in reversed(TABLES):
        op.drop_index(f"ix_{table}_grid_id", table_name=table)
        if not sqlite:
            op.drop_constraint(f"fk_{table}_grid_id_grid", table, type_="foreignkey")
        op.execute(f"ALTER TABLE {table} DROP COLUMN grid_id")
