"""Polling a background job."""

import uuid

from grassroots.core.access import CurrentPrincipal
from grassroots.core.db import SessionDep
from grassroots.core.errors import SIGNED_IN, ValidationFailed, problems
from grassroots.core.routing import Router
from grassroots.jobs import service
from grassroots.jobs.schemas import JobRead

router = Router(prefix="/jobs", tags=["jobs"])


@router.get("/{job_id}", responses=problems(SIGNED_IN, ValidationFailed, service.JobNotFound))
async def get_job(job_id: uuid.UUID, caller: CurrentPrincipal, session: SessionDep) -> JobRead:
    """A job you started: its state, progress, counts and the problems found."""
    return JobRead.of(await service.get_job(session, caller, job_id))
