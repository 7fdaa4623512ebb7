"""The units register: where people work or live, and the Party organization covering each."""

from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.organizations.enums import Kind, Tier
from tests.builders import assert_problem, make_grid, make_organization
from tests.world import build_world

UNITS = "/api/v1/units"


def _body(organization_id: Any, **fields: Any) -> dict[str, Any]:
    return {
        "organization_id": str(organization_id),
        "name": "青山机械厂",
        "kind": "enterprise",
        **fields,
    }


async def test_create_read_update_delete(client: httpx.AsyncClient, session: AsyncSession):
    street = await make_organization(session, tier=Tier.STREET, kind=Kind.COMMITTEE)
    community = await make_organization(session, parent=street, tier=Tier.COMMUNITY)
    joint = await make_organization(session, parent=street, name="商圈联合党支部")
    grid = await make_grid(session, organization=community)
    created = await client.post(
        UNITS,
        json=_body(street.id, size=240, latitude=30.1, longitude=120.2, grid_id=str(grid.id)),
    )
    assert created.status_code == 201, created.text
    unit = created.json()
    assert (unit["coverage"], unit["covering_organization_id"], unit["size"]) == ("none", None, 240)
    assert created.headers["location"] == f"{UNITS}/{unit['id']}"
    url = f"{UNITS}/{unit['id']}"
    assert (await client.get(url)).json() == unit
    covered = await client.patch(
        url,
        json={"coverage": "joint", "covering_organization_id": str(joint.id)},
        headers={"If-Match": '"1"'},
    )
    assert covered.status_code == 200, covered.text
    assert covered.json()["coverage"] == "joint" and covered.headers["etag"] == '"2"'
    assert_problem(await client.patch(url, json={"coverage": "none"}), 422, "unit_invalid")
    assert_problem(await client.patch(url, json={"latitude": None}), 422, "unit_invalid")
    assert_problem(await client.patch(url, json={"name": "x"}, headers={"If-Match": '"1"'}), 412)
    assert (await client.delete(url)).status_code == 204
    assert_problem(await client.get(url), 404, "unit_not_found")


@pytest.mark.parametrize(
    "fields",
    [
        {"coverage": "own"},
        {"coverage": "none", "covering_organization_id": "00000000-0000-4000-8000-000000000001"},
        {"latitude": 30.0},
        {"latitude": 95.0, "longitude": 120.0},
        {"kind": "factory"},
        {"size": -1},
    ],
)
async def test_inconsistent_units_are_refused(
    client: httpx.AsyncClient, session: AsyncSession, fields: dict[str, Any]
):
    village = await make_organization(session)
    assert_problem(
        await client.post(UNITS, json=_body(village.id, **fields)), 422, "validation_error"
    )


async def test_references_must_exist_and_fit(client: httpx.AsyncClient, session: AsyncSession):
    village = await make_organization(session)
    neighbour = await make_organization(session)
    their_grid = await make_grid(session, organization=neighbour)
    assert_problem(
        await client.post(UNITS, json=_body(village.id, grid_id=str(their_grid.id))),
        422,
        "unit_grid_outside_organization",
    )
    missing = "00000000-0000-4000-8000-000000000002"
    assert_problem(
        await client.post(UNITS, json=_body(village.id, grid_id=missing)), 422, "grid_not_found"
    )
    assert_problem(
        await client.post(
            UNITS, json=_body(village.id, coverage="own", covering_organization_id=missing)
        ),
        422,
        "organization_not_found",
    )


async def test_filters_and_the_covered_figure(client: httpx.AsyncClient, session: AsyncSession):
    town = await make_organization(session, tier=Tier.TOWNSHIP, kind=Kind.COMMITTEE)
    village = await make_organization(session, parent=town)
    party = await make_organization(session, parent=village, name="合作社党支部")
    made = {
        "合作社": _body(
            village.id,
            name="合作社",
            kind="cooperative",
            coverage="own",
            covering_organization_id=str(party.id),
        ),
        "市场": _body(village.id, name="市场", kind="market"),
        "楼宇": _body(
            town.id,
            name="楼宇",
            kind="building",
            coverage="joint",
            covering_organization_id=str(party.id),
        ),
        "企业": _body(town.id, name="企业"),
    }
    ids = {}
    for name, body in made.items():
        response = await client.post(UNITS, json=body)
        assert response.status_code == 201, response.text
        ids[name] = response.json()["id"]

    async def names(**params: Any) -> list[str]:
        found, cursor = [], None
        while True:
            query = {"limit": 1, **params, **({"cursor": cursor} if cursor else {})}
            page = (await client.get(UNITS, params=query)).json()
            found += [unit["name"] for unit in page["items"]]
            if (cursor := page["next_cursor"]) is None:
                return sorted(found)

    assert await names() == sorted(made)
    assert await names(within=str(village.id)) == ["合作社", "市场"]
    assert await names(kind="market") == ["市场"]
    assert await names(covered="true") == ["合作社", "楼宇"]
    assert await names(covered="false") == ["企业", "市场"]
    figures = (await client.get("/api/v1/grid-coverage", params={"within": str(town.id)})).json()
    assert figures["units"]["total"] == 4 and figures["units"]["covered"] == 2
    assert figures["units"]["by_coverage"] == {"own": 1, "joint": 1, "none": 2}
    assert sorted(u["id"] for u in figures["units"]["uncovered"]["items"]) == sorted(
        [ids["市场"], ids["企业"]]
    )
    village_only = (
        await client.get("/api/v1/grid-coverage", params={"within": str(village.id)})
    ).json()
    assert village_only["units"]["covered"] == 1 and village_only["units"]["total"] == 2


async def test_another_branch_sees_no_unit(app: FastAPI, session: AsyncSession):
    world = await build_world(session)
    async with world.client(app, "admin") as admin:
        assert_problem(
            await admin.post(UNITS, json=_body(world.village_b.id)), 422, "organization_not_found"
        )
    async with world.client(app, "org_staff") as staff:
        ours = await staff.post(UNITS, json=_body(world.village_a.id))
        assert ours.status_code == 201, ours.text
    async with world.client(app, "api_key") as key:
        assert (await key.get(f"{UNITS}/{ours.json()['id']}")).status_code == 200
