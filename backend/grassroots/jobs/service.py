"""Running jobs in the background of the server process, each in sessions of its own."""

import logging
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from grassroots.core import audit, collector
from grassroots.core.db import utcnow
from grassroots.core.errors import AppError, NotFoundError
from grassroots.core.security import Principal
from grassroots.jobs.models import Job

log = logging.getLogger("grassroots.jobs")
MAX_REPORTED_ERRORS = 1000


class JobNotFound(NotFoundError):
    """No job with this id belongs to the caller."""

    code = "job_not_found"


class Progress:
    """How a job reports its progress: written in a session of its own, so that it shows
    while the job's work is still uncommitted."""

    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession], job_id: uuid.UUID):
        self.sessionmaker = sessionmaker
        self.job_id = job_id

    async def update(self, **values: Any) -> None:
        """Set fields of the job row."""
        async with self.sessionmaker() as session:
            await session.execute(update(Job).where(Job.id == self.job_id).values(**values))
            await session.commit()


@dataclass(frozen=True)
class Outcome:
    """What a job's work reports when it is done."""

    message: str
    created_rows: int = 0


# Work may report progress only before its first write: on SQLite a progress update from
# another session would wait for the work's own open transaction.
JobWork = Callable[[AsyncSession, Progress], Awaitable[Outcome]]


async def create_job(
    session: AsyncSession, principal: Principal, *, kind: str, dry_run: bool
) -> Job:
    """Record a job, queued."""
    job = Job(kind=kind, dry_run=dry_run, created_by_id=principal.id, errors=[], error_columns=[])
    session.add(job)
    await session.flush()
    return job


async def run(
    sessionmaker: async_sessionmaker[AsyncSession],
    job_id: uuid.UUID,
    principal: Principal,
    work: JobWork,
) -> None:
    """Do a job's work in a session of its own, committed only if the work succeeds; the job
    row says how it went."""
    progress = Progress(sessionmaker, job_id)
    await progress.update(state="running", started_at=utcnow())
    try:
        with collector.batch():
            async with sessionmaker() as session:
                audit.set_actor(session, principal)
                outcome = await work(session, progress)
                await session.commit()
    except AppError as error:
        await progress.update(
            state="failed",
            message=error.detail[:500],
            error_code=error.code,
            error_columns=[str(column) for column in error.extra.get("columns", [])],
            finished_at=utcnow(),
        )
        return
    except Exception:
        log.exception("job failed", extra={"job_id": str(job_id)})
        await progress.update(
            state="failed",
            finished_at=utcnow(),
            message="The job failed unexpectedly; nothing was changed.",
            error_code="job_failed",
        )
        return
    await progress.update(
        state="succeeded",
        message=outcome.message[:500],
        created_rows=outcome.created_rows,
        finished_at=utcnow(),
    )


async def fail_interrupted(sessionmaker: async_sessionmaker[AsyncSession]) -> None:
    """Mark jobs a stopped server left unfinished as failed (their work was never committed)."""
    async with sessionmaker() as session:
        await session.execute(
            update(Job)
            .where(Job.state.in_(["queued", "running"]))
            .values(
                state="failed",
                finished_at=utcnow(),
                error_code="job_interrupted",
                message="The server restarted before the job finished; nothing was "
                "changed. Upload the file again.",
            )
        )
        await session.commit()


async def get_job(session: AsyncSession, principal: Principal, job_id: uuid.UUID) -> Job:
    """A job of the caller's (any job, for a superuser)."""
    job = await session.get(Job, job_id)
    if job is None or (job.created_by_id != principal.id and not principal.is_superuser):
        raise JobNotFound(f"Job {job_id} does not exist.")
    return job
