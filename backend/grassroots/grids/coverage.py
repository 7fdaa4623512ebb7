"""Coverage figures of a subtree: grids and their teams, organizations without grids, people
counted in grids against what organizations declare, and units covered by a Party
organization. One statement for every figure, then one per gap that is not empty, whatever
the subtree's size; no statement runs per row (the sets each figure needs are read once and
hashed). Each process remembers the answers (as JSON) under the grid coverage's change marker,
which database triggers move on any change to what the figures are made of: while it stays, an
answer costs one indexed read."""

import uuid
from typing import Any, TypeVar

from pydantic import BaseModel
from sqlalchemy import ColumnElement, Select, func, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.core.markers import Remembered
from grassroots.core.security import Principal
from grassroots.grids.conditions import (
    has_active_team,
    has_grid_below,
    has_leader,
    has_party_member,
)
from grassroots.grids.enums import UnitCoverage
from grassroots.grids.models import Grid, GridTeam, Unit
from grassroots.grids.schemas import (
    Coverage,
    Gap,
    GridRef,
    OrganizationRef,
    Tally,
    TeamRef,
    UnitCoverageFigures,
    UnitRef,
)
from grassroots.grids.service import READ, scope_condition
from grassroots.organizations.enums import RESIDENT_TIERS
from grassroots.organizations.models import Organization

GAP_ITEMS = 500
# The topic the migration's triggers move (c8e2f4a61d37), and how many answers a process keeps.
TOPIC = "grid_coverage"
REMEMBERED_ANSWERS = 64
Ref = TypeVar("Ref", bound=BaseModel)


def _unit_label(kind: UnitCoverage) -> str:
    return f"units_{kind.value}"


def _figures(in_scope: ColumnElement[bool]) -> Select[*tuple[Any, ...]]:
    """Every figure in one row: the organizations in scope read once, then one grouped pass
    over each table joined to them."""
    scope = (
        select(
            Organization.id,
            Organization.path,
            Organization.tier,
            Organization.households,
            Organization.population,
        )
        .where(in_scope)
        .cte("scope")
    )
    active = GridTeam.active.is_(True)
    resident = scope.c.tier.in_(RESIDENT_TIERS)
    grids = (
        select(
            func.count().label("grids"),
            func.count().filter(has_active_team()).label("served"),
            func.coalesce(func.sum(Grid.households), 0).label("grid_households"),
            func.coalesce(func.sum(Grid.population), 0).label("grid_population"),
        )
        .select_from(Grid)
        .join(scope, scope.c.id == Grid.organization_id)
        .subquery()
    )
    teams = (
        select(
            func.count().label("teams"),
            func.count().filter(active).label("active"),
            func.count().filter(active, ~has_leader()).label("leaderless"),
            func.count().filter(active, ~has_party_member()).label("partyless"),
        )
        .select_from(GridTeam)
        .join(scope, scope.c.id == GridTeam.organization_id)
        .subquery()
    )
    organizations = select(
        func.count().filter(resident).label("resident"),
        func.count().filter(resident, ~has_grid_below(scope.c)).label("without_grid"),
        func.coalesce(func.sum(scope.c.households).filter(resident), 0).label(
            "declared_households"
        ),
        func.coalesce(func.sum(scope.c.population).filter(resident), 0).label(
            "declared_population"
        ),
    ).subquery()
    units = (
        select(
            *(
                func.count().filter(Unit.coverage == kind).label(_unit_label(kind))
                for kind in UnitCoverage
            )
        )
        .select_from(Unit)
        .join(scope, scope.c.id == Unit.organization_id)
        .subquery()
    )
    return (
        select(grids, teams, organizations, units)
        .select_from(grids)
        .join(teams, true())
        .join(organizations, true())
        .join(units, true())
    )


async def _gap(
    session: AsyncSession, count: int, statement: Select[*tuple[Any, ...]], to_ref: type[Ref]
) -> Gap[Ref]:
    if count == 0:
        return Gap[to_ref](count=0, items=[])  # type: ignore[valid-type]
    rows = await session.execute(statement.limit(GAP_ITEMS))
    items = [to_ref.model_validate(dict(row._mapping)) for row in rows]
    return Gap[to_ref](count=count, items=items)  # type: ignore[valid-type]


def remembered_answers() -> Remembered[bytes]:
    """A process's memory of coverage answers."""
    return Remembered(TOPIC, size=REMEMBERED_ANSWERS)


async def coverage_json(
    session: AsyncSession,
    principal: Principal,
    answers: Remembered[bytes],
    *,
    within_path: str | None,
    within_id: uuid.UUID | None,
) -> bytes:
    """The coverage answer as JSON, remembered per scope while nothing it counts changed."""
    paths = principal.paths_for(READ)
    scope = None if paths is None else tuple(sorted(paths))

    async def compute() -> bytes:
        figures = await coverage(session, principal, within_path=within_path, within_id=within_id)
        return figures.model_dump_json().encode()

    return await answers.get(session, (scope, within_path, within_id), compute)


async def coverage(
    session: AsyncSession,
    principal: Principal,
    *,
    within_path: str | None,
    within_id: uuid.UUID | None,
) -> Coverage:
    """The coverage figures of the caller's scope, narrowed to `within` when named."""
    in_scope = scope_condition(principal, within_path)
    figures = (await session.execute(_figures(in_scope))).one()
    active_teams = (
        select(GridTeam.id, GridTeam.grid_id, GridTeam.name)
        .join(Organization, Organization.id == GridTeam.organization_id)
        .where(in_scope, GridTeam.active.is_(True))
        .order_by(GridTeam.name, GridTeam.id)
    )
    grid_gap = await _gap(
        session,
        figures.grids - figures.served,
        select(Grid.id, Grid.organization_id, Grid.code, Grid.name)
        .join(Organization, Organization.id == Grid.organization_id)
        .where(in_scope, ~has_active_team())
        .order_by(Grid.code, Grid.id),
        GridRef,
    )
    leaderless_gap = await _gap(
        session, figures.leaderless, active_teams.where(~has_leader()), TeamRef
    )
    partyless_gap = await _gap(
        session, figures.partyless, active_teams.where(~has_party_member()), TeamRef
    )
    organization_gap = await _gap(
        session,
        figures.without_grid,
        select(Organization.id, Organization.code, Organization.name, Organization.tier)
        .where(in_scope, Organization.tier.in_(RESIDENT_TIERS), ~has_grid_below())
        .order_by(Organization.code, Organization.id),
        OrganizationRef,
    )
    by_coverage = {kind: int(getattr(figures, _unit_label(kind))) for kind in UnitCoverage}
    unit_gap = await _gap(
        session,
        by_coverage[UnitCoverage.NONE],
        select(Unit.id, Unit.organization_id, Unit.name, Unit.kind)
        .join(Organization, Organization.id == Unit.organization_id)
        .where(in_scope, Unit.coverage == UnitCoverage.NONE)
        .order_by(Unit.name, Unit.id),
        UnitRef,
    )

    return Coverage(
        organization_id=within_id,
        grids=figures.grids,
        grids_with_active_team=figures.served,
        grids_without_active_team=grid_gap,
        teams=figures.teams,
        active_teams=figures.active,
        active_teams_without_leader=leaderless_gap,
        active_teams_without_party_members=partyless_gap,
        grid_organizations=figures.resident,
        organizations_without_grid=organization_gap,
        households=Tally(
            in_grids=int(figures.grid_households), declared=int(figures.declared_households)
        ),
        population=Tally(
            in_grids=int(figures.grid_population), declared=int(figures.declared_population)
        ),
        units=UnitCoverageFigures(
            total=sum(by_coverage.values()),
            covered=by_coverage[UnitCoverage.OWN] + by_coverage[UnitCoverage.JOINT],
            by_coverage=by_coverage,
            uncovered=unit_gap,
        ),
    )
