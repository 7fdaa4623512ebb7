"""The job as the API shows it."""

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class RowProblem(BaseModel):
    """Why one cell (or row) of an uploaded table was refused."""

    row: int = Field(description="The row as Excel numbers it (the header is row 1).")
    column: str | None = Field(description="The column's header, when one column is at fault.")
    code: str = Field(description="What is wrong, for clients to translate.")
    params: dict[str, Any] = Field(
        default_factory=dict,
        description="What explains the code, to show with it: `allowed` (the values the "
        "column takes, as written in the table), `allowed_values` (their API codes), "
        "`format` (such as `YYYY-MM-DD`), `min`/`max`, `greater_than`, `max_length` ….",
    )
    value: str | None = Field(
        default=None,
        description="What the cell holds (its first 100 characters; identity numbers and "
        "phones masked), when one cell is at fault.",
    )
    reason: str = Field(description="The same in English words, for logs and integrators.")


class JobRead(BaseModel):
    """A background job: poll until `state` is `succeeded` or `failed`."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    kind: str
    state: str = Field(description="queued, running, succeeded or failed.")
    dry_run: bool
    percent: int
    total_rows: int
    processed_rows: int
    created_rows: int
    error_count: int
    errors: list[RowProblem] = Field(description="The first 1,000 problems, by row.")
    message: str | None = Field(description="How the job ended, in English words.")
    error_code: str | None = Field(
        description="Why a failed job failed, for clients to translate: "
        "`import_columns_missing`, `import_table_unreadable`, `import_too_many_rows`, "
        "`import_rows_refused`, `job_interrupted`, `job_failed`."
    )
    error_columns: list[str] = Field(
        description="The columns (their headers) the failure concerns, such as the missing ones."
    )
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None

    @classmethod
    def of(cls, job: Any) -> "JobRead":
        """The API view of a job row."""
        percent = (
            100
            if job.state in {"succeeded", "failed"}
            else (int(job.processed_rows * 100 / job.total_rows) if job.total_rows else 0)
        )
        return cls.model_validate(
            {
                **{
                    name: getattr(job, name)
                    for name in (
                        "id",
                        "kind",
                        "state",
                        "dry_run",
                        "total_rows",
                        "processed_rows",
                        "created_rows",
                        "error_count",
                        "errors",
                        "message",
                        "error_code",
                        "error_columns",
                        "created_at",
                        "started_at",
                        "finished_at",
                    )
                },
                "percent": percent,
            }
        )
