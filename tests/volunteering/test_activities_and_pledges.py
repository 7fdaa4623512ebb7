"""Activities and their places under concurrent sign-ups; pledges and their review."""

import asyncio

import httpx
from fastapi import FastAPI
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.core.security import SYSTEM, Role
from grassroots.volunteering import activities as volunteer_activities
from grassroots.volunteering.models import ActivitySignup
from tests.builders import (
    assert_problem,
    bearer,
    make_activity,
    make_member,
    make_organization,
    make_pledge,
    make_user,
)

ACTIVITIES = "/api/v1/volunteer-activities"


async def test_many_parallel_requests_for_the_last_place_one_wins(
    client: httpx.AsyncClient, session: AsyncSession
):
    village = await make_organization(session)
    members = [await make_member(session, organization=village, name=f"党员{i}") for i in range(12)]
    activity = await make_activity(session, organization=village, capacity=3)
    for member in members[:2]:
        await volunteer_activities.sign_up(session, SYSTEM, activity, member_id=member.id)
    await session.commit()
    responses = await asyncio.gather(
        *(
            client.post(f"{ACTIVITIES}/{activity.id}/signups", json={"member_id": str(m.id)})
            for m in members[2:]
        )
    )
    codes = sorted(r.status_code for r in responses)
    assert codes.count(201) == 1 and codes.count(409) == len(codes) - 1
    assert all(r.json()["code"] == "activity_full" for r in responses if r.status_code == 409)
    assert await session.scalar(select(func.count()).select_from(ActivitySignup)) == 3
    assert (await client.get(f"{ACTIVITIES}/{activity.id}")).json()["signed_up"] == 3


async def test_signing_up_twice_and_cancelling(client: httpx.AsyncClient, session: AsyncSession):
    village = await make_organization(session)
    member = await make_member(session, organization=village)
    activity = await make_activity(session, organization=village, capacity=1)
    url = f"{ACTIVITIES}/{activity.id}/signups"
    assert (await client.post(url, json={"member_id": str(member.id)})).status_code == 201
    assert_problem(await client.post(url, json={"member_id": str(member.id)}), 409)
    assert (await client.get(f"{ACTIVITIES}/{activity.id}")).json()["signed_up"] == 1
    assert (await client.delete(f"{url}/{member.id}")).status_code == 204
    assert (await client.get(f"{ACTIVITIES}/{activity.id}")).json()["signed_up"] == 0
    assert_problem(await client.delete(f"{url}/{member.id}"), 404, "signup_not_found")


async def test_capacity_never_drops_below_the_places_taken(
    client: httpx.AsyncClient, session: AsyncSession
):
    village = await make_organization(session)
    activity = await make_activity(session, organization=village, capacity=5)
    for i in range(3):
        member = await make_member(session, organization=village, name=f"党员{i}")
        await volunteer_activities.sign_up(session, SYSTEM, activity, member_id=member.id)
    await session.commit()
    body = {
        "kind": "volunteer_service",
        "title": "清洁家园",
        "capacity": 2,
        "starts_at": "2030-01-01T09:00:00+08:00",
        "ends_at": "2030-01-01T10:00:00+08:00",
    }
    assert_problem(
        await client.put(f"{ACTIVITIES}/{activity.id}", json=body),
        422,
        "activity_capacity_below_signups",
    )
    backwards = {**body, "capacity": 3, "ends_at": "2030-01-01T08:00:00+08:00"}
    assert_problem(await client.put(f"{ACTIVITIES}/{activity.id}", json=backwards), 422)


async def test_members_see_the_activities_they_may_join(app: FastAPI, session: AsyncSession):
    county = await make_organization(session)
    town = await make_organization(session, parent=county)
    village = await make_organization(session, parent=town)
    elsewhere = await make_organization(session, parent=county)
    member = await make_member(session, organization=village)
    for organization, title in (
        (county, "全县活动"),
        (village, "本村活动"),
        (elsewhere, "别处活动"),
    ):
        await make_activity(session, organization=organization, title=title)
    user = await make_user(session, organization=village, role=Role.MEMBER)
    user.member_id = member.id
    await session.commit()
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://testserver", headers=bearer(user)
    ) as mine:
        titles = {a["title"] for a in (await mine.get(ACTIVITIES)).json()["items"]}
        assert titles == {"全县活动", "本村活动"}


async def test_a_pledge_is_made_reported_and_reviewed(
    app: FastAPI, session: AsyncSession, client: httpx.AsyncClient
):
    village = await make_organization(session)
    member = await make_member(session, organization=village)
    user = await make_user(session, organization=village, role=Role.MEMBER)
    user.member_id = member.id
    await session.commit()
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://testserver", headers=bearer(user)
    ) as mine:
        made = await mine.post("/api/v1/pledges", json={"year": 2026, "content": "结对帮扶两户"})
        assert made.status_code == 201 and made.json()["status"] == "pledged"
        url = f"/api/v1/pledges/{made.json()['id']}"
        progress = await mine.patch(
            url, json={"status": "in_progress", "fulfilment_note": "已走访一户"}
        )
        assert progress.status_code == 200
        assert_problem(await mine.patch(url, json={"status": "fulfilled"}), 403)
    reviewed = await client.patch(url, json={"status": "fulfilled"})
    assert reviewed.status_code == 200
    assert reviewed.json()["reviewed_by_id"] is not None
    listed = (
        await client.get("/api/v1/pledges", params={"year": 2026, "status": "fulfilled"})
    ).json()
    assert [p["content"] for p in listed["items"]] == ["结对帮扶两户"]
    other = await make_pledge(session, member=await make_member(session, organization=village))
    async with httpx.AsyncClient(
        transport=transport, base_url="http://testserver", headers=bearer(user)
    ) as mine:
        assert_problem(await mine.get(f"/api/v1/pledges/{other.id}"), 404)


async def test_names_and_own_places_come_with_the_rows(
    app: FastAPI, session: AsyncSession, client: httpx.AsyncClient
):
    village = await make_organization(session)
    member = await make_member(session, organization=village, name="刘洋")
    activity = await make_activity(session, organization=village)
    other = await make_activity(session, organization=village, title="另一场")
    signup = await client.post(
        f"{ACTIVITIES}/{activity.id}/signups", json={"member_id": str(member.id)}
    )
    assert signup.json()["member_name"] == "刘洋"
    pledge = await make_pledge(session, member=member)
    assert (await client.get(f"/api/v1/pledges/{pledge.id}")).json()["member_name"] == "刘洋"
    user = await make_user(session, organization=village, role=Role.MEMBER)
    user.member_id = member.id
    await session.commit()
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://testserver", headers=bearer(user)
    ) as mine:
        listed = {
            a["title"]: a["signed_up_by_me"] for a in (await mine.get(ACTIVITIES)).json()["items"]
        }
        assert listed == {activity.title: True, other.title: False}
        assert (await mine.get(f"{ACTIVITIES}/{activity.id}")).json()["signed_up_by_me"]
        logged = await mine.post(
            "/api/v1/volunteer-records",
            json={"served_on": "2025-05-01", "hours": 1, "kind": "other"},
        )
        assert logged.json()["member_name"] == "刘洋"
