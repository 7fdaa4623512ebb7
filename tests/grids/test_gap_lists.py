"""Every coverage gap has a full list: the team and organization list filters return exactly
the rows an independent count finds, the same number coverage reports, and only in scope."""

import random
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.grids.enums import TeamRole, UnitCoverage, UnitKind
from grassroots.grids.models import Grid, GridTeam, GridTeamPerson, Unit
from grassroots.organizations.models import Organization
from tests.grids.test_coverage import RESIDENT, County, _build, _expected
from tests.world import build_world

COVERAGE = "/api/v1/grid-coverage"
TEAMS = "/api/v1/grid-teams"
ORGANIZATIONS = "/api/v1/organizations"
GRIDS = "/api/v1/grids"
UNITS = "/api/v1/units"


async def _all_ids(client: httpx.AsyncClient, url: str, params: dict[str, str]) -> list[str]:
    """Every id of a filtered list, following the cursor through small pages."""
    ids: list[str] = []
    cursor: str | None = None
    while True:
        page_params = {**params, "limit": "3", **({"cursor": cursor} if cursor else {})}
        response = await client.get(url, params=page_params)
        assert response.status_code == 200, response.text
        body = response.json()
        ids += [item["id"] for item in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            return sorted(ids)


def _complements(county: County, root: Organization | None) -> dict[str, list[str]]:
    """The other side of each filter, counted in Python: teams with a leader or a Party
    member (active or not), and village and community organizations with a grid below."""
    path = {o.id: o.path for o in county.organizations}

    def inside(organization_id: Any) -> bool:
        return root is None or path[organization_id].startswith(root.path)

    teams = [t for t in county.teams if inside(t.organization_id)]
    people_of = {t.id: [p for p in county.people if p.team_id == t.id] for t in teams}
    grid_paths = [path[g.organization_id] for g in county.grids]
    return {
        "led": sorted(
            str(t.id) for t in teams if any(p.role == TeamRole.GRID_LEADER for p in people_of[t.id])
        ),
        "unled": sorted(
            str(t.id)
            for t in teams
            if not any(p.role == TeamRole.GRID_LEADER for p in people_of[t.id])
        ),
        "with_members": sorted(
            str(t.id) for t in teams if any(p.member_id for p in people_of[t.id])
        ),
        "gridded": sorted(
            str(o.id)
            for o in county.organizations
            if inside(o.id) and o.tier in RESIDENT and any(p.startswith(o.path) for p in grid_paths)
        ),
    }


@pytest.mark.parametrize("seed", [3, 2026])
async def test_gap_lists_hold_exactly_what_coverage_counts(
    client: httpx.AsyncClient, session: AsyncSession, seed: int
):
    county = await _build(session, random.Random(seed))
    roots: list[Organization | None] = [None, *county.organizations[:5]]
    for root in roots:
        within = {"within": str(root.id)} if root else {}
        expected = _expected(county, root)
        other = _complements(county, root)
        figures = (await client.get(COVERAGE, params=within)).json()
        gaps = {
            "leaderless": (
                TEAMS,
                {"active": "true", "has_leader": "false"},
                figures["active_teams_without_leader"]["count"],
            ),
            "partyless": (
                TEAMS,
                {"active": "true", "has_party_members": "false"},
                figures["active_teams_without_party_members"]["count"],
            ),
            "without_grid": (
                ORGANIZATIONS,
                {"has_grid": "false"},
                figures["organizations_without_grid"]["count"],
            ),
            "grids_without_active_team": (
                GRIDS,
                {"has_team": "false"},
                figures["grids_without_active_team"]["count"],
            ),
            "uncovered": (UNITS, {"covered": "false"}, figures["units"]["uncovered"]["count"]),
        }
        for gap, (url, filters, count) in gaps.items():
            listed = await _all_ids(client, url, {**within, **filters})
            assert listed == expected[gap], (gap, root and root.tier)
            assert len(listed) == count, gap
        assert await _all_ids(client, TEAMS, {**within, "has_leader": "true"}) == other["led"]
        assert await _all_ids(client, TEAMS, {**within, "has_leader": "false"}) == other["unled"]
        assert (
            await _all_ids(client, TEAMS, {**within, "has_party_members": "true"})
            == other["with_members"]
        )
        assert (
            await _all_ids(client, ORGANIZATIONS, {**within, "has_grid": "true"})
            == other["gridded"]
        )
        assert (
            len(other["gridded"]) + figures["organizations_without_grid"]["count"]
            == (figures["grid_organizations"])
        )


async def test_gap_lists_stay_in_scope(app: FastAPI, session: AsyncSession):
    world = await build_world(session)
    for village in (world.village_a, world.village_b):
        assert village.tier in RESIDENT
    grid_b = Grid(organization_id=world.village_b.id, code="B", name="乙网格", buildings=[])
    session.add(grid_b)
    await session.flush()
    team_b = GridTeam(
        grid_id=grid_b.id,
        organization_id=world.village_b.id,
        name="乙村服务队",
        service_kinds=[],
        active=True,
    )
    session.add(team_b)
    await session.flush()
    session.add(
        GridTeamPerson(
            team_id=team_b.id,
            organization_id=world.village_b.id,
            position=0,
            role=TeamRole.GRID_WORKER,
            name="居民志愿者",
        )
    )
    session.add(
        Unit(
            organization_id=world.village_b.id,
            name="乙村企业",
            kind=UnitKind.ENTERPRISE,
            coverage=UnitCoverage.NONE,
        )
    )
    await session.commit()
    gap_filters = [
        (TEAMS, {"has_leader": "false"}),
        (TEAMS, {"has_party_members": "false"}),
        (ORGANIZATIONS, {"has_grid": "true"}),
    ]
    async with world.client(app, "member") as client:
        for url, filters in gap_filters:
            assert await _all_ids(client, url, filters) == [], (url, filters)
        without_grid = await _all_ids(client, ORGANIZATIONS, {"has_grid": "false"})
        assert without_grid == [str(world.village_a.id)]
        for url, filters in gap_filters:
            refused = await client.get(url, params={**filters, "within": str(world.town_b.id)})
            assert refused.status_code == 404, (url, filters)
    async with world.client(app, "admin") as client:
        assert str(team_b.id) not in await _all_ids(client, TEAMS, {"has_leader": "false"})


@pytest.mark.parametrize(
    ("url", "name"),
    [(TEAMS, "has_leader"), (TEAMS, "has_party_members"), (ORGANIZATIONS, "has_grid")],
)
async def test_a_filter_that_is_not_a_boolean_is_refused(
    client: httpx.AsyncClient, url: str, name: str
):
    response = await client.get(url, params={name: "maybe"})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    assert name in response.text
