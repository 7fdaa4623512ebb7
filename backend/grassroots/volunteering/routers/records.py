"""HTTP endpoints of volunteer records: logging, listing, exporting and deciding."""

from typing import Annotated

from fastapi import Query, Request, Response, status
from fastapi.responses import StreamingResponse

from grassroots.core.access import CurrentPrincipal
from grassroots.core.db import SessionDep, stream_rows
from grassroots.core.errors import PERMITTED, SIGNED_IN, EditConflict, ValidationFailed, problems
from grassroots.core.idempotency import IDEMPOTENT, IdempotencyDep
from grassroots.core.pagination import InvalidCursor, Page, PageDep, paginate
from grassroots.core.routing import Router
from grassroots.core.tabular import TABLE_RESPONSE, TableFormat, table_response
from grassroots.core.versioning import respond_with_etag
from grassroots.organizations import service as org_service
from grassroots.volunteering import exceptions as refused
from grassroots.volunteering import records
from grassroots.volunteering.dependencies import (
    DecidableRecord,
    Manager,
    Order,
    ReadableRecord,
    RecordFilterDep,
    RecordId,
    Reverter,
    RevertibleRecord,
)
from grassroots.volunteering.models import VolunteerRecord
from grassroots.volunteering.schemas import (
    BulkVerified,
    BulkVerify,
    RecordCreate,
    RecordRead,
    Rejection,
)
from grassroots.volunteering.tabular import RECORD_COLUMNS

FILTERED = (SIGNED_IN, ValidationFailed, org_service.OrganizationNotFound)
DECIDED = (
    PERMITTED,
    ValidationFailed,
    refused.RecordNotFound,
    refused.RecordWrongState,
    EditConflict,
)
LOGGED = (
    refused.MEMBER_REFUSALS,
    refused.ActivityNotFound,
    refused.KindRequired,
    refused.ServedInFuture,
    refused.DayOverTwentyFourHours,
    refused.GridOutOfReach,
)
router = Router(prefix="/volunteer-records", tags=["volunteer_records"])


def _record_response(record: VolunteerRecord, *, status_code: int = 200) -> Response:
    return respond_with_etag(
        records.present_record(record), version=record.version, status_code=status_code
    )


@router.get("", responses=problems(FILTERED, InvalidCursor))
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
        records.list_records(caller, filters=filters),
        order_by=(VolunteerRecord.served_on, VolunteerRecord.id),
        params=page,
        to_item=records.present_record,
        descending=order == "newest",
    )


@router.get(
    "/export", responses={**problems(FILTERED), **TABLE_RESPONSE}, response_class=StreamingResponse
)
async def export_records(
    request: Request,
    caller: CurrentPrincipal,
    filters: RecordFilterDep,
    table_format: Annotated[TableFormat, Query(alias="format")] = "xlsx",
) -> StreamingResponse:
    """The filtered records as a CSV or XLSX table, with the columns the record import reads
    back (identity numbers masked)."""
    statement = records.export_rows(caller, filters=filters)
    rows = stream_rows(request.app.state.sessionmaker, statement, records.export_row)
    return table_response(table_format, "志愿服务记录", RECORD_COLUMNS, rows)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    responses=problems(SIGNED_IN, ValidationFailed, IDEMPOTENT, LOGGED),
    response_model=RecordRead,
)
async def log_record(
    data: RecordCreate, caller: CurrentPrincipal, session: SessionDep, idempotency: IdempotencyDep
) -> Response:
    """Log service (your own, or staff for a member), pending verification."""
    if (replay := await idempotency.replay(data)) is not None:
        return replay
    record = await records.log_record(session, caller, data=data)
    return await idempotency.record(_record_response(record, status_code=201))


@router.post("/verify", responses=problems(DECIDED))
async def verify_records(data: BulkVerify, caller: Manager, session: SessionDep) -> BulkVerified:
    """Verify many pending records at once: all of them, or none."""
    return BulkVerified(verified=await records.verify_many(session, caller, data.record_ids))


@router.get(
    "/{record_id}",
    responses=problems(SIGNED_IN, ValidationFailed, refused.RecordNotFound),
    response_model=RecordRead,
)
async def get_record(record: ReadableRecord) -> Response:
    """One record."""
    return _record_response(record)


@router.post("/{record_id}/verify", responses=problems(DECIDED), response_model=RecordRead)
async def verify_record(record_id: RecordId, caller: Manager, session: SessionDep) -> Response:
    """Verify a pending record; its hours count from now on."""
    verified = await records.verify_record(session, caller, record_id)
    return respond_with_etag(verified, version=verified.version)


@router.post("/{record_id}/reject", responses=problems(DECIDED), response_model=RecordRead)
async def reject_record(
    record: DecidableRecord,
    data: Rejection,
    caller: Manager,
    session: SessionDep,
) -> Response:
    """Send a pending record back with a reason."""
    return _record_response(
        await records.reject_record(session, caller, record, reason=data.reason)
    )


@router.post("/{record_id}/revert", responses=problems(DECIDED), response_model=RecordRead)
async def revert_record(
    record: RevertibleRecord, caller: Reverter, session: SessionDep
) -> Response:
    """Take a verified record back to pending (administrators; audited)."""
    return _record_response(await records.revert_record(session, caller, record))
