"""Indexes serving a page of a cycle's results in rank and in name order.

Revision ID: d41f6a2b8c93
Revises: 5e1b7c93d2a4
Create Date: 2026-11-28 13:30:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "d41f6a2b8c93"
down_revision: str | None = "5e1b7c93d2a4"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_evaluation_results_by_rank", "evaluation", ["cycle_id", "state", "rank", "id"]
    )
    op.create_index(
        "ix_evaluation_results_by_name", "evaluation", ["cycle_id", "state", "subject_name", "id"]
    )


def downgrade() -> None:
    op.drop_index("ix_evaluation_results_by_name", table_name="evaluation")
    op.drop_index("ix_evaluation_results_by_rank", table_name="evaluation")
