"""HTTP endpoints of the organization tree."""

import uuid
from typing import Annotated

from fastapi import Depends, Query, Request, Response, status
from sqlalchemy import Select

from grassroots.core.db import SessionDep
from grassroots.core.errors import PERMITTED, ValidationFailed, problems
from grassroots.core.idempotency import IDEMPOTENT, IdempotencyDep
from grassroots.core.pagination import InvalidCursor, Page, PageDep, PageParams, paginate
from grassroots.core.routing import Router
from grassroots.core.security import Principal
from grassroots.core.text import NoControlChars, bounded
from grassroots.core.validation import FieldCannotBeCleared
from grassroots.core.versioning import VERSIONED_WRITE, IfMatch, respond_with_etag
from grassroots.organizations import service
from grassroots.organizations.dependencies import (
    ReadableOrganization,
    Reader,
    WritableOrganization,
    Writer,
)
from grassroots.organizations.enums import Domain, Flag, Kind, Tier
from grassroots.organizations.models import Organization
from grassroots.organizations.schemas import (
    OrganizationCreate,
    OrganizationMove,
    OrganizationRead,
    OrganizationStats,
    OrganizationUpdate,
)

router = Router(prefix="/organizations", tags=["organizations"])

# Every route here names the organization (in the path, or as `within`) it works on.
KNOWN = (PERMITTED, ValidationFailed, service.OrganizationNotFound)


async def _present(
    session: SessionDep, caller: Principal, organizations: list[Organization]
) -> list[OrganizationRead]:
    """How the caller sees organizations: with their child counts, and a parent beyond the
    caller's scope shown as none."""
    await service.count_children(session, organizations)
    bodies = []
    for organization in organizations:
        body = OrganizationRead.model_validate(organization)
        body.parent_id = service.visible_parent_id(caller, organization)
        bodies.append(body)
    return bodies


async def _page(
    session: SessionDep, caller: Principal, statement: Select[Organization], page: PageParams
) -> Page[OrganizationRead]:
    found = await paginate(
        session, statement, order_by=service.ORDER, params=page, to_item=lambda o: o
    )
    items = await _present(session, caller, found.items)
    return Page(items=items, next_cursor=found.next_cursor, total=found.total)


async def _respond(
    session: SessionDep,
    caller: Principal,
    organization: Organization,
    *,
    status_code: int = 200,
    headers: dict[str, str] | None = None,
) -> Response:
    [body] = await _present(session, caller, [organization])
    return respond_with_etag(
        body, version=organization.version, status_code=status_code, headers=headers
    )


async def _filters(
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
    root: Annotated[
        bool,
        Query(description="Only the tops of your scope (for a superuser: the roots)."),
    ] = False,
    secretary_vacant: Annotated[
        bool | None,
        Query(
            description="true: only organizations without a secretary in office (the ones "
            "the stats count in `secretary_vacancies`); false: only those with one."
        ),
    ] = None,
    has_grid: Annotated[
        bool | None,
        Query(
            description="true: only village and community organizations with a grid in their "
            "subtree; false: only those without one (coverage's `organizations_without_grid`)."
        ),
    ] = None,
) -> service.OrganizationFilter:
    return service.OrganizationFilter(
        within=within,
        domain=domain,
        kind=kind,
        tier=tier,
        flags=flag or [],
        q=q,
        root=root,
        secretary_vacant=secretary_vacant,
        has_grid=has_grid,
    )


FilterDep = Annotated[service.OrganizationFilter, Depends(_filters)]


@router.get("", responses=problems(KNOWN, InvalidCursor))
async def list_organizations(
    caller: Reader, session: SessionDep, filters: FilterDep, page: PageDep
) -> Page[OrganizationRead]:
    """List the organizations in your scope matching every filter given, ordered by `code`."""
    statement = await service.list_organizations(session, caller, filters=filters)
    return await _page(session, caller, statement, page)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    responses=problems(
        PERMITTED,
        ValidationFailed,
        IDEMPOTENT,
        service.ParentNotFound,
        service.OrganizationTooDeep,
        service.OrganizationCodeTaken,
    ),
    response_model=OrganizationRead,
)
async def create_organization(
    request: Request,
    data: OrganizationCreate,
    caller: Writer,
    session: SessionDep,
    idempotency: IdempotencyDep,
) -> Response:
    """Create an organization under `parent_id` (a top-level one, for superusers, when null)."""
    if (replay := await idempotency.replay(data)) is not None:
        return replay
    organization = await service.create_organization(session, caller, data=data)
    location = request.url_for("get_organization", organization_id=organization.id).path
    return await idempotency.record(
        await _respond(
            session, caller, organization, status_code=201, headers={"Location": location}
        )
    )


@router.get("/{organization_id}", responses=problems(KNOWN), response_model=OrganizationRead)
async def get_organization(target: ReadableOrganization) -> Response:
    """Read one organization; its `ETag` is what `If-Match` expects on a write."""
    return await _respond(target.session, target.caller, target.organization)


@router.patch(
    "/{organization_id}",
    responses=problems(KNOWN, VERSIONED_WRITE, FieldCannotBeCleared, service.OrganizationCodeTaken),
    response_model=OrganizationRead,
)
async def update_organization(
    target: WritableOrganization, data: OrganizationUpdate, if_match: IfMatch = None
) -> Response:
    """Change the fields sent; send `If-Match` with the last `ETag` to avoid lost updates."""
    organization = await service.update_organization(
        target.session, target.organization, data=data, if_match=if_match
    )
    return await _respond(target.session, target.caller, organization)


@router.delete(
    "/{organization_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problems(KNOWN, VERSIONED_WRITE, service.OrganizationNotEmpty),
)
async def delete_organization(target: WritableOrganization, if_match: IfMatch = None) -> None:
    """Delete an organization; refused with 409 while anything still belongs to it."""
    await service.delete_organization(
        target.session, target.caller, target.organization, if_match=if_match
    )


@router.post(
    "/{organization_id}/move",
    responses=problems(
        KNOWN,
        VERSIONED_WRITE,
        IDEMPOTENT,
        service.ParentNotFound,
        service.OrganizationMoveCycle,
        service.OrganizationTooDeep,
    ),
    response_model=OrganizationRead,
)
async def move_organization(
    target: WritableOrganization,
    data: OrganizationMove,
    idempotency: IdempotencyDep,
    if_match: IfMatch = None,
) -> Response:
    """Move an organization, with its whole subtree, under a new parent."""
    if (replay := await idempotency.replay(data)) is not None:
        return replay
    session, caller = target.session, target.caller
    organization = await service.move_organization(
        session, caller, target.organization, parent_id=data.parent_id, if_match=if_match
    )
    return await idempotency.record(await _respond(session, caller, organization))


@router.get("/{organization_id}/children", responses=problems(KNOWN, InvalidCursor))
async def list_children(target: ReadableOrganization, page: PageDep) -> Page[OrganizationRead]:
    """List the direct children of an organization, ordered by `code`."""
    statement = service.list_children(target.organization)
    return await _page(target.session, target.caller, statement, page)


@router.get("/{organization_id}/ancestors", responses=problems(KNOWN))
async def list_ancestors(target: ReadableOrganization) -> Page[OrganizationRead]:
    """List the ancestors in your scope, root first, for breadcrumbs (itself excluded)."""
    session, caller = target.session, target.caller
    ancestors = await service.list_ancestors(session, caller, target.organization)
    return Page(items=await _present(session, caller, ancestors), next_cursor=None)


@router.get("/{organization_id}/stats", responses=problems(KNOWN))
async def get_stats(target: ReadableOrganization) -> OrganizationStats:
    """Count the organization's subtree (itself included) by domain, kind, tier and flag, and
    its secretaries in office, vacancies and first secretaries."""
    return await service.subtree_stats(target.session, target.organization)
