"""Coverage figures against an independent count: a random small county is built, its gaps
are worked out in plain Python, and every subtree's figures must agree."""

import random
import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.grids.enums import TeamRole, UnitCoverage, UnitKind
from grassroots.grids.models import Grid, GridTeam, GridTeamPerson, Unit
from grassroots.organizations.enums import Kind, Tier
from grassroots.organizations.models import Organization
from tests.builders import make_member, make_organization
from tests.world import build_world

COVERAGE = "/api/v1/grid-coverage"
RESIDENT = {Tier.VILLAGE, Tier.COMMUNITY}
GAPS = ("grids_without_active_team", "leaderless", "partyless", "without_grid", "uncovered")


@dataclass
class County:
    """What was built, kept in plain Python for the independent count."""

    organizations: list[Organization] = field(default_factory=list)
    grids: list[Grid] = field(default_factory=list)
    teams: list[GridTeam] = field(default_factory=list)
    people: list[GridTeamPerson] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)


async def _build(session: AsyncSession, rng: random.Random) -> County:
    county = County()

    async def organization(parent: Organization | None, tier: Tier) -> Organization:
        declared = rng.random() < 0.7
        made = await make_organization(
            session,
            parent=parent,
            tier=tier,
            kind=Kind.COMMITTEE
            if tier in (Tier.COUNTY, Tier.TOWNSHIP, Tier.STREET)
            else Kind.BRANCH,
            households=rng.randint(0, 900) if declared else None,
            population=rng.randint(0, 3000) if declared else None,
            commit=False,
        )
        county.organizations.append(made)
        return made

    top = await organization(None, Tier.COUNTY)
    for _ in range(3):
        town = await organization(top, rng.choice([Tier.TOWNSHIP, Tier.STREET]))
        for _ in range(rng.randint(1, 4)):
            place = await organization(town, rng.choice([Tier.VILLAGE, Tier.COMMUNITY]))
            if rng.random() < 0.4:
                await organization(place, Tier.COMMUNITY)
    await session.flush()
    holders = [o for o in county.organizations if o.tier != Tier.COUNTY]
    members = [
        await make_member(session, organization=rng.choice(holders), commit=False) for _ in range(6)
    ]
    for holder in holders:
        for index in range(rng.choice([0, 0, 1, 2, 3])):
            grid = Grid(
                organization_id=holder.id,
                code=f"G{index}",
                name=f"网格{index}",
                households=rng.randint(0, 400),
                population=rng.randint(0, 1200),
                buildings=[],
            )
            session.add(grid)
            county.grids.append(grid)
    await session.flush()
    # Teams straight into the tables, in states the API itself would refuse (an active team
    # without a leader), as data imported from elsewhere may hold.
    for grid in county.grids:
        for index in range(rng.choice([0, 1, 1, 2])):
            team = GridTeam(
                grid_id=grid.id,
                organization_id=grid.organization_id,
                name=f"队{rng.randint(0, 99)}-{index}",
                service_kinds=[],
                active=rng.random() < 0.7,
            )
            session.add(team)
            county.teams.append(team)
            await session.flush()
            pool = rng.sample(members, rng.randint(0, 3))
            roles = [TeamRole.GRID_LEADER] if rng.random() < 0.6 else []
            roles += [rng.choice([TeamRole.GRID_WORKER, TeamRole.PARTY_MEMBER]) for _ in pool]
            for position, role in enumerate(roles[: len(pool) + rng.randint(0, 2)]):
                is_member = position < len(pool) and rng.random() < 0.7
                person = GridTeamPerson(
                    team_id=team.id,
                    organization_id=team.organization_id,
                    position=position,
                    role=role,
                    member_id=pool[position].id if is_member else None,
                    name=None if is_member else "居民志愿者",
                )
                session.add(person)
                county.people.append(person)
    for _ in range(15):
        coverage = rng.choice(list(UnitCoverage))
        unit = Unit(
            organization_id=rng.choice(county.organizations).id,
            name=f"单位{rng.randint(0, 999):03d}",
            kind=rng.choice(list(UnitKind)),
            coverage=coverage,
            covering_organization_id=None
            if coverage == UnitCoverage.NONE
            else rng.choice(county.organizations).id,
        )
        session.add(unit)
        county.units.append(unit)
    await session.commit()
    return county


def _expected(county: County, root: Organization | None) -> dict[str, Any]:
    """The figures, counted row by row in Python."""
    path = {o.id: o.path for o in county.organizations}

    def inside(organization_id: uuid.UUID) -> bool:
        return root is None or path[organization_id].startswith(root.path)

    grids = [g for g in county.grids if inside(g.organization_id)]
    teams = [t for t in county.teams if inside(t.organization_id)]
    active = [t for t in teams if t.active]
    people_of = {t.id: [p for p in county.people if p.team_id == t.id] for t in teams}
    served = {t.grid_id for t in active}
    resident = [o for o in county.organizations if inside(o.id) and o.tier in RESIDENT]
    grid_paths = [path[g.organization_id] for g in county.grids]
    units = [u for u in county.units if inside(u.organization_id)]
    return {
        "grids": len(grids),
        "grids_with_active_team": len([g for g in grids if g.id in served]),
        "grids_without_active_team": sorted(str(g.id) for g in grids if g.id not in served),
        "teams": len(teams),
        "active_teams": len(active),
        "leaderless": sorted(
            str(t.id)
            for t in active
            if not any(p.role == TeamRole.GRID_LEADER for p in people_of[t.id])
        ),
        "partyless": sorted(
            str(t.id) for t in active if not any(p.member_id for p in people_of[t.id])
        ),
        "grid_organizations": len(resident),
        "without_grid": sorted(
            str(o.id) for o in resident if not any(p.startswith(o.path) for p in grid_paths)
        ),
        "households": {
            "in_grids": sum(g.households for g in grids),
            "declared": sum(o.households or 0 for o in resident),
        },
        "population": {
            "in_grids": sum(g.population for g in grids),
            "declared": sum(o.population or 0 for o in resident),
        },
        "units": len(units),
        "covered": len([u for u in units if u.coverage != UnitCoverage.NONE]),
        "by_coverage": {c.value: len([u for u in units if u.coverage == c]) for c in UnitCoverage},
        "uncovered": sorted(str(u.id) for u in units if u.coverage == UnitCoverage.NONE),
    }


def _actual(body: dict[str, Any]) -> dict[str, Any]:
    def ids(gap: dict[str, Any]) -> list[str]:
        assert gap["count"] == len(gap["items"])
        return sorted(item["id"] for item in gap["items"])

    return {
        "grids": body["grids"],
        "grids_with_active_team": body["grids_with_active_team"],
        "grids_without_active_team": ids(body["grids_without_active_team"]),
        "teams": body["teams"],
        "active_teams": body["active_teams"],
        "leaderless": ids(body["active_teams_without_leader"]),
        "partyless": ids(body["active_teams_without_party_members"]),
        "grid_organizations": body["grid_organizations"],
        "without_grid": ids(body["organizations_without_grid"]),
        "households": body["households"],
        "population": body["population"],
        "units": body["units"]["total"],
        "covered": body["units"]["covered"],
        "by_coverage": body["units"]["by_coverage"],
        "uncovered": ids(body["units"]["uncovered"]),
    }


@pytest.mark.parametrize("seed", [3, 17, 2026])
async def test_figures_match_an_independent_count(
    app: FastAPI, client: httpx.AsyncClient, session: AsyncSession, seed: int
):
    rng = random.Random(seed)
    county = await _build(session, rng)
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(str(args[2]))

    roots: list[Organization | None] = [None, *county.organizations]
    event.listen(app.state.engine.sync_engine, "before_cursor_execute", count)
    try:
        for root in roots:
            params = {"within": str(root.id)} if root else {}
            statements.clear()
            response = await client.get(COVERAGE, params=params)
            assert response.status_code == 200, response.text
            expected = _expected(county, root)
            assert _actual(response.json()) == expected, root and root.tier
            assert response.json()["organization_id"] == (str(root.id) if root else None)
            figures = [s for s in statements if "grid" in s or "unit" in s]
            listed = [gap for gap in GAPS if expected[gap]]
            assert len(figures) == 1 + len(listed), "one for the figures, one per gap listed"
    finally:
        event.remove(app.state.engine.sync_engine, "before_cursor_execute", count)


async def test_coverage_stays_in_scope(app: FastAPI, session: AsyncSession):
    world = await build_world(session)
    session.add(Grid(organization_id=world.village_b.id, code="B", name="乙网格", buildings=[]))
    session.add(
        Unit(
            organization_id=world.village_b.id,
            name="乙村企业",
            kind=UnitKind.ENTERPRISE,
            coverage=UnitCoverage.NONE,
        )
    )
    await session.commit()
    async with world.client(app, "member") as client:
        mine = (await client.get(COVERAGE)).json()
        assert (mine["grids"], mine["units"]["total"]) == (0, 0)
        assert [o["id"] for o in mine["organizations_without_grid"]["items"]] == [
            str(world.village_a.id)
        ]
        assert (
            await client.get(COVERAGE, params={"within": str(world.town_b.id)})
        ).status_code == 404
