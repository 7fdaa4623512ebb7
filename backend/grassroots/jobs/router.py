"""Polling a background job."""

import uuid

from fastapi import APIRouter

from grassroots.core.access import CurrentPrincipal
from grassroots.core.db import SessionDep
from grassroots.core.errors import problem_responses
from grassroots.jobs import service
from grassroots.jobs.schemas import JobRead

router = APIRouter(prefix="/jobs", tags=["jobs"])

PROBLEMS = problem_responses(401, 404)


@router.get("/{job_id}", responses=PROBLEMS)
async def get_job(job_id: uuid.UUID, caller: CurrentPrincipal, session: SessionDep) -> JobRead:
    """A job you started: its state, progress, counts and the problems found."""
    return JobRead.of(await service.get_job(session, caller, job_id))
