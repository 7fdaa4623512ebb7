"""Grid boundaries: bad shapes are refused with where they fail; good ones are measured."""

import math
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.grids.geometry import MAX_POINTS
from grassroots.grids.models import Grid
from grassroots.organizations.enums import Tier
from tests.builders import assert_problem, make_organization, polygon, square

GRIDS = "/api/v1/grids"


async def _post(
    client: httpx.AsyncClient, session: AsyncSession, boundary: dict[str, Any]
) -> httpx.Response:
    community = await make_organization(session, tier=Tier.COMMUNITY)
    body = {"organization_id": str(community.id), "code": "W01", "name": "一网格"}
    return await client.post(GRIDS, json={**body, "boundary": boundary})


async def _refused(
    client: httpx.AsyncClient, session: AsyncSession, boundary: dict[str, Any]
) -> list[dict[str, str]]:
    problem = assert_problem(await _post(client, session, boundary), 422, "grid_boundary_invalid")
    assert await session.scalar(select(func.count()).select_from(Grid)) == 0
    errors: list[dict[str, str]] = problem["errors"]
    return errors


async def test_an_open_ring_is_named(client: httpx.AsyncClient, session: AsyncSession):
    ring = [*square(120, 30)[:-1], [120.0, 30.005]]
    errors = await _refused(client, session, polygon(ring))
    assert [(e["field"], e["code"]) for e in errors] == [
        ("boundary.coordinates.0", "ring_not_closed")
    ]
    assert "[120.0, 30.005]" in errors[0]["message"]


async def test_a_bow_tie_names_its_crossing_point_and_segments(
    client: httpx.AsyncClient, session: AsyncSession
):
    bow_tie = [[120, 30], [120.01, 30.01], [120.01, 30], [120, 30.01], [120, 30]]
    [error] = await _refused(client, session, polygon(bow_tie))
    assert error["field"] == "boundary.coordinates.0"
    assert error["code"] == "ring_self_intersection"
    assert "[120.0050000, 30.0050000]" in error["message"]
    assert "0–1" in error["message"] and "2–3" in error["message"]


async def test_a_self_crossing_hole_in_the_second_polygon_is_located(
    client: httpx.AsyncClient, session: AsyncSession
):
    hole = [[120.002, 30.002], [120.004, 30.004], [120.004, 30.002], [120.002, 30.004]]
    hole.append(hole[0])
    boundary = {
        "type": "MultiPolygon",
        "coordinates": [[square(121, 31)], [square(120, 30), hole]],
    }
    [error] = await _refused(client, session, boundary)
    assert error["field"] == "boundary.coordinates.1.1"
    assert error["code"] == "ring_self_intersection"
    assert "[120.0030000, 30.0030000]" in error["message"]


async def test_coordinates_out_of_range_name_each_position(
    client: httpx.AsyncClient, session: AsyncSession
):
    ring = [[179.99, 30], [180.5, 30], [180.5, 91], [179.99, 30.01], [179.99, 30]]
    errors = await _refused(client, session, polygon(ring))
    assert [(e["field"], e["code"]) for e in errors] == [
        ("boundary.coordinates.0.1", "longitude_out_of_range"),
        ("boundary.coordinates.0.2", "longitude_out_of_range"),
        ("boundary.coordinates.0.2", "latitude_out_of_range"),
    ]


async def test_too_many_points_are_refused_before_any_other_check(
    client: httpx.AsyncClient, session: AsyncSession
):
    circle = [
        [
            120 + 0.01 * math.cos(2 * math.pi * i / MAX_POINTS),
            30 + 0.01 * math.sin(2 * math.pi * i / MAX_POINTS),
        ]
        for i in range(MAX_POINTS)
    ]
    circle.append(circle[0])
    [error] = await _refused(client, session, polygon(circle))
    assert error == {
        "field": "boundary.coordinates",
        "code": "too_many_points",
        "message": f"has {MAX_POINTS + 1} positions; at most {MAX_POINTS} are allowed",
    }


@pytest.mark.parametrize(
    ("boundary", "field", "code"),
    [
        (polygon([[120, 30], [121, 30], [120, 30]]), "boundary.coordinates.0", "ring_too_short"),
        (
            polygon([[120, 30], [121, "30"], [121, 31], [120, 30]]),
            "boundary.coordinates.0.1",
            "invalid_position",
        ),
        (
            polygon(square(120, 30), square(121, 31)),
            "boundary.coordinates",
            "polygon_invalid",
        ),
        (
            {"type": "MultiPolygon", "coordinates": [[square(120, 30)], [square(120.005, 30.005)]]},
            "boundary.coordinates",
            "polygons_overlap",
        ),
        (
            polygon([[120, 30], [120.01, 30], [120.02, 30], [120, 30]]),
            "boundary.coordinates.0",
            "ring_self_intersection",
        ),
    ],
    ids=["short-ring", "text-coordinate", "hole-outside-shell", "overlapping-polygons", "flat"],
)
async def test_other_bad_shapes(
    client: httpx.AsyncClient,
    session: AsyncSession,
    boundary: dict[str, Any],
    field: str,
    code: str,
):
    errors = await _refused(client, session, boundary)
    assert (errors[0]["field"], errors[0]["code"]) == (field, code), errors


async def test_a_boundary_must_be_a_polygon(client: httpx.AsyncClient, session: AsyncSession):
    response = await _post(client, session, {"type": "Point", "coordinates": [120, 30]})
    assert_problem(response, 422, "validation_error")


def _ellipsoid_area(west: float, south: float, east: float, north: float) -> float:
    """The area of a latitude/longitude box on the WGS 84 ellipsoid, by numerical integration
    of M(φ)·N(φ)·cos φ: independent of the spherical formula the API uses."""
    a, f = 6_378_137.0, 1 / 298.257223563
    e2 = f * (2 - f)
    steps = 2000
    total = 0.0
    for i in range(steps):
        phi = math.radians(south + (north - south) * (i + 0.5) / steps)
        w = 1 - e2 * math.sin(phi) ** 2
        meridional = a * (1 - e2) / w**1.5
        normal = a / math.sqrt(w)
        total += meridional * normal * math.cos(phi)
    return total * math.radians(north - south) / steps * math.radians(east - west)


@pytest.mark.parametrize("lat", [0.0, 23.0, 39.9, 53.0])
async def test_area_bbox_and_centroid_are_computed(
    client: httpx.AsyncClient, session: AsyncSession, lat: float
):
    size = 0.01
    response = await _post(client, session, polygon(square(116.3, lat, size)))
    assert response.status_code == 201, response.text
    grid = response.json()
    expected = _ellipsoid_area(116.3, lat, 116.3 + size, lat + size)
    assert abs(grid["area_m2"] - expected) / expected < 0.01, (grid["area_m2"], expected)
    assert grid["bbox"] == pytest.approx([116.3, lat, 116.3 + size, lat + size])
    assert grid["centroid"] == pytest.approx([116.3 + size / 2, lat + size / 2])


async def test_a_hole_is_taken_out_of_the_area_and_a_multipolygon_adds_up(
    client: httpx.AsyncClient, session: AsyncSession
):
    shell, hole = square(120, 30, 0.02), square(120.005, 30.005, 0.01)
    with_hole = (await _post(client, session, polygon(shell, hole))).json()
    plain = _ellipsoid_area(120, 30, 120.02, 30.02) - _ellipsoid_area(
        120.005, 30.005, 120.015, 30.015
    )
    assert abs(with_hole["area_m2"] - plain) / plain < 0.01
    both = {"type": "MultiPolygon", "coordinates": [[square(120, 30)], [square(121, 30)]]}
    two = (await _post(client, session, both)).json()
    one = _ellipsoid_area(120, 30, 120.01, 30.01) + _ellipsoid_area(121, 30, 121.01, 30.01)
    assert abs(two["area_m2"] - one) / one < 0.01
    assert two["bbox"] == pytest.approx([120, 30, 121.01, 30.01])


async def test_a_boundary_with_altitudes_is_stored_in_two_dimensions(
    client: httpx.AsyncClient, session: AsyncSession
):
    ring = [[*position, 12.5] for position in square(120, 30)]
    created = (await _post(client, session, polygon(ring))).json()
    assert created["boundary"] == polygon(square(120, 30))
    cleared = await client.patch(f"{GRIDS}/{created['id']}", json={"boundary": None})
    assert cleared.json()["boundary"] is None and cleared.json()["area_m2"] is None
    assert cleared.json()["bbox"] is None and cleared.json()["centroid"] is None
