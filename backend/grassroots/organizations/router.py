"""HTTP endpoints of the organization tree."""

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response, status
from fastapi.responses import JSONResponse

from grassroots.core.db import SessionDep
from grassroots.core.errors import problem_schema_ref
from grassroots.core.idempotency import IdempotencyDep
from grassroots.core.pagination import Page, PageDep, paginate
from grassroots.core.text import NoControlChars, bounded
from grassroots.core.versioning import IfMatch, etag
from grassroots.organizations import service
from grassroots.organizations.dependencies import OrganizationDep
from grassroots.organizations.enums import Domain, Flag, Kind, Tier
from grassroots.organizations.models import Organization
from grassroots.organizations.schemas import (
    OrganizationCreate,
    OrganizationMove,
    OrganizationRead,
    OrganizationStats,
    OrganizationUpdate,
)

router = APIRouter(prefix="/organizations", tags=["organizations"])

PROBLEMS: dict[int | str, dict[str, Any]] = {
    code: problem_schema_ref() for code in (400, 404, 409, 412, 422)
}


def _read(organization: Organization) -> OrganizationRead:
    return OrganizationRead.model_validate(organization)


def _with_etag(
    organization: Organization, *, status_code: int = 200, headers: dict[str, str] | None = None
) -> JSONResponse:
    body = _read(organization).model_dump(mode="json")
    return JSONResponse(
        body,
        status_code=status_code,
        headers={"ETag": etag(organization.version), **(headers or {})},
    )


def _filters(
    within: Annotated[
        uuid.UUID | None, Query(description="Only this organization and everything below it.")
    ] = None,
    domain: Domain | None = None,
    kind: Kind | None = None,
    tier: Tier | None = None,
    flag: Annotated[
        list[Flag] | None,
        Query(description="Only organizations with every flag given (repeatable)."),
    ] = None,
    q: Annotated[
        str | None,
        Query(description="Text in the name, short name or code.", max_length=100),
        NoControlChars,
        bounded(100),
    ] = None,
) -> service.OrganizationFilter:
    return service.OrganizationFilter(
        within=within, domain=domain, kind=kind, tier=tier, flags=flag or [], q=q
    )


FilterDep = Annotated[service.OrganizationFilter, Depends(_filters)]


@router.get("", responses=PROBLEMS)
async def list_organizations(
    session: SessionDep, filters: FilterDep, page: PageDep
) -> Page[OrganizationRead]:
    """List organizations matching every filter given, ordered by `code`."""
    statement = await service.list_organizations(session, filters=filters)
    return await paginate(session, statement, order_by=service.ORDER, params=page, to_item=_read)


@router.post(
    "", status_code=status.HTTP_201_CREATED, responses=PROBLEMS, response_model=OrganizationRead
)
async def create_organization(
    request: Request, data: OrganizationCreate, session: SessionDep, idempotency: IdempotencyDep
) -> Response:
    """Create an organization under `parent_id` (or a root when it is null)."""
    if (replay := await idempotency.replay(data)) is not None:
        return replay
    organization = await service.create_organization(session, data=data)
    location = str(request.url_for("get_organization", organization_id=organization.id).path)
    return await idempotency.record(
        _with_etag(organization, status_code=201, headers={"Location": location})
    )


@router.get("/{organization_id}", responses=PROBLEMS, response_model=OrganizationRead)
async def get_organization(organization: OrganizationDep) -> Response:
    """Read one organization; its `ETag` is what `If-Match` expects on a write."""
    return _with_etag(organization)


@router.patch("/{organization_id}", responses=PROBLEMS, response_model=OrganizationRead)
async def update_organization(
    organization: OrganizationDep,
    data: OrganizationUpdate,
    session: SessionDep,
    if_match: IfMatch = None,
) -> Response:
    """Change the fields sent; send `If-Match` with the last `ETag` to avoid lost updates."""
    organization = await service.update_organization(
        session, organization, data=data, if_match=if_match
    )
    return _with_etag(organization)


@router.delete("/{organization_id}", status_code=status.HTTP_204_NO_CONTENT, responses=PROBLEMS)
async def delete_organization(
    organization: OrganizationDep, session: SessionDep, if_match: IfMatch = None
) -> None:
    """Delete an organization; refused with 409 while it has subordinate organizations."""
    await service.delete_organization(session, organization, if_match=if_match)


@router.post("/{organization_id}/move", responses=PROBLEMS, response_model=OrganizationRead)
async def move_organization(
    organization: OrganizationDep,
    data: OrganizationMove,
    session: SessionDep,
    idempotency: IdempotencyDep,
    if_match: IfMatch = None,
) -> Response:
    """Move an organization, with its whole subtree, under a new parent."""
    if (replay := await idempotency.replay(data)) is not None:
        return replay
    organization = await service.move_organization(
        session, organization, parent_id=data.parent_id, if_match=if_match
    )
    return await idempotency.record(_with_etag(organization))


@router.get("/{organization_id}/children", responses=PROBLEMS)
async def list_children(
    organization: OrganizationDep, session: SessionDep, page: PageDep
) -> Page[OrganizationRead]:
    """List the direct children of an organization, ordered by `code`."""
    statement = service.list_children(organization)
    return await paginate(session, statement, order_by=service.ORDER, params=page, to_item=_read)


@router.get("/{organization_id}/ancestors", responses=PROBLEMS)
async def list_ancestors(
    organization: OrganizationDep, session: SessionDep
) -> Page[OrganizationRead]:
    """List the ancestors of an organization, root first, for breadcrumbs (itself excluded)."""
    ancestors = await service.list_ancestors(session, organization)
    return Page(items=[_read(ancestor) for ancestor in ancestors], next_cursor=None)


@router.get("/{organization_id}/stats", responses=PROBLEMS)
async def get_stats(organization: OrganizationDep, session: SessionDep) -> OrganizationStats:
    """Count the organization's subtree (itself included) by domain, kind, tier and flag."""
    return await service.subtree_stats(session, organization)
