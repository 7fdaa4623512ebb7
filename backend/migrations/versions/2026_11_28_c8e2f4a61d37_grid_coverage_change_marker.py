"""Change markers, and the triggers that move the grid coverage's on any change it depends on.

Revision ID: c8e2f4a61d37
Revises: d41f6a2b8c93
Create Date: 2026-11-28 16:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "c8e2f4a61d37"
down_revision: str | None = "d41f6a2b8c93"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Every change to these tables moves the marker; of organizations, only what coverage reads.
TABLES = ("grid", "grid_team", "grid_team_person", "unit")
ORGANIZATION_COLUMNS = ("path", "tier", "code", "name", "households", "population")
FUNCTION = "grassroots_move_grid_coverage_marker"
MOVE_POSTGRESQL = (
    "INSERT INTO change_marker (topic, marker) "
    "VALUES ('grid_coverage', md5(random()::text || clock_timestamp()::text)) "
    "ON CONFLICT (topic) DO UPDATE SET marker = EXCLUDED.marker;"
)
MOVE_SQLITE = (
    "INSERT INTO change_marker (topic, marker) VALUES ('grid_coverage', lower(hex(randomblob(16)))) "
    "ON CONFLICT (topic) DO UPDATE SET marker = excluded.marker;"
)


def _events() -> list[tuple[str, str, str]]:
    """(trigger name, table, PostgreSQL event) of every trigger."""
    events = [
        (f"{table}_moves_grid_coverage", table, "INSERT OR UPDATE OR DELETE OR TRUNCATE")
        for table in TABLES
    ]
    events.append(
        ("organization_moves_grid_coverage", "organization", "INSERT OR DELETE OR TRUNCATE")
    )
    events.append(
        (
            "organization_update_moves_grid_coverage",
            "organization",
            f"UPDATE OF {', '.join(ORGANIZATION_COLUMNS)}",
        )
    )
    return events


def _sqlite_events() -> list[tuple[str, str, str]]:
    """(trigger name, table, SQLite event): SQLite has one event per trigger, and no TRUNCATE."""
    events = [
        (f"{table}_{event.lower()}_moves_grid_coverage", table, event)
        for table in TABLES
        for event in ("INSERT", "UPDATE", "DELETE")
    ]
    events += [
        (f"organization_{event.lower()}_moves_grid_coverage", "organization", event)
        for event in ("INSERT", "DELETE")
    ]
    events.append(
        (
            "organization_update_moves_grid_coverage",
            "organization",
            f"UPDATE OF {', '.join(ORGANIZATION_COLUMNS)}",
        )
    )
    return events


def upgrade() -> None:
    op.create_table(
        "change_marker",
        sa.Column("topic", sa.String(length=40), nullable=False),
        sa.Column("marker", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("topic", name=op.f("pk_change_marker")),
    )
    if op.get_bind().dialect.name == "postgresql":
        _postgresql_triggers()
    else:
        _sqlite_triggers()


def _postgresql_triggers() -> None:
    # A statement-level trigger: a bulk insert or a subtree move moves the marker once.
    op.execute(
        f"CREATE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN {MOVE_POSTGRESQL} RETURN NULL; END $$"
    )
    for name, table, event in _events():
        op.execute(
            f"CREATE TRIGGER {name} AFTER {event} ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}()"
        )


def _sqlite_triggers() -> None:
    for name, table, event in _sqlite_events():
        op.execute(f"CREATE TRIGGER {name} AFTER {event} ON {table} BEGIN {MOVE_SQLITE} END")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name, table, _ in _events():
            op.execute(f"DROP TRIGGER {name} ON {table}")
        op.execute(f"DROP FUNCTION {FUNCTION}()")
    else:
        for name, _, _ in _sqlite_events():
            op.execute(f"DROP TRIGGER {name}")
    op.drop_table("change_marker")
