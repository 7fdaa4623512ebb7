"""Rollups of verified hours: by month, kind, organization and member, counting in-service
members for both organizations, and the members with no hours."""

from datetime import date

import httpx
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.core.security import Role
from grassroots.organizations.enums import Kind, Tier
from grassroots.volunteering.enums import ServiceKind
from tests.builders import (
    assert_problem,
    bearer,
    make_member,
    make_organization,
    make_record,
    make_user,
)

STATS = "/api/v1/volunteer-stats"
PERIOD = {"from": "2025-01-01", "to": "2025-12-31"}


async def _county(session: AsyncSession):  # type: ignore[no-untyped-def]
    county = await make_organization(session, kind=Kind.COMMITTEE, tier=Tier.COUNTY)
    town = await make_organization(
        session, parent=county, name="甲镇党委", kind=Kind.COMMITTEE, tier=Tier.TOWNSHIP
    )
    village = await make_organization(session, parent=town, name="甲村党支部")
    street = await make_organization(
        session, parent=county, name="乙街道党工委", kind=Kind.COMMITTEE, tier=Tier.STREET
    )
    community = await make_organization(
        session, parent=street, name="幸福社区党支部", tier=Tier.COMMUNITY
    )
    farmer = await make_member(session, organization=village, name="村里党员")
    commuter = await make_member(
        session,
        organization=village,
        name="在职党员",
        is_in_service=True,
        residence_organization_id=community.id,
    )
    idle = await make_member(session, organization=village, name="未服务党员")
    await make_record(session, member=farmer, hours="2", served_on=date(2025, 3, 5), verified=True)
    await make_record(
        session,
        member=farmer,
        hours="1.5",
        served_on=date(2025, 4, 9),
        verified=True,
        kind=ServiceKind.PAIRING_ASSISTANCE,
    )
    await make_record(
        session, member=commuter, hours="3", served_on=date(2025, 4, 20), verified=True
    )
    await make_record(session, member=commuter, hours="9", served_on=date(2025, 4, 21))
    await make_record(
        session, member=farmer, hours="4", served_on=date(2024, 12, 31), verified=True
    )
    return county, town, village, street, community, farmer, commuter, idle


async def test_rollups_by_month_kind_and_member(client: httpx.AsyncClient, session: AsyncSession):
    county, town, _village, _street, community, *_rest = await _county(session)
    by_month = (await client.get(STATS, params={**PERIOD, "within": str(county.id)})).json()
    assert by_month["total_hours"] == 6.5 and by_month["total_records"] == 3
    assert [(g["key"], g["hours"]) for g in by_month["groups"]] == [
        ("2025-03", 2.0),
        ("2025-04", 4.5),
    ]
    by_kind = (await client.get(STATS, params={**PERIOD, "group_by": "kind"})).json()
    assert {g["key"]: g["hours"] for g in by_kind["groups"]} == {
        "volunteer_service": 5.0,
        "pairing_assistance": 1.5,
    }
    assert by_kind["groups"][0]["label"] in {"志愿服务", "结对帮扶"}
    # The totals are those of every grouping, within any subtree (each its own rollup root).
    for within, totals in ((county, (6.5, 3)), (town, (6.5, 3)), (community, (3.0, 1))):
        for group_by in ("month", "kind", "organization", "member"):
            params = {**PERIOD, "group_by": group_by, "within": str(within.id)}
            body = (await client.get(STATS, params=params)).json()
            assert (body["total_hours"], body["total_records"]) == totals, (within.name, group_by)
            if group_by in ("month", "kind"):
                assert sum(g["records"] for g in body["groups"]) == totals[1]
    by_member = (await client.get(STATS, params={**PERIOD, "group_by": "member"})).json()
    assert [(g["label"], g["hours"]) for g in by_member["groups"]] == [
        ("村里党员", 3.5),
        ("在职党员", 3.0),
    ]
    assert [g["label"] for g in by_member["top_volunteers"]] == ["村里党员", "在职党员"]
    assert by_member["members_without_hours_count"] == 1
    assert [m["name"] for m in by_member["members_without_hours"]] == ["未服务党员"]


async def test_in_service_hours_count_for_both_organizations_once_each(
    client: httpx.AsyncClient, session: AsyncSession
):
    county, town, _village, street, _community, *_ = await _county(session)
    by_org = (
        await client.get(
            STATS, params={**PERIOD, "group_by": "organization", "within": str(county.id)}
        )
    ).json()
    hours = {g["label"]: g["hours"] for g in by_org["groups"]}
    assert hours["甲村党支部"] == 6.5 and hours["幸福社区党支部"] == 3.0
    assert by_org["total_hours"] == 6.5, "the county counts each hour once"
    community_total = (await client.get(STATS, params={**PERIOD, "within": str(street.id)})).json()
    assert community_total["total_hours"] == 3.0
    town_total = (await client.get(STATS, params={**PERIOD, "within": str(town.id)})).json()
    assert town_total["total_hours"] == 6.5


async def test_rollups_stay_in_the_callers_scope(app: FastAPI, session: AsyncSession):
    _county_org, town, village, street, _community, *_ = await _county(session)
    reviewer = await make_user(session, organization=street, role=Role.REVIEWER)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://testserver", headers=bearer(reviewer)
    ) as client:
        mine = (await client.get(STATS, params={**PERIOD, "group_by": "member"})).json()
        assert mine["total_hours"] == 3.0
        assert [g["label"] for g in mine["groups"]] == ["在职党员"]
        assert_problem(await client.get(STATS, params={"within": str(town.id)}), 404)
    member_user = await make_user(session, organization=village, role=Role.MEMBER)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://testserver", headers=bearer(member_user)
    ) as client:
        assert_problem(await client.get(STATS), 403)


async def test_bad_periods_and_groupings_are_refused(client: httpx.AsyncClient):
    assert_problem(await client.get(STATS, params={"from": "2025-05-01", "to": "2025-01-01"}), 422)
    assert_problem(await client.get(STATS, params={"group_by": "planet"}), 422)
    assert_problem(await client.get(STATS, params={"from": "yesterday"}), 422)


async def test_moving_an_organization_moves_its_hours_between_subtrees(
    client: httpx.AsyncClient, session: AsyncSession
):
    county, town, village, street, *_ = await _county(session)
    before = (await client.get(STATS, params={**PERIOD, "within": str(street.id)})).json()
    assert before["total_hours"] == 3.0
    moved = await client.post(
        f"/api/v1/organizations/{village.id}/move", json={"parent_id": str(street.id)}
    )
    assert moved.status_code == 200
    street_after = (await client.get(STATS, params={**PERIOD, "within": str(street.id)})).json()
    town_after = (await client.get(STATS, params={**PERIOD, "within": str(town.id)})).json()
    county_after = (await client.get(STATS, params={**PERIOD, "within": str(county.id)})).json()
    assert street_after["total_hours"] == 6.5, "the village's hours, the commuter's once"
    assert town_after["total_hours"] == 0
    assert county_after["total_hours"] == 6.5
    everything = (await client.get(STATS, params=PERIOD)).json()
    assert everything["total_hours"] == 6.5
    assert everything["top_volunteers"] is None
