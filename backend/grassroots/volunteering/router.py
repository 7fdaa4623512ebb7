"""HTTP endpoints of volunteer service: activities, records, pledges and rollups."""

import uuid
from datetime import date
from typing import Annotated, Literal

from fastapi import (
    APIRouter,
    Depends,
    File,
    Path,
    Query,
    Request,
    Response,
    UploadFile,
    status,
)
from fastapi.responses import FileResponse, StreamingResponse
from pydantic import AwareDatetime

from grassroots.auth.dependencies import CurrentPrincipal, requires
from grassroots.core.db import SessionDep, stream_rows
from grassroots.core.errors import InvalidRequest, problem_responses
from grassroots.core.hardening import larger_body
from grassroots.core.idempotency import IdempotencyDep
from grassroots.core.pagination import Page, PageDep, paginate
from grassroots.core.security import Permission, Principal
from grassroots.core.tabular import TABLE_RESPONSE, TableFormat, table_response
from grassroots.core.versioning import IfMatch, respond_with_etag
from grassroots.organizations import service as org_service
from grassroots.volunteering import evidence, service, stats
from grassroots.volunteering.enums import PledgeStatus, RecordStatus, ServiceKind
from grassroots.volunteering.models import (
    ActivitySignup,
    Pledge,
    VolunteerActivity,
    VolunteerRecord,
)
from grassroots.volunteering.schemas import (
    ActivityCreate,
    ActivityFields,
    ActivityRead,
    BulkVerified,
    BulkVerify,
    EvidenceRead,
    PledgeCreate,
    PledgeRead,
    PledgeUpdate,
    RecordCreate,
    RecordRead,
    Rejection,
    SignupCreate,
    SignupRead,
    VolunteerStats,
)
from grassroots.volunteering.tabular import RECORD_COLUMNS

PROBLEMS = problem_responses(400, 401, 403, 404, 409, 412, 422)
Manager = Annotated[Principal, Depends(requires(Permission.VOLUNTEER_MANAGE))]
Reverter = Annotated[Principal, Depends(requires(Permission.VOLUNTEER_REVERT))]
Reader = Annotated[Principal, Depends(requires(Permission.VOLUNTEER_READ))]
Within = Annotated[
    uuid.UUID | None, Query(description="Only this organization and everything below it.")
]

activities = APIRouter(prefix="/volunteer-activities", tags=["volunteer_activities"])
records = APIRouter(prefix="/volunteer-records", tags=["volunteer_records"])
pledges = APIRouter(prefix="/pledges", tags=["pledges"])
rollups = APIRouter(prefix="/volunteer-stats", tags=["volunteer_stats"])


# Activities ---------------------------------------------------------------------------------

ActivityId = Annotated[uuid.UUID, Path(description="The activity's id.")]


async def _activity(
    activity_id: ActivityId, session: SessionDep, caller: CurrentPrincipal
) -> VolunteerActivity:
    return await service.get_activity(session, caller, activity_id)


async def _managed_activity(
    activity_id: ActivityId, session: SessionDep, caller: Manager
) -> VolunteerActivity:
    return await service.get_activity(
        session, caller, activity_id, permission=Permission.VOLUNTEER_MANAGE
    )


ReadableActivity = Annotated[VolunteerActivity, Depends(_activity)]
ManagedActivity = Annotated[VolunteerActivity, Depends(_managed_activity)]


async def _present_activities(
    session: SessionDep, caller: Principal, activities: list[VolunteerActivity]
) -> list[ActivityRead]:
    joined = await service.activities_joined(session, caller, [a.id for a in activities])
    bodies = []
    for activity in activities:
        body = ActivityRead.model_validate(activity)
        body.signed_up_by_me = activity.id in joined
        bodies.append(body)
    return bodies


async def _activity_response(
    session: SessionDep, caller: Principal, activity: VolunteerActivity, *, status_code: int = 200
) -> Response:
    [body] = await _present_activities(session, caller, [activity])
    return respond_with_etag(body, version=activity.version, status_code=status_code)


@activities.get("", responses=PROBLEMS)
async def list_activities(
    caller: CurrentPrincipal,
    session: SessionDep,
    page: PageDep,
    within: Within = None,
    starts_from: AwareDatetime | None = None,
) -> Page[ActivityRead]:
    """Activities in your scope, and those your member may join, by start time."""
    statement = await service.list_activities(
        session,
        caller,
        within_path=await org_service.subtree_path(session, caller, within),
        starts_from=starts_from,
    )
    found = await paginate(
        session,
        statement,
        order_by=(VolunteerActivity.starts_at, VolunteerActivity.id),
        params=page,
        to_item=lambda activity: activity,
    )
    items = await _present_activities(session, caller, found.items)
    return Page(items=items, next_cursor=found.next_cursor, total=found.total)


@activities.post(
    "", status_code=status.HTTP_201_CREATED, responses=PROBLEMS, response_model=ActivityRead
)
async def create_activity(
    data: ActivityCreate, caller: Manager, session: SessionDep, idempotency: IdempotencyDep
) -> Response:
    """Organize an activity for an organization in your scope."""
    if (replay := await idempotency.replay(data)) is not None:
        return replay
    activity = await service.create_activity(session, caller, data=data)
    return await idempotency.record(
        await _activity_response(session, caller, activity, status_code=201)
    )


@activities.get("/{activity_id}", responses=PROBLEMS, response_model=ActivityRead)
async def get_activity(
    activity: ReadableActivity, caller: CurrentPrincipal, session: SessionDep
) -> Response:
    """One activity, with the places taken and whether your member holds one."""
    return await _activity_response(session, caller, activity)


@activities.put("/{activity_id}", responses=PROBLEMS, response_model=ActivityRead)
async def replace_activity(
    activity: ManagedActivity,
    data: ActivityFields,
    caller: Manager,
    session: SessionDep,
    if_match: IfMatch = None,
) -> Response:
    """Replace an activity's details (not its organizer); capacity never below the places
    taken."""
    activity = await service.update_activity(session, activity, data=data, if_match=if_match)
    return await _activity_response(session, caller, activity)


@activities.delete("/{activity_id}", status_code=status.HTTP_204_NO_CONTENT, responses=PROBLEMS)
async def delete_activity(
    activity: ManagedActivity, session: SessionDep, if_match: IfMatch = None
) -> None:
    """Cancel an activity; records logged for it keep their hours."""
    await service.delete_activity(session, activity, if_match=if_match)


@activities.get("/{activity_id}/signups", responses=PROBLEMS)
async def list_signups(
    activity: ManagedActivity, session: SessionDep, page: PageDep
) -> Page[SignupRead]:
    """Who has a place (for the organizer's staff)."""
    return await paginate(
        session,
        service.list_signups(activity),
        order_by=(ActivitySignup.created_at, ActivitySignup.id),
        params=page,
        to_item=SignupRead.model_validate,
    )


@activities.post("/{activity_id}/signups", status_code=status.HTTP_201_CREATED, responses=PROBLEMS)
async def sign_up(
    activity: ReadableActivity, data: SignupCreate, caller: CurrentPrincipal, session: SessionDep
) -> SignupRead:
    """Take a place: for yourself, or (staff) for a member. 409 when the places are gone."""
    signup = await service.sign_up(session, caller, activity, member_id=data.member_id)
    return SignupRead.model_validate(signup)


@activities.delete(
    "/{activity_id}/signups/{member_id}", status_code=status.HTTP_204_NO_CONTENT, responses=PROBLEMS
)
async def cancel_signup(
    activity: ReadableActivity, member_id: uuid.UUID, caller: CurrentPrincipal, session: SessionDep
) -> None:
    """Give a place back."""
    await service.cancel_signup(session, caller, activity, member_id=member_id)


# Records ------------------------------------------------------------------------------------

RecordId = Annotated[uuid.UUID, Path(description="The record's id.")]


async def _record(
    record_id: RecordId, session: SessionDep, caller: CurrentPrincipal
) -> VolunteerRecord:
    return await service.get_record(session, caller, record_id)


async def _decidable(record_id: RecordId, session: SessionDep, caller: Manager) -> VolunteerRecord:
    return await service.get_record(
        session, caller, record_id, permission=Permission.VOLUNTEER_MANAGE
    )


async def _revertible(
    record_id: RecordId, session: SessionDep, caller: Reverter
) -> VolunteerRecord:
    return await service.get_record(
        session, caller, record_id, permission=Permission.VOLUNTEER_REVERT
    )


def _record_response(record: VolunteerRecord, *, status_code: int = 200) -> Response:
    return respond_with_etag(
        service.present_record(record), version=record.version, status_code=status_code
    )


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
) -> service.RecordFilter:
    return service.RecordFilter(
        within_path=await org_service.subtree_path(session, caller, within),
        member_id=member_id,
        activity_id=activity_id,
        grid_id=grid_id,
        status=record_status,
        kind=kind,
        served_from=served_from,
        served_to=served_to,
    )


RecordFilterDep = Annotated[service.RecordFilter, Depends(_record_filters)]


Order = Annotated[Literal["oldest", "newest"], Query(description="Oldest or newest first.")]


@records.get("", responses=PROBLEMS)
async def list_records(
    caller: CurrentPrincipal,
    session: SessionDep,
    page: PageDep,
    filters: RecordFilterDep,
    order: Order = "oldest",
) -> Page[RecordRead]:
    """Records you may see (your own, and those in your scope), by the day served."""
    return await paginate(
        session,
        service.list_records(caller, filters=filters),
        order_by=(VolunteerRecord.served_on, VolunteerRecord.id),
        params=page,
        to_item=service.present_record,
        descending=order == "newest",
    )


@records.get("/export", responses={**PROBLEMS, **TABLE_RESPONSE}, response_class=StreamingResponse)
async def export_records(
    request: Request,
    caller: CurrentPrincipal,
    filters: RecordFilterDep,
    table_format: Annotated[TableFormat, Query(alias="format")] = "xlsx",
) -> StreamingResponse:
    """The filtered records as a CSV or XLSX table, with the columns the record import reads
    back (identity numbers masked)."""
    statement = service.export_rows(caller, filters=filters)
    rows = stream_rows(request.app.state.sessionmaker, statement, service.export_row)
    return table_response(table_format, "志愿服务记录", RECORD_COLUMNS, rows)


@records.post(
    "", status_code=status.HTTP_201_CREATED, responses=PROBLEMS, response_model=RecordRead
)
async def log_record(
    data: RecordCreate, caller: CurrentPrincipal, session: SessionDep, idempotency: IdempotencyDep
) -> Response:
    """Log service (your own, or staff for a member), pending verification."""
    if (replay := await idempotency.replay(data)) is not None:
        return replay
    record = await service.log_record(session, caller, data=data)
    return await idempotency.record(_record_response(record, status_code=201))


@records.post("/verify", responses=PROBLEMS)
async def verify_records(data: BulkVerify, caller: Manager, session: SessionDep) -> BulkVerified:
    """Verify many pending records at once: all of them, or none."""
    return BulkVerified(verified=await service.verify_many(session, caller, data.record_ids))


@records.get("/{record_id}", responses=PROBLEMS, response_model=RecordRead)
async def get_record(record: Annotated[VolunteerRecord, Depends(_record)]) -> Response:
    """One record."""
    return _record_response(record)


@records.post("/{record_id}/verify", responses=PROBLEMS, response_model=RecordRead)
async def verify_record(
    record: Annotated[VolunteerRecord, Depends(_decidable)], caller: Manager, session: SessionDep
) -> Response:
    """Verify a pending record; its hours count from now on."""
    return _record_response(await service.verify_record(session, caller, record))


@records.post("/{record_id}/reject", responses=PROBLEMS, response_model=RecordRead)
async def reject_record(
    record: Annotated[VolunteerRecord, Depends(_decidable)],
    data: Rejection,
    caller: Manager,
    session: SessionDep,
) -> Response:
    """Send a pending record back with a reason."""
    return _record_response(
        await service.reject_record(session, caller, record, reason=data.reason)
    )


@records.post("/{record_id}/revert", responses=PROBLEMS, response_model=RecordRead)
async def revert_record(
    record: Annotated[VolunteerRecord, Depends(_revertible)], caller: Reverter, session: SessionDep
) -> Response:
    """Take a verified record back to pending (administrators; audited)."""
    return _record_response(await service.revert_record(session, caller, record))


# Evidence photos ----------------------------------------------------------------------------


async def _editable(
    record_id: RecordId, session: SessionDep, caller: CurrentPrincipal
) -> VolunteerRecord:
    return await service.get_record_to_edit(session, caller, record_id)


EditableRecord = Annotated[VolunteerRecord, Depends(_editable)]
ReadableRecord = Annotated[VolunteerRecord, Depends(_record)]
PhotoId = Annotated[uuid.UUID, Path(description="The photo's id.")]


@records.post(
    "/{record_id}/photos",
    status_code=status.HTTP_201_CREATED,
    responses={**PROBLEMS, **problem_responses(413)},
)
@larger_body(lambda settings: settings.max_photo_bytes)
async def add_photo(
    request: Request,
    record: EditableRecord,
    session: SessionDep,
    file: Annotated[UploadFile, File(description="A JPEG, PNG, WebP or HEIC photo.")],
) -> EvidenceRead:
    """Add a photo to a pending record (the member's own, or staff); at most six."""
    settings = request.app.state.settings
    content = await file.read(settings.max_photo_bytes + 1)
    photo = await evidence.add_photo(
        session,
        record,
        content=content,
        directory=settings.upload_dir / "evidence",
        max_bytes=settings.max_photo_bytes,
    )
    return EvidenceRead.model_validate(photo)


@records.get("/{record_id}/photos", responses=PROBLEMS)
async def list_photos(record: ReadableRecord, session: SessionDep) -> Page[EvidenceRead]:
    """The photos of a record."""
    photos = await evidence.list_photos(session, record)
    return Page(items=[EvidenceRead.model_validate(p) for p in photos], next_cursor=None)


@records.get(
    "/{record_id}/photos/{photo_id}",
    responses={**PROBLEMS, 200: {"content": {"image/*": {}}, "description": "The photo."}},
    response_class=FileResponse,
)
async def get_photo(
    request: Request, record: ReadableRecord, photo_id: PhotoId, session: SessionDep
) -> FileResponse:
    """The photo itself, only to those who may read the record."""
    photo = await evidence.get_photo(session, record, photo_id)
    path = request.app.state.settings.upload_dir / "evidence" / photo.stored_name
    return FileResponse(
        path,
        media_type=photo.content_type,
        # The security headers middleware adds X-Content-Type-Options: nosniff.
        headers={"Cache-Control": "private, max-age=3600"},
    )


@records.delete(
    "/{record_id}/photos/{photo_id}", status_code=status.HTTP_204_NO_CONTENT, responses=PROBLEMS
)
async def remove_photo(
    request: Request, record: EditableRecord, photo_id: PhotoId, session: SessionDep
) -> None:
    """Remove a photo from a pending record."""
    photo = await evidence.get_photo(session, record, photo_id)
    await evidence.remove_photo(
        session, record, photo, directory=request.app.state.settings.upload_dir / "evidence"
    )


# Pledges ------------------------------------------------------------------------------------


async def _pledge(
    pledge_id: Annotated[uuid.UUID, Path(description="The pledge's id.")],
    session: SessionDep,
    caller: CurrentPrincipal,
) -> Pledge:
    return await service.get_pledge(session, caller, pledge_id)


PledgeDep = Annotated[Pledge, Depends(_pledge)]


def _pledge_response(pledge: Pledge, *, status_code: int = 200) -> Response:
    return respond_with_etag(
        PledgeRead.model_validate(pledge), version=pledge.version, status_code=status_code
    )


@pledges.get("", responses=PROBLEMS)
async def list_pledges(
    caller: CurrentPrincipal,
    session: SessionDep,
    page: PageDep,
    within: Within = None,
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
    pledge_status: Annotated[PledgeStatus | None, Query(alias="status")] = None,
    member_id: uuid.UUID | None = None,
    order: Order = "oldest",
) -> Page[PledgeRead]:
    """Pledges you may see (your own, and those in your scope), by year."""
    statement = service.list_pledges(
        caller,
        within_path=await org_service.subtree_path(session, caller, within),
        year=year,
        status=pledge_status,
        member_id=member_id,
    )
    return await paginate(
        session,
        statement,
        order_by=(Pledge.year, Pledge.id),
        params=page,
        to_item=PledgeRead.model_validate,
        descending=order == "newest",
    )


@pledges.post(
    "", status_code=status.HTTP_201_CREATED, responses=PROBLEMS, response_model=PledgeRead
)
async def create_pledge(
    data: PledgeCreate, caller: CurrentPrincipal, session: SessionDep, idempotency: IdempotencyDep
) -> Response:
    """Make a pledge for a year (yours, or staff for a member)."""
    if (replay := await idempotency.replay(data)) is not None:
        return replay
    pledge = await service.create_pledge(session, caller, data=data)
    return await idempotency.record(_pledge_response(pledge, status_code=201))


@pledges.get("/{pledge_id}", responses=PROBLEMS, response_model=PledgeRead)
async def get_pledge(pledge: PledgeDep) -> Response:
    """One pledge."""
    return _pledge_response(pledge)


@pledges.patch("/{pledge_id}", responses=PROBLEMS, response_model=PledgeRead)
async def update_pledge(
    pledge: PledgeDep,
    data: PledgeUpdate,
    caller: CurrentPrincipal,
    session: SessionDep,
    if_match: IfMatch = None,
) -> Response:
    """The member reports progress; staff mark it fulfilled or not."""
    pledge = await service.update_pledge(session, caller, pledge, data=data, if_match=if_match)
    return _pledge_response(pledge)


# Rollups ------------------------------------------------------------------------------------


@rollups.get("", responses=PROBLEMS)
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
    today = service.local_today()
    date_from = date_from or today.replace(month=1, day=1)
    date_to = date_to or today
    if date_to < date_from:
        raise InvalidRequest("`to` is before `from`.")
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


routers = (activities, records, pledges, rollups)
