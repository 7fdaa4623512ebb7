"""HTTP endpoints of members."""

import uuid
from datetime import date
from typing import Annotated

from fastapi import Depends, Path, Query, Request, Response, status
from fastapi.responses import StreamingResponse

from grassroots.core.access import CurrentPrincipal, requires
from grassroots.core.caching import NO_STORE
from grassroots.core.db import SessionDep, stream_rows
from grassroots.core.errors import (
    PERMITTED,
    SIGNED_IN,
    EditConflict,
    Forbidden,
    ValidationFailed,
    problems,
)
from grassroots.core.idempotency import IDEMPOTENT, IdempotencyDep
from grassroots.core.pagination import InvalidCursor, Page, PageDep, paginate
from grassroots.core.routing import Router
from grassroots.core.security import Permission, Principal
from grassroots.core.tabular import TABLE_RESPONSE, TableFormat, table_response
from grassroots.core.text import NoControlChars, bounded
from grassroots.core.validation import FieldCannotBeCleared
from grassroots.core.versioning import VERSIONED_WRITE, IfMatch, respond_with_etag
from grassroots.members import service
from grassroots.members.enums import MemberStatus, Position
from grassroots.members.models import Member
from grassroots.members.schemas import (
    MemberCreate,
    MemberRead,
    MemberTransferCreate,
    MemberTransferRead,
    MemberUpdate,
)
from grassroots.members.tabular import MEMBER_COLUMNS
from grassroots.organizations import service as org_service

router = Router(prefix="/members", tags=["members"])

READ = (SIGNED_IN, ValidationFailed, service.MemberNotFound)
WRITE = (PERMITTED, ValidationFailed, service.MemberNotFound, service.MemberNotYours)
FILTERED = (
    SIGNED_IN,
    ValidationFailed,
    service.NoHoursPeriodIncomplete,
    org_service.OrganizationNotFound,
)
IDENTITY = (
    service.MemberOrganizationNotFound,
    service.IdNumberBirthDateMismatch,
    service.IdNumberTaken,
    service.IdNumberChecksThrottled,
)
Keeper = Annotated[Principal, Depends(requires(Permission.MEMBERS_WRITE))]
MemberId = Annotated[uuid.UUID, Path(description="The member's id.")]


async def _readable(member_id: MemberId, session: SessionDep, caller: CurrentPrincipal) -> Member:
    return await service.get_member(session, caller, member_id)


async def _writable(member_id: MemberId, session: SessionDep, caller: Keeper) -> Member:
    return await service.get_member(session, caller, member_id, permission=Permission.MEMBERS_WRITE)


ReadableMember = Annotated[Member, Depends(_readable)]
WritableMember = Annotated[Member, Depends(_writable)]


def _respond(
    member: Member,
    *,
    revealed: list[str] | None = None,
    status_code: int = 200,
    headers: dict[str, str] | None = None,
) -> Response:
    return respond_with_etag(
        service.present(member, revealed=revealed),
        version=member.version,
        status_code=status_code,
        headers=headers,
    )


async def _filters(
    caller: CurrentPrincipal,
    session: SessionDep,
    within: Annotated[
        uuid.UUID | None,
        Query(description="Members of this organization and those below it, or registered there."),
    ] = None,
    member_status: Annotated[MemberStatus | None, Query(alias="status")] = None,
    position: Annotated[Position | None, Query(description="Holding this position now.")] = None,
    is_migrant: bool | None = None,
    is_in_service: bool | None = None,
    q: Annotated[
        str | None,
        Query(max_length=50, description="Text in the name, or a whole identity number."),
        NoControlChars,
        bounded(50),
    ] = None,
    no_hours_from: Annotated[
        date | None,
        Query(description="With no_hours_to: only members with no verified hours in these months."),
    ] = None,
    no_hours_to: date | None = None,
) -> service.MemberFilter:
    if (no_hours_from is None) != (no_hours_to is None):
        raise service.NoHoursPeriodIncomplete(
            "Give both no_hours_from and no_hours_to, or neither."
        )
    within_path = await org_service.subtree_path(session, caller, within)
    return service.MemberFilter(
        within_path=within_path,
        status=member_status,
        position=position,
        is_migrant=is_migrant,
        is_in_service=is_in_service,
        q=q,
        no_hours_from=no_hours_from,
        no_hours_to=no_hours_to,
    )


FilterDep = Annotated[service.MemberFilter, Depends(_filters)]


@router.get("", responses=problems(FILTERED, InvalidCursor))
async def list_members(
    caller: CurrentPrincipal, session: SessionDep, page: PageDep, filters: FilterDep
) -> Page[MemberRead]:
    """List the members you may see (their phone and identity number masked), by name."""
    return await paginate(
        session,
        service.list_members(caller, filters=filters),
        order_by=service.ORDER,
        params=page,
        to_item=service.present,
    )


@router.get(
    "/export", responses={**problems(FILTERED), **TABLE_RESPONSE}, response_class=StreamingResponse
)
async def export_members(
    request: Request,
    caller: CurrentPrincipal,
    filters: FilterDep,
    table_format: Annotated[TableFormat, Query(alias="format")] = "xlsx",
) -> StreamingResponse:
    """The filtered member list as a CSV or XLSX table (personal data masked), with the
    columns the member import reads back."""
    statement = service.export_rows(caller, filters=filters)
    rows = stream_rows(request.app.state.sessionmaker, statement, service.export_row)
    return table_response(table_format, "党员名册", MEMBER_COLUMNS, rows)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    responses=problems(PERMITTED, ValidationFailed, IDEMPOTENT, IDENTITY),
    response_model=MemberRead,
)
async def create_member(
    request: Request,
    data: MemberCreate,
    caller: Keeper,
    session: SessionDep,
    idempotency: IdempotencyDep,
) -> Response:
    """Add a member to an organization within your scope. An identity number another member
    holds is refused (409) in the same words wherever that member is; matches outside your
    scope are audited, and after 10 within an hour identity numbers are refused (429 with
    `Retry-After`) until older matches age out."""
    if (replay := await idempotency.replay(data)) is not None:
        return replay
    member = await service.create_member(session, caller, data=data)
    location = request.url_for("get_member", member_id=member.id).path
    return await idempotency.record(
        _respond(member, status_code=201, headers={"Location": location})
    )


@router.get(
    "/{member_id}",
    responses=problems(READ, Forbidden, service.FieldNotRevealable),
    response_model=MemberRead,
)
async def get_member(
    member: ReadableMember,
    caller: CurrentPrincipal,
    session: SessionDep,
    reveal: Annotated[
        str | None,
        Query(
            max_length=40,
            description="`phone,id_number,birth_date`: show these unmasked "
            "(administrators of the member's organization only; audited). Revealing "
            "`id_number` reveals `birth_date` too, which it contains.",
        ),
    ] = None,
) -> Response:
    """Read one member; personal data is masked unless revealed."""
    requested = [field.strip() for field in (reveal or "").split(",") if field.strip()]
    revealed = await service.reveal_fields(session, caller, member, requested)
    # Revealed personal data must not be kept by a browser or any cache on the way.
    headers = NO_STORE if revealed else None
    return _respond(member, revealed=revealed, headers=headers)


@router.patch(
    "/{member_id}",
    responses=problems(WRITE, VERSIONED_WRITE, FieldCannotBeCleared, IDENTITY),
    response_model=MemberRead,
)
async def update_member(
    member: WritableMember,
    data: MemberUpdate,
    caller: Keeper,
    session: SessionDep,
    if_match: IfMatch = None,
) -> Response:
    """Change the fields sent; send `If-Match` with the last `ETag`."""
    member = await service.update_member(session, caller, member, data=data, if_match=if_match)
    return _respond(member)


@router.delete(
    "/{member_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problems(WRITE, VERSIONED_WRITE, service.MemberNotEmpty),
)
async def delete_member(
    member: WritableMember, session: SessionDep, if_match: IfMatch = None
) -> None:
    """Delete a member; refused while service records or an account belong to them."""
    await service.delete_member(session, member, if_match=if_match)


@router.post(
    "/{member_id}/transfer",
    status_code=status.HTTP_201_CREATED,
    responses=problems(
        WRITE, EditConflict, service.MemberOrganizationNotFound, service.AlreadyInOrganization
    ),
)
async def transfer_member(
    member: WritableMember, data: MemberTransferCreate, caller: Keeper, session: SessionDep
) -> MemberTransferRead:
    """Move the member to another organization in your scope; the move is kept as history."""
    transfer = await service.transfer_member(session, caller, member, data=data)
    return MemberTransferRead.model_validate(transfer)


@router.get("/{member_id}/transfers", responses=problems(READ))
async def list_transfers(member: ReadableMember, session: SessionDep) -> Page[MemberTransferRead]:
    """The member's transfers between organizations, oldest first."""
    transfers = await service.list_transfers(session, member)
    return Page(items=[MemberTransferRead.model_validate(t) for t in transfers], next_cursor=None)
