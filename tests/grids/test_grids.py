"""Grids: which organizations hold them, codes unique per organization, filters and pages,
versions, idempotent creation, the audit trail, and scope."""

from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.core.audit import AuditEvent
from grassroots.grids.models import Grid
from grassroots.organizations.enums import Kind, Tier
from tests.builders import (
    assert_problem,
    make_grid,
    make_member,
    make_organization,
    make_team,
    polygon,
    square,
)
from tests.world import build_world

GRIDS = "/api/v1/grids"


def _body(organization_id: Any, **fields: Any) -> dict[str, Any]:
    return {"organization_id": str(organization_id), "code": "W01", "name": "东区一网格", **fields}


async def test_create_read_update_delete(client: httpx.AsyncClient, session: AsyncSession):
    community = await make_organization(session, tier=Tier.COMMUNITY)
    created = await client.post(
        GRIDS,
        json=_body(
            community.id,
            households=320,
            population=958,
            buildings=["1号楼", "2号楼", "幸福路18号"],
            description="东街以东",
            boundary=polygon(square(120, 30)),
        ),
    )
    assert created.status_code == 201, created.text
    grid = created.json()
    assert created.headers["location"] == f"{GRIDS}/{grid['id']}"
    assert (grid["households"], grid["population"], grid["buildings"]) == (
        320,
        958,
        ["1号楼", "2号楼", "幸福路18号"],
    )
    assert (grid["team_count"], grid["active_team_count"]) == (0, 0)
    read = await client.get(f"{GRIDS}/{grid['id']}")
    assert read.json() == grid and read.headers["etag"] == '"1"'
    changed = await client.patch(
        f"{GRIDS}/{grid['id']}", json={"population": 1000}, headers={"If-Match": '"1"'}
    )
    assert changed.status_code == 200 and changed.json()["population"] == 1000
    assert changed.json()["boundary"] == grid["boundary"], "fields not sent stay"
    assert_problem(
        await client.patch(
            f"{GRIDS}/{grid['id']}", json={"name": "x"}, headers={"If-Match": '"1"'}
        ),
        412,
    )
    assert_problem(await client.patch(f"{GRIDS}/{grid['id']}", json={"name": None}), 422)
    assert_problem(await client.delete(f"{GRIDS}/{grid['id']}", headers={"If-Match": '"1"'}), 412)
    assert (await client.delete(f"{GRIDS}/{grid['id']}")).status_code == 204
    assert_problem(await client.get(f"{GRIDS}/{grid['id']}"), 404, "grid_not_found")
    events = list(
        await session.scalars(
            select(AuditEvent)
            .where(AuditEvent.entity_type == "grid")
            .order_by(AuditEvent.occurred_at)
        )
    )
    assert [event.action for event in events] == ["create", "update", "delete"]
    assert "boundary" not in events[0].changes and "area_m2" in events[0].changes
    assert events[0].organization_id == community.id


@pytest.mark.parametrize("tier", [Tier.TOWNSHIP, Tier.STREET, Tier.VILLAGE, Tier.COMMUNITY])
async def test_grid_holding_tiers(client: httpx.AsyncClient, session: AsyncSession, tier: Tier):
    organization = await make_organization(session, tier=tier)
    assert (await client.post(GRIDS, json=_body(organization.id))).status_code == 201


@pytest.mark.parametrize("tier", [Tier.COUNTY, Tier.CITY, Tier.UNIT])
async def test_other_tiers_hold_no_grid(
    client: httpx.AsyncClient, session: AsyncSession, tier: Tier
):
    organization = await make_organization(session, tier=tier, kind=Kind.COMMITTEE)
    assert_problem(
        await client.post(GRIDS, json=_body(organization.id)), 422, "grid_organization_tier"
    )


async def test_codes_are_unique_within_an_organization(
    client: httpx.AsyncClient, session: AsyncSession
):
    first = await make_organization(session, tier=Tier.COMMUNITY)
    second = await make_organization(session, tier=Tier.COMMUNITY)
    assert (await client.post(GRIDS, json=_body(first.id))).status_code == 201
    assert (await client.post(GRIDS, json=_body(second.id))).status_code == 201
    assert_problem(await client.post(GRIDS, json=_body(first.id)), 409, "grid_code_taken")
    other = (await client.post(GRIDS, json=_body(first.id, code="W02"))).json()
    assert_problem(
        await client.patch(f"{GRIDS}/{other['id']}", json={"code": "W01"}), 409, "grid_code_taken"
    )
    # Held by the database too, for writes racing each other.
    session.add(Grid(organization_id=first.id, code="W01", name="孪生", buildings=[]))
    with pytest.raises(IntegrityError):
        await session.commit()
    await session.rollback()


async def test_a_retried_create_makes_no_twin(client: httpx.AsyncClient, session: AsyncSession):
    community = await make_organization(session, tier=Tier.COMMUNITY)
    headers = {"Idempotency-Key": "grid-create-1"}
    first = await client.post(GRIDS, json=_body(community.id), headers=headers)
    again = await client.post(GRIDS, json=_body(community.id), headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.json()["id"] == first.json()["id"]
    assert again.headers["idempotent-replayed"] == "true"
    other = await client.post(GRIDS, json=_body(community.id, code="W09"), headers=headers)
    assert_problem(other, 422, "idempotency_key_reused")


async def test_filters_and_keyset_pages(client: httpx.AsyncClient, session: AsyncSession):
    town = await make_organization(session, tier=Tier.TOWNSHIP, kind=Kind.COMMITTEE)
    village = await make_organization(session, parent=town, tier=Tier.VILLAGE)
    elsewhere = await make_organization(session, tier=Tier.VILLAGE)
    member = await make_member(session, organization=village)
    served = await make_grid(session, organization=village, code="SERVED")
    await make_team(session, grid=served, leader=member)
    dormant = await make_grid(session, organization=village, code="DORMANT")
    await make_team(session, grid=dormant, active=False)
    for index in range(5):
        await make_grid(session, organization=town, code=f"T{index}")
    await make_grid(session, organization=elsewhere, code="FAR")

    async def codes(**params: Any) -> list[str]:
        found, cursor = [], None
        while True:
            query = {"limit": 2, **params, **({"cursor": cursor} if cursor else {})}
            page = (await client.get(GRIDS, params=query)).json()
            found += [grid["code"] for grid in page["items"]]
            if (cursor := page["next_cursor"]) is None:
                return found

    assert await codes() == ["DORMANT", "FAR", "SERVED", "T0", "T1", "T2", "T3", "T4"]
    assert await codes(within=str(village.id)) == ["DORMANT", "SERVED"]
    assert await codes(has_team="true") == ["SERVED"]
    assert "DORMANT" in await codes(has_team="false")
    assert await codes(q="t1") == ["T1"]
    assert await codes(q="%") == []
    listed = (await client.get(GRIDS, params={"q": "SERVED"})).json()["items"][0]
    assert (listed["team_count"], listed["active_team_count"]) == (1, 1)


async def test_another_branch_sees_nothing(app: FastAPI, session: AsyncSession):
    world = await build_world(session)
    theirs = await make_grid(session, organization=world.village_b, code="B-1")
    ours = await make_grid(session, organization=world.village_a, code="A-1")
    async with world.client(app, "org_staff") as staff:
        for method in ("GET", "PATCH", "DELETE"):
            response = await staff.request(
                method, f"{GRIDS}/{theirs.id}", json={"name": "x"} if method == "PATCH" else None
            )
            assert_problem(response, 404, "grid_not_found")
        listed = (await staff.get(GRIDS, params={"include_total": "true"})).json()
        assert [grid["id"] for grid in listed["items"]] == [str(ours.id)] and listed["total"] == 1
        assert (await staff.get(GRIDS, params={"within": str(world.town_b.id)})).status_code == 404
        assert_problem(
            await staff.post(GRIDS, json=_body(world.village_b.id)), 422, "organization_not_found"
        )
