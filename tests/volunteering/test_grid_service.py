"""Volunteer activities and records naming the grid served: only a grid of their own
organizations' subtrees, a filter on the record list, a grid's verified hours, and a grid
with records kept from deletion."""

import uuid
from datetime import UTC, date, datetime, timedelta

import httpx
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.core.localtime import local_today
from grassroots.organizations.enums import Tier
from grassroots.volunteering.enums import ServiceKind
from grassroots.volunteering.models import VolunteerActivity, VolunteerRecord
from tests.builders import (
    assert_problem,
    make_grid,
    make_member,
    make_organization,
    make_record,
)
from tests.world import build_world

RECORDS = "/api/v1/volunteer-records"
ACTIVITIES = "/api/v1/volunteer-activities"
STATS = "/api/v1/volunteer-stats"
YESTERDAY = (local_today() - timedelta(days=1)).isoformat()


def _record(member_id: object, grid_id: object, hours: str = "2") -> dict[str, object]:
    return {
        "member_id": str(member_id),
        "served_on": YESTERDAY,
        "hours": hours,
        "kind": "volunteer_service",
        "grid_id": str(grid_id),
    }


async def test_a_record_names_a_grid_of_its_member_organization_or_community(
    client: httpx.AsyncClient, session: AsyncSession
):
    world = await build_world(session)
    community = await make_organization(
        session, parent=world.town_b, name="丙社区党支部", tier=Tier.COMMUNITY
    )
    commuter = await make_member(
        session,
        organization=world.village_a,
        name="在职党员",
        is_in_service=True,
        residence_organization_id=community.id,
    )
    home_grid = await make_grid(session, organization=world.village_a, code="A-1")
    community_grid = await make_grid(session, organization=community, code="C-1")
    far_grid = await make_grid(session, organization=world.village_b, code="B-1")

    created = await client.post(RECORDS, json=_record(commuter.id, home_grid.id))
    assert created.status_code == 201, created.text
    assert created.json()["grid_id"] == str(home_grid.id)
    there = await client.post(RECORDS, json=_record(commuter.id, community_grid.id, "1"))
    assert there.status_code == 201, there.text
    fetched = await client.get(f"{RECORDS}/{there.json()['id']}")
    assert fetched.json()["grid_id"] == str(community_grid.id)
    plain = await client.post(RECORDS, json={**_record(commuter.id, home_grid.id), "grid_id": None})
    assert plain.status_code == 201 and plain.json()["grid_id"] is None

    # A grid elsewhere reads exactly like one that does not exist.
    outside = await client.post(RECORDS, json=_record(commuter.id, far_grid.id))
    missing_id = "00000000-0000-4000-8000-000000000000"
    missing = await client.post(RECORDS, json=_record(commuter.id, missing_id))
    assert_problem(outside, 422, "grid_not_found")
    assert_problem(missing, 422, "grid_not_found")
    assert outside.json()["detail"].replace(str(far_grid.id), "?") == missing.json()[
        "detail"
    ].replace(missing_id, "?")
    stored = await session.scalars(select(VolunteerRecord.grid_id))
    assert sorted(str(g) for g in stored) == sorted(
        ["None", str(home_grid.id), str(community_grid.id)]
    )

    listed = await client.get(RECORDS, params={"grid_id": str(community_grid.id)})
    assert [item["id"] for item in listed.json()["items"]] == [there.json()["id"]]


async def test_an_activity_names_a_grid_of_its_organizer(
    client: httpx.AsyncClient, session: AsyncSession
):
    world = await build_world(session)
    grid = await make_grid(session, organization=world.village_a, code="A-1")
    far_grid = await make_grid(session, organization=world.village_b, code="B-1")
    start = datetime.now(UTC).replace(microsecond=0) + timedelta(days=2)
    body = {
        "organization_id": str(world.town_a.id),
        "kind": "volunteer_service",
        "title": "网格清洁",
        "starts_at": start.isoformat(),
        "ends_at": (start + timedelta(hours=2)).isoformat(),
        "grid_id": str(grid.id),
    }
    created = await client.post(ACTIVITIES, json=body)
    assert created.status_code == 201, created.text
    assert created.json()["grid_id"] == str(grid.id)
    assert_problem(
        await client.post(ACTIVITIES, json={**body, "grid_id": str(far_grid.id)}),
        422,
        "grid_not_found",
    )
    url = f"{ACTIVITIES}/{created.json()['id']}"
    fields = {k: v for k, v in body.items() if k != "organization_id"}
    assert_problem(
        await client.put(url, json={**fields, "grid_id": str(far_grid.id)}), 422, "grid_not_found"
    )
    cleared = await client.put(url, json={**fields, "grid_id": None})
    assert cleared.status_code == 200 and cleared.json()["grid_id"] is None
    # Deleting a grid leaves an activity that named it in place, without the grid.
    again = await client.put(url, json=fields, headers={"If-Match": cleared.headers["etag"]})
    assert again.json()["grid_id"] == str(grid.id)
    deleted = await client.delete(f"/api/v1/grids/{grid.id}")
    assert deleted.status_code == 204, deleted.text
    session.expire_all()
    activity = await session.get(VolunteerActivity, uuid.UUID(created.json()["id"]))
    assert activity is not None and activity.grid_id is None


async def test_a_grid_with_records_is_not_deleted(client: httpx.AsyncClient, session: AsyncSession):
    world = await build_world(session)
    grid = await make_grid(session, organization=world.village_a, code="A-1")
    await make_record(session, member=world.member_a, grid=grid)
    assert_problem(await client.delete(f"/api/v1/grids/{grid.id}"), 409, "grid_has_records")
    assert (await client.get(f"/api/v1/grids/{grid.id}")).status_code == 200


async def test_a_grids_verified_hours(
    app: FastAPI, client: httpx.AsyncClient, session: AsyncSession
):
    world = await build_world(session)
    grid = await make_grid(session, organization=world.village_a, code="A-1")
    other = await make_grid(session, organization=world.village_a, code="A-2")
    far_grid = await make_grid(session, organization=world.village_b, code="B-1")
    helper = await make_member(session, organization=world.village_a, name="网格志愿者")
    for member, hours, served_on, kind in (
        (world.member_a, "2", date(2025, 3, 5), ServiceKind.VOLUNTEER_SERVICE),
        (world.member_a, "1.5", date(2025, 3, 20), ServiceKind.PAIRING_ASSISTANCE),
        (helper, "3", date(2025, 5, 1), ServiceKind.VOLUNTEER_SERVICE),
    ):
        await make_record(
            session,
            member=member,
            hours=hours,
            served_on=served_on,
            kind=kind,
            verified=True,
            grid=grid,
        )
    # Pending, in another grid, outside the period: not counted.
    await make_record(session, member=helper, hours="5", served_on=date(2025, 5, 2), grid=grid)
    await make_record(
        session, member=helper, hours="4", served_on=date(2025, 5, 3), verified=True, grid=other
    )
    await make_record(
        session, member=helper, hours="4", served_on=date(2024, 5, 3), verified=True, grid=grid
    )
    await make_record(
        session,
        member=world.member_b,
        hours="6",
        served_on=date(2025, 5, 3),
        verified=True,
        grid=far_grid,
    )
    period = {"from": "2025-01-01", "to": "2025-12-31", "grid_id": str(grid.id)}

    by_month = (await client.get(STATS, params=period)).json()
    assert by_month["grid_id"] == str(grid.id)
    assert (by_month["total_hours"], by_month["total_records"]) == (6.5, 3)
    assert [(g["key"], g["hours"], g["records"]) for g in by_month["groups"]] == [
        ("2025-03", 3.5, 2),
        ("2025-05", 3.0, 1),
    ]
    by_kind = (await client.get(STATS, params={**period, "group_by": "kind"})).json()
    assert {g["key"]: g["hours"] for g in by_kind["groups"]} == {
        "volunteer_service": 5.0,
        "pairing_assistance": 1.5,
    }
    by_member = (await client.get(STATS, params={**period, "group_by": "member"})).json()
    assert [(g["label"], g["hours"]) for g in by_member["groups"]] == [
        ("甲村党员", 3.5),
        ("网格志愿者", 3.0),
    ]
    assert by_member["top_volunteers"] == by_member["groups"]
    assert by_member["members_without_hours"] is None
    by_org = (await client.get(STATS, params={**period, "group_by": "organization"})).json()
    assert [(g["key"], g["hours"]) for g in by_org["groups"]] == [(str(world.village_a.id), 6.5)]

    # A grid outside the caller's scope reads as missing.
    async with world.client(app, "org_staff") as staff:
        seen = await staff.get(STATS, params=period)
        assert seen.status_code == 200 and seen.json()["total_hours"] == 6.5
        assert_problem(
            await staff.get(STATS, params={**period, "grid_id": str(far_grid.id)}),
            404,
            "grid_not_found",
        )
        assert_problem(
            await staff.get(
                STATS, params={**period, "grid_id": "00000000-0000-4000-8000-000000000000"}
            ),
            404,
            "grid_not_found",
        )
