"""Which grid contains a point: borders, corners, holes, multipolygons, a border shared by two
grids, the caller's scope, and an index that follows changes made by another process."""

from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.core.security import Role
from grassroots.main import create_app
from grassroots.organizations.enums import Kind, Tier
from grassroots.organizations.models import Organization
from tests.builders import (
    assert_problem,
    bearer,
    make_grid,
    make_organization,
    make_user,
    polygon,
    settings_for_tests,
)

LOCATE = "/api/v1/grids/locate"


def box(west: float, south: float, east: float, north: float) -> list[list[float]]:
    """A closed ring; the tests use quarter degrees, exact in binary, so shared borders are
    exactly shared."""
    return [[west, south], [east, south], [east, north], [west, north], [west, south]]


async def _located(client: httpx.AsyncClient, lng: float, lat: float) -> str | None:
    response = await client.get(LOCATE, params={"lng": lng, "lat": lat})
    if response.status_code == 404:
        assert_problem(response, 404, "grid_not_located")
        return None
    assert response.status_code == 200, response.text
    code: str = response.json()["code"]
    return code


@pytest.fixture
async def community(session: AsyncSession) -> Organization:
    return await make_organization(session, tier=Tier.COMMUNITY)


async def test_borders_corners_and_a_shared_border(
    client: httpx.AsyncClient, session: AsyncSession, community: Organization
):
    # "B" lies west of "A"; they share the border at lng 120.25.
    await make_grid(
        session, organization=community, code="B", boundary=polygon(box(120, 30, 120.25, 30.25))
    )
    await make_grid(
        session, organization=community, code="A", boundary=polygon(box(120.25, 30, 120.5, 30.25))
    )
    assert await _located(client, 120.125, 30.125) == "B"
    assert await _located(client, 120.375, 30.125) == "A"
    assert await _located(client, 120, 30.125) == "B", "a border belongs to its grid"
    assert await _located(client, 120, 30) == "B", "so does a corner"
    assert await _located(client, 120.5, 30.25) == "A"
    assert await _located(client, 119.99, 30.125) is None
    # On the shared border and its shared corners: the smallest code, every time.
    for _ in range(5):
        assert await _located(client, 120.25, 30.125) == "A"
        assert await _located(client, 120.25, 30) == "A"
        assert await _located(client, 120.25, 30.25) == "A"


async def test_holes_and_multipolygons(
    client: httpx.AsyncClient, session: AsyncSession, community: Organization
):
    ring = polygon(box(120, 30, 121, 31), box(120.25, 30.25, 120.75, 30.75))
    await make_grid(session, organization=community, code="RING", boundary=ring)
    assert await _located(client, 120.5, 30.5) is None, "a hole is not in the grid"
    assert await _located(client, 120.125, 30.5) == "RING"
    assert await _located(client, 120.25, 30.5) == "RING", "the hole's edge is the grid's border"
    await make_grid(
        session,
        organization=community,
        code="CORE",
        boundary=polygon(box(120.25, 30.25, 120.75, 30.75)),
    )
    assert await _located(client, 120.5, 30.5) == "CORE"
    assert await _located(client, 120.25, 30.5) == "CORE", "shared by both: the smaller code"
    islands = {
        "type": "MultiPolygon",
        "coordinates": [[box(122, 30, 122.25, 30.25)], [box(123, 30, 123.25, 30.25)]],
    }
    await make_grid(session, organization=community, code="ISLANDS", boundary=islands)
    assert await _located(client, 122.125, 30.125) == "ISLANDS"
    assert await _located(client, 123.125, 30.125) == "ISLANDS"
    assert await _located(client, 122.5, 30.125) is None


async def test_locating_stays_within_the_callers_scope(app: FastAPI, session: AsyncSession):
    county = await make_organization(session, kind=Kind.COMMITTEE, tier=Tier.COUNTY)
    east = await make_organization(session, parent=county, tier=Tier.COMMUNITY)
    west = await make_organization(session, parent=county, tier=Tier.COMMUNITY)
    await make_grid(
        session, organization=east, code="A", boundary=polygon(box(120, 30, 120.25, 30.25))
    )
    await make_grid(
        session, organization=west, code="B", boundary=polygon(box(120, 30, 120.25, 30.25))
    )
    staff = await make_user(session, organization=west, role=Role.ORG_STAFF)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://testserver", headers=bearer(staff)
    ) as client:
        assert await _located(client, 120.125, 30.125) == "B"
        assert await _located(client, 120.25, 30.25) == "B", "a grid out of scope never wins"


@pytest.fixture
async def other_app(database_url: str) -> AsyncIterator[FastAPI]:
    """A second server process on the same database."""
    other = create_app(settings_for_tests(database_url))
    yield other
    await other.state.engine.dispose()


async def test_the_index_follows_a_change_made_by_another_process(
    app: FastAPI,
    other_app: FastAPI,
    client: httpx.AsyncClient,
    session: AsyncSession,
    community: Organization,
):
    grid = await make_grid(
        session,
        organization=community,
        code="MOVING",
        boundary=polygon(box(120, 30, 120.25, 30.25)),
    )
    assert await _located(client, 120.125, 30.125) == "MOVING"
    loads = app.state.grid_index.loads
    for _ in range(3):
        assert await _located(client, 120.125, 30.125) == "MOVING"
    assert app.state.grid_index.loads == loads, "an unchanged index is not reloaded"

    transport = httpx.ASGITransport(app=other_app, raise_app_exceptions=False)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://testserver", headers=client.headers
    ) as elsewhere:
        moved = await elsewhere.patch(
            f"/api/v1/grids/{grid.id}", json={"boundary": polygon(box(121, 31, 121.25, 31.25))}
        )
        assert moved.status_code == 200, moved.text
        assert await _located(client, 120.125, 30.125) is None
        assert await _located(client, 121.125, 31.125) == "MOVING"
        assert app.state.grid_index.loads == loads + 1

        created = await elsewhere.post(
            "/api/v1/grids",
            json={
                "organization_id": str(community.id),
                "code": "NEW",
                "name": "新网格",
                "boundary": polygon(box(120, 30, 120.25, 30.25)),
            },
        )
        assert created.status_code == 201, created.text
        assert await _located(client, 120.125, 30.125) == "NEW"
        assert (await elsewhere.delete(f"/api/v1/grids/{created.json()['id']}")).status_code == 204
        assert await _located(client, 120.125, 30.125) is None

    renamed = await client.patch(f"/api/v1/grids/{grid.id}", json={"code": "AAA", "name": "改名"})
    assert renamed.status_code == 200
    located = (await client.get(LOCATE, params={"lng": 121.125, "lat": 31.125})).json()
    assert (located["code"], located["name"]) == ("AAA", "改名")


@pytest.mark.parametrize(("lng", "lat"), [(181, 30), (120, -91), ("east", 30)])
async def test_a_point_off_the_globe_is_refused(
    client: httpx.AsyncClient, lng: float | str, lat: float
):
    assert_problem(
        await client.get(LOCATE, params={"lng": lng, "lat": lat}), 422, "validation_error"
    )
