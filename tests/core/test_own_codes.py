"""Refusals that once shared the generic `invalid_request` each answer their own code, and
change nothing."""

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.core.audit import AuditEvent
from grassroots.jobs.models import Job
from grassroots.organizations.models import Organization
from grassroots.users.models import User
from grassroots.volunteering.models import VolunteerRecord
from tests.builders import (
    assert_problem,
    make_member,
    make_organization,
    make_pledge,
    make_user,
)

API = "/api/v1"


async def _count(session: AsyncSession, model: type) -> int:
    return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def test_clearing_a_required_account_field_is_field_cannot_be_cleared(
    client: httpx.AsyncClient, session: AsyncSession
):
    town = await make_organization(session)
    user = await make_user(session, organization=town)
    await session.commit()
    for field in ("display_name", "is_active", "password"):
        problem = assert_problem(
            await client.patch(f"{API}/users/{user.id}", json={field: None}),
            422,
            "field_cannot_be_cleared",
        )
        assert problem["fields"] == [field]
    await session.refresh(user)
    assert (user.display_name, user.is_active, user.version) == ("测试用户", True, 1)


async def test_clearing_a_required_field_reads_the_same_in_every_domain(
    client: httpx.AsyncClient, session: AsyncSession
):
    village = await make_organization(session, name="东村党支部")
    problem = assert_problem(
        await client.patch(f"{API}/organizations/{village.id}", json={"name": None}),
        422,
        "field_cannot_be_cleared",
    )
    assert problem["fields"] == ["name"]
    await session.refresh(village)
    assert (village.name, village.version) == ("东村党支部", 1)


async def test_an_api_key_expiring_in_the_past_is_api_key_expiry_passed(
    client: httpx.AsyncClient, session: AsyncSession
):
    town = await make_organization(session)
    body = {
        "name": "报表系统",
        "organization_id": str(town.id),
        "role": "member",
        "expires_at": "2001-01-01T00:00:00+08:00",
    }
    assert_problem(await client.post(f"{API}/api-keys", json=body), 422, "api_key_expiry_passed")
    assert (await client.get(f"{API}/api-keys")).json()["items"] == []


async def test_an_empty_upload_is_import_file_empty(
    client: httpx.AsyncClient, session: AsyncSession
):
    for kind in ("members", "volunteer-records"):
        assert_problem(
            await client.post(
                f"{API}/imports/{kind}",
                files={"file": ("名册.csv", b"")},
                data={"dry_run": "false"},
            ),
            422,
            "import_file_empty",
        )
    assert await _count(session, Job) == 0


async def test_revealing_a_field_that_is_never_revealed_is_member_field_not_revealable(
    client: httpx.AsyncClient, session: AsyncSession
):
    member = await make_member(session, organization=await make_organization(session))
    problem = assert_problem(
        await client.get(f"{API}/members/{member.id}", params={"reveal": "phone,name"}),
        422,
        "member_field_not_revealable",
    )
    assert "phone" in problem["detail"]
    revealed = await session.scalar(
        select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "reveal")
    )
    assert revealed == 0


async def test_half_a_no_hours_period_is_member_no_hours_period_incomplete(
    client: httpx.AsyncClient, session: AsyncSession
):
    await make_member(session, organization=await make_organization(session))
    for half in ({"no_hours_from": "2026-01-01"}, {"no_hours_to": "2026-06-30"}):
        for path in ("members", "members/export"):
            assert_problem(
                await client.get(f"{API}/{path}", params=half),
                422,
                "member_no_hours_period_incomplete",
            )
    both = {"no_hours_from": "2026-01-01", "no_hours_to": "2026-06-30"}
    assert (await client.get(f"{API}/members", params=both)).status_code == 200
    assert await _count(session, Organization) == 1 and await _count(session, User) == 1


async def test_a_record_with_neither_kind_nor_activity_is_volunteer_record_kind_required(
    client: httpx.AsyncClient, session: AsyncSession
):
    member = await make_member(session, organization=await make_organization(session))
    body = {"member_id": str(member.id), "served_on": "2026-01-05", "hours": "2"}
    assert_problem(
        await client.post(f"{API}/volunteer-records", json=body),
        422,
        "volunteer_record_kind_required",
    )
    assert await _count(session, VolunteerRecord) == 0


async def test_a_stats_period_ending_before_it_starts_is_volunteer_stats_period_reversed(
    client: httpx.AsyncClient, session: AsyncSession
):
    await make_organization(session)
    period = {"from": "2026-06-01", "to": "2026-01-01"}
    assert_problem(
        await client.get(f"{API}/volunteer-stats", params=period),
        422,
        "volunteer_stats_period_reversed",
    )
    swapped = {"from": period["to"], "to": period["from"]}
    assert (await client.get(f"{API}/volunteer-stats", params=swapped)).status_code == 200


async def test_clearing_a_pledge_field_is_field_cannot_be_cleared(
    client: httpx.AsyncClient, session: AsyncSession
):
    member = await make_member(session, organization=await make_organization(session))
    pledge = await make_pledge(session, member=member)
    for field in ("content", "status"):
        problem = assert_problem(
            await client.patch(f"{API}/pledges/{pledge.id}", json={field: None}),
            422,
            "field_cannot_be_cleared",
        )
        assert problem["fields"] == [field]
    await session.refresh(pledge)
    assert (pledge.content, pledge.status.value, pledge.version) == (
        "每月为孤寡老人服务一次",
        "pledged",
        1,
    )
