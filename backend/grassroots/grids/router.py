"""HTTP endpoints of grids, grid service teams, coverage and the units register."""

import uuid
from typing import Annotated

from fastapi import Query, Request, Response, status

from grassroots.core.db import SessionDep
from grassroots.core.errors import PERMITTED, ValidationFailed, problems
from grassroots.core.idempotency import IDEMPOTENT, IdempotencyDep
from grassroots.core.pagination import InvalidCursor, Page, PageDep, paginate
from grassroots.core.routing import Router
from grassroots.core.text import NoControlChars, bounded
from grassroots.core.validation import FieldCannotBeCleared
from grassroots.core.versioning import VERSIONED_WRITE, IfMatch, respond_with_etag
from grassroots.grids import coverage as coverage_figures
from grassroots.grids import service
from grassroots.grids.dependencies import (
    CoverageAnswersDep,
    GridIndexDep,
    ReadableGrid,
    ReadableTeam,
    ReadableUnit,
    Reader,
    WritableGrid,
    WritableTeam,
    WritableUnit,
    Writer,
)
from grassroots.grids.enums import UnitKind
from grassroots.grids.geometry import InvalidBoundary
from grassroots.grids.models import Grid, GridTeam, Unit
from grassroots.grids.schemas import (
    Coverage,
    GridCreate,
    GridLocated,
    GridRead,
    GridUpdate,
    TeamCreate,
    TeamRead,
    TeamUpdate,
    UnitCreate,
    UnitRead,
    UnitUpdate,
)
from grassroots.organizations import service as org_service

ASKED = (PERMITTED, ValidationFailed)
LISTED = (ASKED, InvalidCursor, org_service.OrganizationNotFound)
GRID = (ASKED, service.GridNotFound)
TEAM = (ASKED, service.TeamNotFound)
UNIT = (ASKED, service.UnitNotFound)
CHANGED = (VERSIONED_WRITE, FieldCannotBeCleared)
PEOPLE = (
    service.TeamOneLeader,
    service.TeamLeaderRequired,
    service.TeamMemberNotFound,
    service.TeamMemberOutsideGrid,
    service.TeamPersonDuplicate,
    service.TeamPersonNotFound,
)
UNIT_REFERENCES = (
    service.GridOrganizationNotFound,
    service.GridReferenceNotFound,
    service.UnitGridOutside,
)
Within = Annotated[
    uuid.UUID | None, Query(description="Only this organization and everything below it.")
]

grids = Router(prefix="/grids", tags=["grids"])
teams = Router(prefix="/grid-teams", tags=["grid_teams"])
coverage = Router(prefix="/grid-coverage", tags=["grid_coverage"])
units = Router(prefix="/units", tags=["units"])


# Grids -------------------------------------------------------------------------------------


async def _grid_response(
    session: SessionDep,
    grid: Grid,
    *,
    status_code: int = 200,
    headers: dict[str, str] | None = None,
) -> Response:
    counts = await service.team_counts(session, [grid.id])
    body = service.present_grid(grid, counts.get(grid.id, (0, 0)))
    return respond_with_etag(body, version=grid.version, status_code=status_code, headers=headers)


@grids.get("", responses=problems(LISTED))
async def list_grids(
    caller: Reader,
    session: SessionDep,
    page: PageDep,
    within: Within = None,
    has_team: Annotated[
        bool | None, Query(description="Only grids with (true) or without (false) an active team.")
    ] = None,
    q: Annotated[
        str | None,
        Query(max_length=100, description="Text in the code or name."),
        NoControlChars,
        bounded(100),
    ] = None,
) -> Page[GridRead]:
    """List the grids in your scope matching every filter given, ordered by `code`."""
    filters = service.GridFilter(
        within_path=await org_service.subtree_path(session, caller, within), has_team=has_team, q=q
    )
    found = await paginate(
        session,
        service.list_grids(caller, filters=filters),
        order_by=service.GRID_ORDER,
        params=page,
        to_item=lambda grid: grid,
    )
    counts = await service.team_counts(session, [grid.id for grid in found.items])
    items = [service.present_grid(grid, counts.get(grid.id, (0, 0))) for grid in found.items]
    return Page(items=items, next_cursor=found.next_cursor, total=found.total)


@grids.post(
    "",
    status_code=status.HTTP_201_CREATED,
    responses=problems(
        ASKED,
        IDEMPOTENT,
        service.GridOrganizationNotFound,
        service.GridOrganizationTier,
        service.GridCodeTaken,
        InvalidBoundary,
    ),
    response_model=GridRead,
)
async def create_grid(
    request: Request,
    data: GridCreate,
    caller: Writer,
    session: SessionDep,
    idempotency: IdempotencyDep,
) -> Response:
    """Divide out a grid of a township, street, village or community organization; a bad
    boundary is a 422 `grid_boundary_invalid` whose `errors` name the polygon, ring and
    position at fault."""
    if (replay := await idempotency.replay(data)) is not None:
        return replay
    grid = await service.create_grid(session, caller, data=data)
    location = request.url_for("get_grid", grid_id=grid.id).path
    return await idempotency.record(
        await _grid_response(session, grid, status_code=201, headers={"Location": location})
    )


@grids.get("/locate", responses=problems(ASKED, service.GridNotLocated))
async def locate_grid(
    caller: Reader,
    session: SessionDep,
    index: GridIndexDep,
    lat: Annotated[float, Query(ge=-90, le=90, allow_inf_nan=False, description="Latitude.")],
    lng: Annotated[float, Query(ge=-180, le=180, allow_inf_nan=False, description="Longitude.")],
) -> GridLocated:
    """The grid in your scope containing a WGS 84 point, its border included (404
    `grid_not_located` when none does). A point on a border shared by several grids
    resolves to the one with the smallest `code`, then id: the same one every time."""
    return await index.locate(session, caller, lng=lng, lat=lat)


@grids.get("/{grid_id}", responses=problems(GRID), response_model=GridRead)
async def get_grid(grid: ReadableGrid, session: SessionDep) -> Response:
    """Read one grid; its `ETag` is what `If-Match` expects on a write."""
    return await _grid_response(session, grid)


@grids.patch(
    "/{grid_id}",
    responses=problems(GRID, CHANGED, service.GridCodeTaken, InvalidBoundary),
    response_model=GridRead,
)
async def update_grid(
    grid: WritableGrid, data: GridUpdate, session: SessionDep, if_match: IfMatch = None
) -> Response:
    """Change the fields sent (`boundary: null` removes the boundary); send `If-Match`."""
    grid = await service.update_grid(session, grid, data=data, if_match=if_match)
    return await _grid_response(session, grid)


@grids.delete(
    "/{grid_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problems(GRID, VERSIONED_WRITE, service.GridHasTeams, service.GridHasRecords),
)
async def delete_grid(grid: WritableGrid, session: SessionDep, if_match: IfMatch = None) -> None:
    """Delete a grid; refused with 409 `grid_has_teams` while a team serves it, and
    `grid_has_records` while volunteer records name it."""
    await service.delete_grid(session, grid, if_match=if_match)


# Teams -------------------------------------------------------------------------------------


def _team_response(
    team: GridTeam, *, status_code: int = 200, headers: dict[str, str] | None = None
) -> Response:
    return respond_with_etag(
        service.present_team(team), version=team.version, status_code=status_code, headers=headers
    )


@teams.get("", responses=problems(LISTED))
async def list_teams(
    caller: Reader,
    session: SessionDep,
    page: PageDep,
    within: Within = None,
    grid_id: Annotated[uuid.UUID | None, Query(description="Only the teams of this grid.")] = None,
    active: bool | None = None,
    has_leader: Annotated[
        bool | None,
        Query(description="Only teams with (true) or without (false) a grid leader."),
    ] = None,
    has_party_members: Annotated[
        bool | None,
        Query(description="Only teams with (true) or without (false) a Party member."),
    ] = None,
) -> Page[TeamRead]:
    """List the grid service teams in your scope, ordered by name; with `active=true`,
    `has_leader=false` and `has_party_members=false` list coverage's team gaps in full."""
    filters = service.TeamFilter(
        within_path=await org_service.subtree_path(session, caller, within),
        grid_id=grid_id,
        active=active,
        has_leader=has_leader,
        has_party_members=has_party_members,
    )
    return await paginate(
        session,
        service.list_teams(caller, filters=filters),
        order_by=service.TEAM_ORDER,
        params=page,
        to_item=service.present_team,
    )


@teams.post(
    "",
    status_code=status.HTTP_201_CREATED,
    responses=problems(ASKED, IDEMPOTENT, service.GridReferenceNotFound, PEOPLE),
    response_model=TeamRead,
)
async def create_team(
    request: Request,
    data: TeamCreate,
    caller: Writer,
    session: SessionDep,
    idempotency: IdempotencyDep,
) -> Response:
    """Form a team for a grid. An active team has exactly one `grid_leader`; members from
    outside the grid's organization join only when registered there as in-service members
    (双报到), or when an administrator of the grid's organization adds them."""
    if (replay := await idempotency.replay(data)) is not None:
        return replay
    team = await service.create_team(session, caller, data=data)
    location = request.url_for("get_team", team_id=team.id).path
    return await idempotency.record(
        _team_response(team, status_code=201, headers={"Location": location})
    )


@teams.get("/{team_id}", responses=problems(TEAM), response_model=TeamRead)
async def get_team(team: ReadableTeam) -> Response:
    """Read one team and its people (volunteers' phones masked)."""
    return _team_response(team)


@teams.patch("/{team_id}", responses=problems(TEAM, CHANGED, PEOPLE), response_model=TeamRead)
async def update_team(
    team: WritableTeam,
    data: TeamUpdate,
    caller: Writer,
    session: SessionDep,
    if_match: IfMatch = None,
) -> Response:
    """Change the fields sent; `people` replaces the list (send each kept person's `id`)."""
    team = await service.update_team(session, caller, team, data=data, if_match=if_match)
    return _team_response(team)


@teams.delete(
    "/{team_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problems(TEAM, VERSIONED_WRITE),
)
async def delete_team(team: WritableTeam, session: SessionDep, if_match: IfMatch = None) -> None:
    """Disband a team."""
    await service.delete_team(session, team, if_match=if_match)


# Coverage ----------------------------------------------------------------------------------


@coverage.get(
    "", response_model=Coverage, responses=problems(ASKED, org_service.OrganizationNotFound)
)
async def get_coverage(
    caller: Reader, session: SessionDep, answers: CoverageAnswersDep, within: Within = None
) -> Response:
    """Coverage of your scope (or the `within` subtree): grids without an active team, active
    teams without a leader or without Party members, village and community organizations
    without a grid, households and population in grids against the declared totals, and
    units without a Party organization covering them. Each gap gives its count and the
    first 500 by code or name, with ids."""
    within_path = await org_service.subtree_path(session, caller, within)
    answer = await coverage_figures.coverage_json(
        session, caller, answers, within_path=within_path, within_id=within
    )
    return Response(answer, media_type="application/json")


# Units -------------------------------------------------------------------------------------


def _unit_response(
    unit: Unit, *, status_code: int = 200, headers: dict[str, str] | None = None
) -> Response:
    return respond_with_etag(
        UnitRead.model_validate(unit),
        version=unit.version,
        status_code=status_code,
        headers=headers,
    )


@units.get("", responses=problems(LISTED))
async def list_units(
    caller: Reader,
    session: SessionDep,
    page: PageDep,
    within: Within = None,
    kind: UnitKind | None = None,
    covered: Annotated[
        bool | None, Query(description="Only units with (true) or without (false) coverage.")
    ] = None,
) -> Page[UnitRead]:
    """List the units in the registers of your scope, ordered by name."""
    filters = service.UnitFilter(
        within_path=await org_service.subtree_path(session, caller, within),
        kind=kind,
        covered=covered,
    )
    return await paginate(
        session,
        service.list_units(caller, filters=filters),
        order_by=service.UNIT_ORDER,
        params=page,
        to_item=UnitRead.model_validate,
    )


@units.post(
    "",
    status_code=status.HTTP_201_CREATED,
    responses=problems(ASKED, IDEMPOTENT, UNIT_REFERENCES),
    response_model=UnitRead,
)
async def create_unit(
    request: Request,
    data: UnitCreate,
    caller: Writer,
    session: SessionDep,
    idempotency: IdempotencyDep,
) -> Response:
    """Add a unit to the register of an organization in your scope."""
    if (replay := await idempotency.replay(data)) is not None:
        return replay
    unit = await service.create_unit(session, caller, data=data)
    location = request.url_for("get_unit", unit_id=unit.id).path
    return await idempotency.record(
        _unit_response(unit, status_code=201, headers={"Location": location})
    )


@units.get("/{unit_id}", responses=problems(UNIT), response_model=UnitRead)
async def get_unit(unit: ReadableUnit) -> Response:
    """Read one unit."""
    return _unit_response(unit)


@units.patch(
    "/{unit_id}",
    responses=problems(UNIT, CHANGED, service.UnitInvalid, UNIT_REFERENCES),
    response_model=UnitRead,
)
async def update_unit(
    unit: WritableUnit,
    data: UnitUpdate,
    caller: Writer,
    session: SessionDep,
    if_match: IfMatch = None,
) -> Response:
    """Change the fields sent; the unit as a whole must stay consistent (`unit_invalid`)."""
    unit = await service.update_unit(session, caller, unit, data=data, if_match=if_match)
    return _unit_response(unit)


@units.delete(
    "/{unit_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problems(UNIT, VERSIONED_WRITE),
)
async def delete_unit(unit: WritableUnit, session: SessionDep, if_match: IfMatch = None) -> None:
    """Remove a unit from the register."""
    await service.delete_unit(session, unit, if_match=if_match)


routers = (grids, teams, coverage, units)
