"""Loading activities, records and pledges named in the path, within the caller's scope,
and the filters their lists share."""

import uuid
from datetime import date
from typing import Annotated, Literal

from fastapi import Depends, Path, Query

from grassroots.auth.dependencies import CurrentPrincipal, requires
from grassroots.core.db import SessionDep
from grassroots.core.security import Permission, Principal
from grassroots.organizations import service as org_service
from grassroots.volunteering import activities, pledges, records
from grassroots.volunteering.enums import RecordStatus, ServiceKind
from grassroots.volunteering.models import Pledge, VolunteerActivity, VolunteerRecord

Manager = Annotated[Principal, Depends(requires(Permission.VOLUNTEER_MANAGE))]
Reverter = Annotated[Principal, Depends(requires(Permission.VOLUNTEER_REVERT))]
Reader = Annotated[Principal, Depends(requires(Permission.VOLUNTEER_READ))]
Within = Annotated[
    uuid.UUID | None, Query(description="Only this organization and everything below it.")
]
Order = Annotated[Literal["oldest", "newest"], Query(description="Oldest or newest first.")]
ActivityId = Annotated[uuid.UUID, Path(description="The activity's id.")]
RecordId = Annotated[uuid.UUID, Path(description="The record's id.")]
PledgeId = Annotated[uuid.UUID, Path(description="The pledge's id.")]


async def _activity(
    activity_id: ActivityId, session: SessionDep, caller: CurrentPrincipal
) -> VolunteerActivity:
    return await activities.get_activity(session, caller, activity_id)


async def _managed_activity(
    activity_id: ActivityId, session: SessionDep, caller: Manager
) -> VolunteerActivity:
    return await activities.get_activity(
        session, caller, activity_id, permission=Permission.VOLUNTEER_MANAGE
    )


async def _record(
    record_id: RecordId, session: SessionDep, caller: CurrentPrincipal
) -> VolunteerRecord:
    return await records.get_record(session, caller, record_id)


async def _decidable(record_id: RecordId, session: SessionDep, caller: Manager) -> VolunteerRecord:
    return await records.get_record(
        session, caller, record_id, permission=Permission.VOLUNTEER_MANAGE
    )


async def _revertible(
    record_id: RecordId, session: SessionDep, caller: Reverter
) -> VolunteerRecord:
    return await records.get_record(
        session, caller, record_id, permission=Permission.VOLUNTEER_REVERT
    )


async def _editable(
    record_id: RecordId, session: SessionDep, caller: CurrentPrincipal
) -> VolunteerRecord:
    return await records.get_record_to_edit(session, caller, record_id)


async def _pledge(pledge_id: PledgeId, session: SessionDep, caller: CurrentPrincipal) -> Pledge:
    return await pledges.get_pledge(session, caller, pledge_id)


async def _record_filters(
    caller: CurrentPrincipal,
    session: SessionDep,
    within: Within = None,
    member_id: uuid.UUID | None = None,
    activity_id: uuid.UUID | None = None,
    grid_id: Annotated[uuid.UUID | None, Query(description="Only records in this grid.")] = None,
    record_status: Annotated[RecordStatus | None, Query(alias="status")] = None,
    kind: ServiceKind | None = None,
    served_from: date | None = None,
    served_to: date | None = None,
) -> records.RecordFilter:
    return records.RecordFilter(
        within_path=await org_service.subtree_path(session, caller, within),
        member_id=member_id,
        activity_id=activity_id,
        grid_id=grid_id,
        status=record_status,
        kind=kind,
        served_from=served_from,
        served_to=served_to,
    )


ReadableActivity = Annotated[VolunteerActivity, Depends(_activity)]
ManagedActivity = Annotated[VolunteerActivity, Depends(_managed_activity)]
ReadableRecord = Annotated[VolunteerRecord, Depends(_record)]
DecidableRecord = Annotated[VolunteerRecord, Depends(_decidable)]
RevertibleRecord = Annotated[VolunteerRecord, Depends(_revertible)]
EditableRecord = Annotated[VolunteerRecord, Depends(_editable)]
ReadablePledge = Annotated[Pledge, Depends(_pledge)]
RecordFilterDep = Annotated[records.RecordFilter, Depends(_record_filters)]
