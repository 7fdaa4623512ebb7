"""HTTP endpoint of volunteer rollups."""

import uuid
from datetime import date
from typing import Annotated, Literal

from fastapi import Query

from grassroots.core.db import SessionDep
from grassroots.core.errors import PERMITTED, ValidationFailed, problems
from grassroots.core.localtime import local_today
from grassroots.core.routing import Router
from grassroots.organizations import service as org_service
from grassroots.volunteering import stats
from grassroots.volunteering.dependencies import Reader, Within
from grassroots.volunteering.exceptions import StatsPeriodReversed
from grassroots.volunteering.schemas import VolunteerStats

router = Router(prefix="/volunteer-stats", tags=["volunteer_stats"])


@router.get(
    "",
    responses=problems(
        PERMITTED,
        ValidationFailed,
        StatsPeriodReversed,
        org_service.OrganizationNotFound,
        stats.StatsGridNotFound,
    ),
)
async def get_volunteer_stats(
    caller: Reader,
    session: SessionDep,
    within: Within = None,
    date_from: Annotated[
        date | None, Query(alias="from", description="First month (any day of it).")
    ] = None,
    date_to: Annotated[
        date | None, Query(alias="to", description="Last month (any day of it).")
    ] = None,
    group_by: Literal["month", "kind", "organization", "member"] = "month",
    grid_id: Annotated[
        uuid.UUID | None,
        Query(
            description="Only the records served in this grid (a grid in your scope, else 404 "
            "`grid_not_found`); the members who served no hours are then not listed."
        ),
    ] = None,
) -> VolunteerStats:
    """Verified hours and records in your scope (or `within`), whole months from `from` to
    `to` (default: this year), grouped; with the top volunteers and the members who served
    no verified hours. Read from tallies kept on every verify and revert; for one grid, from
    its records."""
    today = local_today()
    date_from = date_from or today.replace(month=1, day=1)
    date_to = date_to or today
    if date_to < date_from:
        raise StatsPeriodReversed("`to` is before `from`.")
    organization = (
        await org_service.get_organization(session, caller, within) if within is not None else None
    )
    if grid_id is not None:
        return await stats.grid_stats(
            session,
            caller,
            grid_id=grid_id,
            within=organization,
            date_from=date_from,
            date_to=date_to,
            group_by=group_by,
        )
    return await stats.volunteer_stats(
        session,
        caller,
        within=organization,
        date_from=date_from,
        date_to=date_to,
        group_by=group_by,
    )
