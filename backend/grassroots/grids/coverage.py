"""Coverage figures of a subtree: grids and their teams, organizations without grids, people
counted in grids against what organizations declare, and units covered by a Party
organization. Nine statements whatever the subtree's size."""

import uuid
from typing import Any, TypeVar

from pydantic import BaseModel
from sqlalchemy import ColumnElement, Select, and_, exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from grassroots.core.security import Principal
from grassroots.grids.enums import TeamRole, UnitCoverage
from grassroots.grids.models import Grid, GridTeam, GridTeamPerson, Unit
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
from grassroots.grids.service import has_active_team, scope_condition
from grassroots.organizations.enums import Tier
from grassroots.organizations.models import Organization

GAP_ITEMS = 500
RESIDENT_TIERS = (Tier.VILLAGE, Tier.COMMUNITY)
Ref = TypeVar("Ref", bound=BaseModel)
GridOrganization = aliased(Organization, name="grid_organization")


def _has_leader() -> ColumnElement[bool]:
    return exists().where(
        GridTeamPerson.team_id == GridTeam.id, GridTeamPerson.role == TeamRole.GRID_LEADER
    )


def _has_party_member() -> ColumnElement[bool]:
    return exists().where(
        GridTeamPerson.team_id == GridTeam.id, GridTeamPerson.member_id.is_not(None)
    )


def _has_grid_below() -> ColumnElement[bool]:
    """The organization or one below it holds a grid (a range scan on the path)."""
    upper = func.substr(Organization.path, 1, func.length(Organization.path) - 1) + "0"
    return exists().where(
        Grid.organization_id == GridOrganization.id,
        GridOrganization.path >= Organization.path,
        GridOrganization.path < upper,
    )


async def _gap(
    session: AsyncSession, count: int, statement: Select[*tuple[Any, ...]], to_ref: type[Ref]
) -> Gap[Ref]:
    if count == 0:
        return Gap[to_ref](count=0, items=[])  # type: ignore[valid-type]
    rows = await session.execute(statement.limit(GAP_ITEMS))
    items = [to_ref.model_validate(dict(row._mapping)) for row in rows]
    return Gap[to_ref](count=count, items=items)  # type: ignore[valid-type]


async def coverage(
    session: AsyncSession,
    principal: Principal,
    *,
    within_path: str | None,
    within_id: uuid.UUID | None,
) -> Coverage:
    """The coverage figures of the caller's scope, narrowed to `within` when named."""
    in_scope = scope_condition(principal, within_path)
    active_team = GridTeam.active.is_(True)

    grids, with_team, households, population = (
        await session.execute(
            select(
                func.count(),
                func.count().filter(has_active_team()),
                func.coalesce(func.sum(Grid.households), 0),
                func.coalesce(func.sum(Grid.population), 0),
            )
            .select_from(Grid)
            .join(Organization, Organization.id == Grid.organization_id)
            .where(in_scope)
        )
    ).one()
    grid_gap = await _gap(
        session,
        grids - with_team,
        select(Grid.id, Grid.organization_id, Grid.code, Grid.name)
        .join(Organization, Organization.id == Grid.organization_id)
        .where(in_scope, ~has_active_team())
        .order_by(Grid.code, Grid.id),
        GridRef,
    )

    teams, active, leaderless, partyless = (
        await session.execute(
            select(
                func.count(),
                func.count().filter(active_team),
                func.count().filter(active_team, ~_has_leader()),
                func.count().filter(active_team, ~_has_party_member()),
            )
            .select_from(GridTeam)
            .join(Organization, Organization.id == GridTeam.organization_id)
            .where(in_scope)
        )
    ).one()
    teams_query = (
        select(GridTeam.id, GridTeam.grid_id, GridTeam.name)
        .join(Organization, Organization.id == GridTeam.organization_id)
        .where(in_scope, active_team)
        .order_by(GridTeam.name, GridTeam.id)
    )
    leaderless_gap = await _gap(session, leaderless, teams_query.where(~_has_leader()), TeamRef)
    partyless_gap = await _gap(session, partyless, teams_query.where(~_has_party_member()), TeamRef)

    resident = Organization.tier.in_(RESIDENT_TIERS)
    organizations, without_grid, declared_households, declared_population = (
        await session.execute(
            select(
                func.count().filter(resident),
                func.count().filter(resident, ~_has_grid_below()),
                func.coalesce(func.sum(Organization.households).filter(resident), 0),
                func.coalesce(func.sum(Organization.population).filter(resident), 0),
            ).where(in_scope)
        )
    ).one()
    organization_gap = await _gap(
        session,
        without_grid,
        select(Organization.id, Organization.code, Organization.name, Organization.tier)
        .where(in_scope, resident, ~_has_grid_below())
        .order_by(Organization.code, Organization.id),
        OrganizationRef,
    )

    by_coverage = dict.fromkeys(UnitCoverage, 0)
    rows = await session.execute(
        select(Unit.coverage, func.count())
        .join(Organization, Organization.id == Unit.organization_id)
        .where(in_scope)
        .group_by(Unit.coverage)
    )
    for kind, count in rows:
        by_coverage[kind] = int(count)
    unit_gap = await _gap(
        session,
        by_coverage[UnitCoverage.NONE],
        select(Unit.id, Unit.organization_id, Unit.name, Unit.kind)
        .join(Organization, Organization.id == Unit.organization_id)
        .where(and_(in_scope, Unit.coverage == UnitCoverage.NONE))
        .order_by(Unit.name, Unit.id),
        UnitRef,
    )

    return Coverage(
        organization_id=within_id,
        grids=grids,
        grids_with_active_team=with_team,
        grids_without_active_team=grid_gap,
        teams=teams,
        active_teams=active,
        active_teams_without_leader=leaderless_gap,
        active_teams_without_party_members=partyless_gap,
        grid_organizations=organizations,
        organizations_without_grid=organization_gap,
        households=Tally(in_grids=int(households or 0), declared=int(declared_households or 0)),
        population=Tally(in_grids=int(population or 0), declared=int(declared_population or 0)),
        units=UnitCoverageFigures(
            total=sum(by_coverage.values()),
            covered=by_coverage[UnitCoverage.OWN] + by_coverage[UnitCoverage.JOINT],
            by_coverage=by_coverage,
            uncovered=unit_gap,
        ),
    )
