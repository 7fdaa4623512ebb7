"""Coverage answers remembered per process: one read while nothing changed, the new figures at
once after any change to what they count — through the app, by hand in SQL, or by a cascade —
and never one caller's answer given to a caller of another scope."""

import random
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.grids.models import Grid, GridTeam, GridTeamPerson, Unit
from grassroots.organizations.models import Organization
from tests.grids.test_coverage import COVERAGE, County, _actual, _build, _expected
from tests.statements import counting_statements
from tests.world import build_world

# Changes made in SQL on another connection, as another process or a person at psql would.
CHANGES = {
    "a grid added": "INSERT INTO grid (id, organization_id, code, name, buildings, households,"
    " population, version, created_at, updated_at) SELECT :id, id, 'NEW', '新网格', '[]', 40,"
    " 120, 1, created_at, updated_at FROM organization WHERE tier = 'village' LIMIT 1",
    "households counted again": "UPDATE grid SET households = households + 5",
    "teams stood down": "UPDATE grid_team SET active = NOT active",
    "leaders removed": "DELETE FROM grid_team_person WHERE role = 'grid_leader'",
    "a team deleted, its people with it": "DELETE FROM grid_team WHERE id IN"
    " (SELECT team_id FROM grid_team_person LIMIT 1)",
    "units uncovered": "UPDATE unit SET coverage = 'none', covering_organization_id = NULL",
    "declared households": "UPDATE organization SET households = COALESCE(households, 0) + 7",
    "a grid deleted with its teams": "DELETE FROM grid_team WHERE grid_id IN (SELECT grid_id"
    " FROM grid_team LIMIT 1); DELETE FROM grid WHERE id NOT IN (SELECT grid_id FROM grid_team)",
}


async def _reload(session: AsyncSession) -> County:
    """What the tables hold now, for the independent count."""
    session.expire_all()

    async def rows(model: Any) -> list[Any]:
        return list((await session.scalars(select(model))).all())

    return County(
        organizations=await rows(Organization),
        grids=await rows(Grid),
        teams=await rows(GridTeam),
        people=await rows(GridTeamPerson),
        units=await rows(Unit),
    )


async def test_a_repeated_answer_reads_only_the_marker(
    app: FastAPI, client: httpx.AsyncClient, session: AsyncSession
):
    await _build(session, random.Random(5))
    first = await client.get(COVERAGE)
    with counting_statements(app.state.engine) as seen:
        again = await client.get(COVERAGE)
    assert again.status_code == 200
    assert again.json() == first.json()
    assert again.headers["content-type"] == "application/json"
    counting = [s for s in seen.statements if "grid" in s or "unit" in s]
    assert counting == [], "nothing is counted again while nothing changed"
    assert len([s for s in seen.statements if "change_marker" in s]) == 1


@pytest.mark.parametrize("change", list(CHANGES))
async def test_a_change_made_in_sql_shows_at_once(
    app: FastAPI, client: httpx.AsyncClient, session: AsyncSession, change: str
):
    county = await _build(session, random.Random(11))
    before = (await client.get(COVERAGE)).json()
    assert _actual(before) == _expected(county, None)

    for statement in CHANGES[change].split("; "):
        result = await session.execute(text(statement), {"id": "0" * 32})
        assert result.rowcount, "the change changed something"
    await session.commit()

    after = (await client.get(COVERAGE)).json()
    assert _actual(after) == _expected(await _reload(session), None)
    assert after != before


async def test_an_organization_change_coverage_does_not_read_keeps_the_answer(
    app: FastAPI, client: httpx.AsyncClient, session: AsyncSession
):
    await _build(session, random.Random(7))
    await client.get(COVERAGE)
    computed = app.state.coverage_answers.computed
    await session.execute(text("UPDATE organization SET contact_phone = '0571-1234567'"))
    await session.commit()
    await client.get(COVERAGE)
    assert app.state.coverage_answers.computed == computed


async def test_a_change_through_the_app_shows_at_once(
    client: httpx.AsyncClient, session: AsyncSession
):
    county = await _build(session, random.Random(3))
    village = next(o for o in county.organizations if o.tier == "village")
    before = (await client.get(COVERAGE)).json()
    created = await client.post(
        "/api/v1/grids",
        json={"organization_id": str(village.id), "code": "APP", "name": "新网格", "households": 9},
    )
    assert created.status_code == 201, created.text
    after = (await client.get(COVERAGE)).json()
    assert after["grids"] == before["grids"] + 1
    assert after["households"]["in_grids"] == before["households"]["in_grids"] + 9
    assert created.json()["id"] in [g["id"] for g in after["grids_without_active_team"]["items"]]


async def test_each_scope_gets_its_own_answer(
    app: FastAPI, client: httpx.AsyncClient, session: AsyncSession
):
    world = await build_world(session)
    for village, code in ((world.village_a, "A"), (world.village_b, "B")):
        session.add(Grid(organization_id=village.id, code=code, name="网格", buildings=[]))
    await session.commit()
    everything = (await client.get(COVERAGE)).json()
    town = (await client.get(COVERAGE, params={"within": str(world.town_b.id)})).json()
    async with world.client(app, "member") as member:
        mine = (await member.get(COVERAGE)).json()
        refused = await member.get(COVERAGE, params={"within": str(world.town_b.id)})
    assert (everything["grids"], town["grids"], mine["grids"]) == (2, 1, 1)
    assert refused.status_code == 404
