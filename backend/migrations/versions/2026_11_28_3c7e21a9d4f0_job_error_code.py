"""Jobs say why they failed in codes: error_code and the error_columns concerned.

Revision ID: 3c7e21a9d4f0
Revises: b7c41d2e9a05
Create Date: 2026-11-28 10:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "3c7e21a9d4f0"
down_revision: str | None = "b7c41d2e9a05"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("job") as batch:
        batch.add_column(sa.Column("error_code", sa.String(length=64), nullable=True))
        batch.add_column(
            sa.Column("error_columns", sa.JSON(), nullable=False, server_default=sa.text("'[]'"))
        )


def downgrade() -> None:
    with op.batch_alter_table("job") as batch:
        batch.drop_column("error_columns")
        batch.drop_column("error_code")
