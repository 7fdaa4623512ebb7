"""HTTP endpoints of pledges."""

import uuid
from typing import Annotated

from fastapi import Query, Response, status

from grassroots.core.access import CurrentPrincipal
from grassroots.core.db import SessionDep
from grassroots.core.errors import SIGNED_IN, Forbidden, ValidationFailed, problems
from grassroots.core.idempotency import IDEMPOTENT, IdempotencyDep
from grassroots.core.pagination import InvalidCursor, Page, PageDep, paginate
from grassroots.core.routing import Router
from grassroots.core.validation import FieldCannotBeCleared
from grassroots.core.versioning import VERSIONED_WRITE, IfMatch, respond_with_etag
from grassroots.organizations import service as org_service
from grassroots.volunteering import exceptions as refused
from grassroots.volunteering import pledges
from grassroots.volunteering.dependencies import Order, ReadablePledge, Within
from grassroots.volunteering.enums import PledgeStatus
from grassroots.volunteering.models import Pledge
from grassroots.volunteering.schemas import PledgeCreate, PledgeRead, PledgeUpdate

ASKED = (SIGNED_IN, ValidationFailed)
READABLE = (ASKED, refused.PledgeNotFound)
router = Router(prefix="/pledges", tags=["pledges"])


def _pledge_response(pledge: Pledge, *, status_code: int = 200) -> Response:
    return respond_with_etag(
        PledgeRead.model_validate(pledge), version=pledge.version, status_code=status_code
    )


@router.get("", responses=problems(ASKED, InvalidCursor, org_service.OrganizationNotFound))
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
    statement = pledges.list_pledges(
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


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    responses=problems(ASKED, IDEMPOTENT, refused.MEMBER_REFUSALS),
    response_model=PledgeRead,
)
async def create_pledge(
    data: PledgeCreate, caller: CurrentPrincipal, session: SessionDep, idempotency: IdempotencyDep
) -> Response:
    """Make a pledge for a year (yours, or staff for a member)."""
    if (replay := await idempotency.replay(data)) is not None:
        return replay
    pledge = await pledges.create_pledge(session, caller, data=data)
    return await idempotency.record(_pledge_response(pledge, status_code=201))


@router.get("/{pledge_id}", responses=problems(READABLE), response_model=PledgeRead)
async def get_pledge(pledge: ReadablePledge) -> Response:
    """One pledge."""
    return _pledge_response(pledge)


@router.patch(
    "/{pledge_id}",
    responses=problems(READABLE, VERSIONED_WRITE, Forbidden, FieldCannotBeCleared),
    response_model=PledgeRead,
)
async def update_pledge(
    pledge: ReadablePledge,
    data: PledgeUpdate,
    caller: CurrentPrincipal,
    session: SessionDep,
    if_match: IfMatch = None,
) -> Response:
    """The member reports progress; staff mark it fulfilled or not."""
    pledge = await pledges.update_pledge(session, caller, pledge, data=data, if_match=if_match)
    return _pledge_response(pledge)
