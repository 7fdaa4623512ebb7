"""Members: identity checks, masking and the audited reveal, positions, transfers, the
in-service members registered at a community, and leadership counts."""

import uuid
from datetime import date

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.core.audit import AuditEvent
from grassroots.core.security import Role
from grassroots.members.identity import check_digit, mask_id_number
from grassroots.organizations.enums import Kind, Tier
from grassroots.users.models import User
from tests.builders import (
    assert_problem,
    bearer,
    make_member,
    make_organization,
    make_record,
    make_user,
    open_session,
)
from tests.world import build_world

MEMBERS = "/api/v1/members"


def id_number(birth: str = "19850612", region: str = "110105", sequence: str = "123") -> str:
    """A valid identity number with the given birth date."""
    first = f"{region}{birth}{sequence}"
    return first + check_digit(first)


def test_the_check_digit_follows_gb_11643():
    assert check_digit("11010519491231002") == "X"
    assert check_digit("44052418800101001") == "4"
    assert mask_id_number("11010519491231002X") == "110105********002X"


async def test_personal_data_is_masked_encrypted_and_found_by_keyed_hash(
    client: httpx.AsyncClient, session: AsyncSession
):
    village = await make_organization(session)
    number = id_number()
    created = await client.post(
        MEMBERS,
        json={
            "name": "李秀英",
            "organization_id": str(village.id),
            "phone": "13812341234",
            "id_number": number.lower(),
            "status": "probationary",
            "gender": "female",
        },
    )
    assert created.status_code == 201, created.text
    member = created.json()
    assert member["phone"] == "138****1234"
    assert member["id_number"] == f"110105********{number[-4:]}"
    # The birth date is the eight digits the mask hides: it is shown only when revealed.
    assert member["birth_date"] is None and member["revealed"] == []
    raw = (await session.execute(text("SELECT phone, id_number, id_number_hash FROM member"))).one()
    assert "13812341234" not in str(raw) and number not in str(raw)
    found = (await client.get(MEMBERS, params={"q": number})).json()["items"]
    assert [m["id"] for m in found] == [member["id"]]
    assert (await client.get(MEMBERS, params={"q": number[:10]})).json()["items"] == []


async def test_only_admins_of_the_scope_reveal_and_each_reveal_is_audited(
    app: FastAPI, session: AsyncSession
):
    world = await build_world(session)
    number = id_number("19700101")
    member = await make_member(
        session, organization=world.village_a, phone="13900001111", id_number=number
    )
    async with world.client(app, "admin") as admin:
        revealed = await admin.get(f"{MEMBERS}/{member.id}", params={"reveal": "phone,id_number"})
        assert revealed.status_code == 200, revealed.text
        assert revealed.json()["phone"] == "13900001111"
        assert revealed.json()["id_number"] == number
        assert revealed.json()["revealed"] == ["phone", "id_number", "birth_date"]
        assert revealed.json()["birth_date"] == "1970-01-01"
        assert_problem(await admin.get(f"{MEMBERS}/{member.id}", params={"reveal": "address"}), 422)
    for role in ("org_staff", "reviewer", "api_key"):
        async with world.client(app, role) as caller:
            refused = await caller.get(f"{MEMBERS}/{member.id}", params={"reveal": "phone"})
            assert_problem(refused, 403, "forbidden")
            plain = (await caller.get(f"{MEMBERS}/{member.id}")).json()
            assert plain["phone"] == "139****1111"
    reveals = list(await session.scalars(select(AuditEvent).where(AuditEvent.action == "reveal")))
    assert len(reveals) == 1
    assert reveals[0].changes == {"fields": ["phone", "id_number", "birth_date"]}
    assert reveals[0].actor_label == "caller-admin"


@pytest.mark.parametrize(
    ("number", "birth_date"),
    [
        ("110105198506121230", None),
        ("11010519850612123", None),
        ("1101051985061212AB", None),
        (id_number("19850230"), None),
        (id_number("19850612"), "1985-06-13"),
    ],
)
async def test_bad_identity_numbers_are_refused(
    client: httpx.AsyncClient, session: AsyncSession, number: str, birth_date: str | None
):
    village = await make_organization(session)
    body = {"name": "王五", "organization_id": str(village.id), "id_number": number}
    if birth_date:
        body["birth_date"] = birth_date
    response = await client.post(MEMBERS, json=body)
    assert response.status_code == 422
    assert_problem(response, 422)
    assert (await client.get(MEMBERS)).json()["items"] == []


async def test_an_identity_number_belongs_to_one_member(
    client: httpx.AsyncClient, session: AsyncSession
):
    village = await make_organization(session)
    number = id_number()
    await make_member(session, organization=village, id_number=number)
    assert_problem(
        await client.post(
            MEMBERS, json={"name": "冒名", "organization_id": str(village.id), "id_number": number}
        ),
        409,
        "member_id_number_taken",
    )


async def test_filters_by_status_position_migrant_and_service(
    client: httpx.AsyncClient, session: AsyncSession
):
    village = await make_organization(session)
    await make_member(
        session,
        organization=village,
        name="书记甲",
        positions=[{"position": "secretary", "started_on": "2021-01-01"}],
    )
    await make_member(
        session,
        organization=village,
        name="前书记",
        positions=[{"position": "secretary", "ended_on": "2020-12-31"}],
    )
    await make_member(
        session,
        organization=village,
        name="流动党员",
        is_migrant=True,
        current_location="深圳",
        status="probationary",
    )
    await make_member(session, organization=village, name="在职党员", is_in_service=True)

    async def names(**params: str) -> set[str]:
        return {m["name"] for m in (await client.get(MEMBERS, params=params)).json()["items"]}

    assert await names(position="secretary") == {"书记甲"}
    assert await names(is_migrant="true") == {"流动党员"}
    assert await names(status="probationary") == {"流动党员"}
    assert await names(is_in_service="true") == {"在职党员"}
    assert await names(q="书记") == {"书记甲", "前书记"}
    assert_problem(await client.get(MEMBERS, params={"position": "king"}), 422)


async def test_transfer_moves_the_member_ends_positions_and_keeps_history(
    client: httpx.AsyncClient, session: AsyncSession
):
    town = await make_organization(session, kind=Kind.COMMITTEE, tier=Tier.TOWNSHIP)
    old = await make_organization(session, parent=town)
    new = await make_organization(session, parent=town)
    member = await make_member(
        session, organization=old, positions=[{"position": "secretary", "started_on": "2020-01-01"}]
    )
    response = await client.post(
        f"{MEMBERS}/{member.id}/transfer",
        json={"organization_id": str(new.id), "transferred_on": "2024-03-01", "reason": "工作调动"},
    )
    assert response.status_code == 201, response.text
    after = (await client.get(f"{MEMBERS}/{member.id}")).json()
    assert after["organization_id"] == str(new.id)
    assert after["positions"][0]["ended_on"] == "2024-03-01"
    history = (await client.get(f"{MEMBERS}/{member.id}/transfers")).json()["items"]
    assert [(h["from_organization_id"], h["to_organization_id"]) for h in history] == [
        (str(old.id), str(new.id))
    ]
    assert_problem(
        await client.post(f"{MEMBERS}/{member.id}/transfer", json={"organization_id": str(new.id)}),
        422,
        "member_already_in_organization",
    )


async def test_in_service_members_appear_to_the_community_they_registered_at(
    app: FastAPI, session: AsyncSession
):
    world = await build_world(session)
    community = await make_organization(
        session, parent=world.town_b, tier=Tier.COMMUNITY, name="乙镇幸福社区"
    )
    resident = await make_member(
        session,
        organization=world.village_a,
        name="在职报到党员",
        is_in_service=True,
        residence_organization_id=community.id,
        registered_on="2024-05-01",
    )
    staff = await make_user(session, organization=community, role=Role.ORG_STAFF)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://testserver", headers=bearer(staff)
    ) as community_staff:
        listed = (await community_staff.get(MEMBERS)).json()["items"]
        assert [m["name"] for m in listed] == ["在职报到党员"]
        assert (await community_staff.get(f"{MEMBERS}/{resident.id}")).status_code == 200
        assert_problem(await community_staff.get(f"{MEMBERS}/{world.member_a.id}"), 404)


async def test_a_member_account_sees_only_itself(
    app: FastAPI, session: AsyncSession, client: httpx.AsyncClient
):
    village = await make_organization(session)
    me = await make_member(session, organization=village, name="我自己")
    await make_member(session, organization=village, name="别人")
    account = await client.post(
        "/api/v1/users",
        json={
            "username": "myself",
            "display_name": "我自己",
            "password": "为人民服务到永远",
            "organization_id": str(village.id),
            "member_id": str(me.id),
        },
    )
    assert account.status_code == 201, account.text
    user_id = uuid.UUID(account.json()["id"])
    await client.post(
        f"/api/v1/users/{user_id}/grants",
        json={"organization_id": str(village.id), "role": "member"},
    )
    user = await session.get(User, user_id)
    assert user is not None
    await open_session(session, user)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://testserver", headers=bearer(user)
    ) as mine:
        assert [m["name"] for m in (await mine.get(MEMBERS)).json()["items"]] == ["我自己"]
        assert (await mine.get(f"{MEMBERS}/{me.id}")).status_code == 200
        assert_problem(await mine.patch(f"{MEMBERS}/{me.id}", json={"name": "改"}), 403)


async def test_stats_count_secretaries_vacancies_and_first_secretaries(
    client: httpx.AsyncClient, session: AsyncSession
):
    town = await make_organization(session, kind=Kind.COMMITTEE, tier=Tier.TOWNSHIP)
    with_secretary = await make_organization(session, parent=town)
    await make_organization(session, parent=town)
    await make_member(session, organization=with_secretary, positions=[{"position": "secretary"}])
    await make_member(
        session,
        organization=with_secretary,
        positions=[
            {
                "position": "first_secretary",
                "dispatched_by": "县财政局",
                "started_on": str(date(2024, 1, 1)),
            }
        ],
    )
    stats = (await client.get(f"/api/v1/organizations/{town.id}/stats")).json()
    assert (
        stats["secretaries_in_place"],
        stats["secretary_vacancies"],
        stats["first_secretaries"],
    ) == (1, 2, 1)


async def test_an_organization_with_members_cannot_be_deleted(
    client: httpx.AsyncClient, session: AsyncSession
):
    town = await make_organization(session, kind=Kind.COMMITTEE, tier=Tier.TOWNSHIP)
    village = await make_organization(session, parent=town)
    await make_member(session, organization=village)
    assert_problem(
        await client.delete(f"/api/v1/organizations/{village.id}"), 409, "organization_not_empty"
    )


async def test_members_with_no_hours_in_a_period(client: httpx.AsyncClient, session: AsyncSession):
    village = await make_organization(session)
    busy = await make_member(session, organization=village, name="忙")
    await make_member(session, organization=village, name="闲")
    await make_record(session, member=busy, served_on=date(2025, 3, 3), verified=True)
    idle = (
        await client.get(
            MEMBERS, params={"no_hours_from": "2025-01-01", "no_hours_to": "2025-12-31"}
        )
    ).json()
    assert [m["name"] for m in idle["items"]] == ["闲"]
    later = (
        await client.get(
            MEMBERS, params={"no_hours_from": "2025-06-01", "no_hours_to": "2025-12-31"}
        )
    ).json()
    assert {m["name"] for m in later["items"]} == {"忙", "闲"}
    assert_problem(await client.get(MEMBERS, params={"no_hours_from": "2025-01-01"}), 422)
