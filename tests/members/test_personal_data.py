"""Personal data (issue 8): nothing a caller without the reveal right sees, in any response,
export or audit entry, rebuilds a hidden digit of an identity number or a phone; reveals are
not cached; identity numbers cannot be probed across the installation; phones are validated."""

import csv
import io
import re
import uuid
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.core.audit import AuditEvent
from grassroots.core.db import utcnow
from grassroots.core.security import SYSTEM, Role
from grassroots.members import service as member_service
from grassroots.members.identity import check_digit
from grassroots.members.models import Member
from grassroots.organizations.enums import Tier
from grassroots.users.models import User
from tests.builders import (
    assert_problem,
    bearer,
    make_activity,
    make_member,
    make_organization,
    make_pledge,
    make_record,
    make_user,
)
from tests.world import World, build_world

MEMBERS = "/api/v1/members"
BIRTH = ("1937", "03", "15")
PHONE = "13912345678"
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
HEX_ID = re.compile(r"^[0-9a-f]{32}$")


def id_number(birth: str = "".join(BIRTH), region: str = "330106", sequence: str = "512") -> str:
    """A valid identity number with the given birth date."""
    first = f"{region}{birth}{sequence}"
    return first + check_digit(first)


NUMBER = id_number()
HIDDEN_ID_POSITIONS = set(range(6, 14))  # the birth date: what the API's mask hides
HIDDEN_PHONE_POSITIONS = {3, 4, 5, 6}


def client_for(app: FastAPI, headers: dict[str, str]) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    return httpx.AsyncClient(transport=transport, base_url="http://testserver", headers=headers)


def scalars(value: Any, key: str = "") -> Iterator[tuple[str, Any]]:
    """Every scalar of a JSON document with the key it sits under."""
    if isinstance(value, dict):
        for name, item in value.items():
            yield from scalars(item, name)
    elif isinstance(value, list):
        for item in value:
            yield from scalars(item, key)
    else:
        yield key, value


def shown_positions(text: str, secret: str) -> set[int]:
    """Positions of `secret` a masked rendering of it shows, checking each shown one is true."""
    assert len(text) == len(secret)
    shown = {i for i, char in enumerate(text) if char != "*"}
    assert all(text[i] == secret[i] for i in shown), (text, secret)
    return shown


def assert_nothing_rebuilds(views: list[tuple[str, Any]]) -> None:
    """No view, nor all of them together, shows a digit the API's masks hide."""
    year, month, day = BIRTH
    birth_forms = [f"{year}-{month}-{day}", f"{year}{month}{day}", f"{year}/{month}/{day}"]
    age = utcnow().year - int(year)
    id_shown: set[int] = set()
    phone_shown: set[int] = set()
    seen_masks = 0
    for where, document in views:
        for key, value in scalars(document):
            if value is None or isinstance(value, bool):
                continue
            text = str(value)
            if UUID.match(text) or HEX_ID.match(text):
                continue
            assert not any(form in text for form in birth_forms), (where, key, text)
            assert text not in {year, f"{year}年"}, (where, key, text)
            assert NUMBER not in text.upper() and PHONE not in text, (where, key, text)
            if key in {"age", "birth_year"} or "birth" in key:
                assert text in {"****-**-**"} or int(text) not in range(age - 1, age + 2), (
                    where,
                    key,
                    text,
                )
            if len(text) == 18 and "*" in text and text[-4:] == NUMBER[-4:]:
                id_shown |= shown_positions(text, NUMBER)
                seen_masks += 1
            if len(text) == 11 and "*" in text and text[-4:] == PHONE[-4:]:
                phone_shown |= shown_positions(text, PHONE)
    assert seen_masks, "the walk must meet the masked identity number"
    assert not id_shown & HIDDEN_ID_POSITIONS, sorted(id_shown & HIDDEN_ID_POSITIONS)
    assert not phone_shown & HIDDEN_PHONE_POSITIONS, sorted(phone_shown & HIDDEN_PHONE_POSITIONS)


async def _registered_member(app: FastAPI, session: AsyncSession, world: World) -> tuple[Any, ...]:
    """A member created and edited by town A's staff through the API, then moved by the county
    to town B while registered at a community of town A (so town A keeps reading them)."""
    community = await make_organization(
        session, parent=world.town_a, tier=Tier.COMMUNITY, name="甲镇幸福社区"
    )
    views: list[tuple[str, Any]] = []
    async with world.client(app, "org_staff") as staff:
        created = await staff.post(
            MEMBERS,
            json={
                "name": "老党员",
                "organization_id": str(world.village_a.id),
                "id_number": NUMBER,
                "phone": "13900000000",
                "joined_on": "1960-07-01",
                "is_elderly": True,
                "is_in_service": True,
                "residence_organization_id": str(community.id),
                "registered_on": "2021-05-01",
            },
        )
        assert created.status_code == 201, created.text
        views.append(("create", created.json()))
        member_id = created.json()["id"]
        changed = await staff.patch(
            f"{MEMBERS}/{member_id}",
            json={"phone": PHONE, "work_unit": "区卫健局"},
            headers={"If-Match": created.headers["ETag"]},
        )
        assert changed.status_code == 200, changed.text
        views.append(("update", changed.json()))
    member = await session.get(Member, uuid.UUID(member_id))
    assert member is not None
    await member_service.transfer_member(
        session,
        SYSTEM,
        member,
        data=member_service.MemberTransferCreate(organization_id=world.village_b.id),
    )
    await session.commit()
    return member, community, views


async def test_no_view_without_the_reveal_right_rebuilds_a_hidden_digit(
    app: FastAPI, session: AsyncSession
):
    world = await build_world(session)
    member, community, views = await _registered_member(app, session, world)
    activity = await make_activity(session, organization=community)
    await make_record(session, member=member, hours="2", verified=True)
    await make_pledge(session, member=member)
    for role in ("admin", "org_staff", "reviewer", "api_key"):
        async with world.client(app, role) as caller:
            gets = [
                f"{MEMBERS}",
                f"{MEMBERS}?q={NUMBER}",
                f"{MEMBERS}/{member.id}",
                f"{MEMBERS}/{member.id}/transfers",
                "/api/v1/volunteer-records",
                "/api/v1/pledges",
                "/api/v1/volunteer-stats?group_by=member",
            ]
            if role in ("admin", "org_staff", "api_key"):
                signed = await caller.post(
                    f"/api/v1/volunteer-activities/{activity.id}/signups",
                    json={"member_id": str(member.id)},
                )
                assert signed.status_code in (201, 409), signed.text
                gets.append(f"/api/v1/volunteer-activities/{activity.id}/signups")
            if role == "admin":
                gets.append("/api/v1/audit-events?limit=200")
            for path in gets:
                response = await caller.get(path)
                assert response.status_code == 200, (role, path, response.text)
                views.append((f"{role} {path}", response.json()))
            listed = (await caller.get(MEMBERS)).json()["items"]
            assert "老党员" in [m["name"] for m in listed], "town A reads them by registration"
            exported = await caller.get(f"{MEMBERS}/export", params={"format": "csv"})
            assert exported.status_code == 200, exported.text
            rows = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"))))
            views.append((f"{role} export", rows))
            refused = await caller.get(f"{MEMBERS}/{member.id}", params={"reveal": "birth_date"})
            assert refused.status_code == 403
    audit_views = [v for where, v in views if "audit-events" in where]
    assert any("id_number" in (event["changes"] or {}) for event in audit_views[0]["items"]), (
        "the walk must include the audit entries of the member's writes"
    )
    assert_nothing_rebuilds(views)


async def test_reveals_include_the_birth_date_are_audited_and_not_cached(
    app: FastAPI, session: AsyncSession
):
    world = await build_world(session)
    member = await make_member(session, organization=world.village_a, id_number=NUMBER, phone=PHONE)
    async with world.client(app, "admin") as admin:
        plain = await admin.get(f"{MEMBERS}/{member.id}")
        assert plain.json()["birth_date"] is None
        assert "no-store" not in plain.headers.get("cache-control", "")
        birth = await admin.get(f"{MEMBERS}/{member.id}", params={"reveal": "birth_date"})
        assert birth.status_code == 200, birth.text
        assert birth.json()["birth_date"] == "1937-03-15"
        assert birth.json()["id_number"] == f"330106********{NUMBER[-4:]}"
        assert birth.json()["revealed"] == ["birth_date"]
        assert birth.headers["cache-control"] == "no-store"
        whole = await admin.get(f"{MEMBERS}/{member.id}", params={"reveal": "id_number"})
        assert whole.json()["revealed"] == ["id_number", "birth_date"]
        assert whole.json()["birth_date"] == "1937-03-15"
        assert whole.headers["cache-control"] == "no-store"
    reveals = list(
        await session.scalars(
            select(AuditEvent).where(AuditEvent.action == "reveal").order_by(AuditEvent.occurred_at)
        )
    )
    assert [event.changes for event in reveals] == [
        {"fields": ["birth_date"]},
        {"fields": ["id_number", "birth_date"]},
    ]
    created = await session.scalar(
        select(AuditEvent).where(
            AuditEvent.action == "create", AuditEvent.entity_id == str(member.id)
        )
    )
    assert created is not None and created.changes is not None
    assert created.changes["id_number"]["new"] == f"330106********{NUMBER[-4:]}"
    assert created.changes["birth_date"]["new"] == "****-**-**"
    assert created.changes["phone"]["new"] == "139****5678"


# Registration at a community ----------------------------------------------------------------


async def test_the_community_a_member_registered_at_reads_but_does_not_keep_them(
    app: FastAPI, session: AsyncSession
):
    world = await build_world(session)
    community = await make_organization(session, parent=world.town_a, tier=Tier.COMMUNITY)
    resident = await make_member(
        session,
        organization=world.village_b,
        name="报到党员",
        is_in_service=True,
        residence_organization_id=community.id,
    )
    community_admin = await make_user(session, organization=community, role=Role.ADMIN)
    async with client_for(app, bearer(community_admin)) as caller:
        assert (await caller.get(f"{MEMBERS}/{resident.id}")).status_code == 200
        etag = (await caller.get(f"{MEMBERS}/{resident.id}")).headers["ETag"]
        assert_problem(
            await caller.patch(
                f"{MEMBERS}/{resident.id}", json={"name": "改名"}, headers={"If-Match": etag}
            ),
            403,
            "member_not_yours",
        )
        assert_problem(
            await caller.delete(f"{MEMBERS}/{resident.id}", headers={"If-Match": etag}),
            403,
            "member_not_yours",
        )
        assert_problem(
            await caller.post(
                f"{MEMBERS}/{resident.id}/transfer", json={"organization_id": str(community.id)}
            ),
            403,
            "member_not_yours",
        )
        assert_problem(
            await caller.get(f"{MEMBERS}/{resident.id}", params={"reveal": "phone"}), 403
        )
        # What registration does give: recording service done in the community.
        logged = await caller.post(
            "/api/v1/volunteer-records",
            json={
                "member_id": str(resident.id),
                "served_on": str(utcnow().date() - timedelta(days=1)),
                "hours": 2,
                "kind": "volunteer_service",
            },
        )
        assert logged.status_code == 201, logged.text
    await session.refresh(resident)
    assert resident.name == "报到党员" and resident.organization_id == world.village_b.id


# Probing identity numbers -------------------------------------------------------------------


async def test_a_taken_identity_number_reads_the_same_wherever_its_holder_is(
    app: FastAPI, session: AsyncSession
):
    world = await build_world(session)
    inside, outside = id_number(sequence="101"), id_number(sequence="202")
    await make_member(session, organization=world.village_a, id_number=inside)
    await make_member(session, organization=world.village_b, id_number=outside)
    bodies = []
    async with world.client(app, "org_staff") as staff:
        for number in (inside, outside):
            refused = await staff.post(
                MEMBERS,
                json={
                    "name": "冒名",
                    "organization_id": str(world.village_a.id),
                    "id_number": number,
                },
            )
            bodies.append(assert_problem(refused, 409, "member_id_number_taken"))
    assert bodies[0] == bodies[1]
    assert str(world.village_b.id) not in str(bodies[1]) and "乙" not in str(bodies[1])
    probes = list(
        await session.scalars(select(AuditEvent).where(AuditEvent.action == "match_id_number"))
    )
    assert len(probes) == 1, "only the match outside the caller's scope is audited"
    assert probes[0].organization_id == world.village_b.id
    assert probes[0].actor_label == "caller-org_staff" and probes[0].outcome == "denied"


async def test_matches_outside_the_scope_are_throttled_per_account(
    app: FastAPI, session: AsyncSession
):
    world = await build_world(session)
    numbers = [id_number(sequence=f"{n:03d}") for n in range(300, 312)]
    for number in numbers:
        await make_member(session, organization=world.village_b, id_number=number, commit=False)
    await session.commit()
    async with world.client(app, "org_staff") as staff:

        async def create(number: str) -> httpx.Response:
            return await staff.post(
                MEMBERS,
                json={
                    "name": "试探",
                    "organization_id": str(world.village_a.id),
                    "id_number": number,
                },
            )

        for number in numbers[: member_service.ID_PROBE_LIMIT]:
            assert_problem(await create(number), 409, "member_id_number_taken")
        throttled = await create(numbers[member_service.ID_PROBE_LIMIT])
        assert_problem(throttled, 429, "member_id_number_checks_throttled")
        assert 3000 < int(throttled.headers["Retry-After"]) <= 3600
        # Refused before looking: a free number gets the same answer, so nothing is learnt.
        free = await create(id_number(sequence="999"))
        assert_problem(free, 429, "member_id_number_checks_throttled")
    async with world.client(app, "admin") as other_account:
        assert_problem(
            await other_account.post(
                MEMBERS,
                json={
                    "name": "他人",
                    "organization_id": str(world.village_a.id),
                    "id_number": numbers[-1],
                },
            ),
            409,
            "member_id_number_taken",
        )
    # An hour on, the oldest matches have aged out of the window.
    await session.execute(
        AuditEvent.__table__.update()
        .where(AuditEvent.action == "match_id_number")
        .values(occurred_at=utcnow() - timedelta(hours=1, minutes=1))
    )
    await session.commit()
    async with world.client(app, "org_staff") as staff:
        again = await staff.post(
            MEMBERS,
            json={
                "name": "新党员",
                "organization_id": str(world.village_a.id),
                "id_number": id_number(sequence="998"),
            },
        )
        assert again.status_code == 201, again.text


async def _dry_run(client: httpx.AsyncClient, numbers: list[str], code: str) -> dict[str, Any]:
    lines = [
        "姓名,所在党组织编码,公民身份号码",
        *(f"试探{i},{code},{n}" for i, n in enumerate(numbers)),
    ]
    started = await client.post(
        "/api/v1/imports/members",
        files={"file": ("党员.csv", "\n".join(lines).encode())},
        data={"dry_run": "true"},
    )
    assert started.status_code == 202, started.text
    job = (await client.get(started.headers["Location"])).json()
    assert job["state"] in ("succeeded", "failed"), job
    return dict(job)


async def test_an_import_dry_run_cannot_probe_beyond_the_allowance(
    app: FastAPI, session: AsyncSession
):
    world = await build_world(session)
    outside = [id_number(sequence=f"{n:03d}") for n in range(400, 412)]
    inside = id_number(sequence="450")
    for number in outside:
        await make_member(session, organization=world.village_b, id_number=number, commit=False)
    await make_member(session, organization=world.village_a, id_number=inside)
    async with world.client(app, "org_staff") as staff:
        checked = await _dry_run(staff, [inside, *outside[:3]], world.village_a.code)
        assert checked["state"] == "succeeded"
        taken = [e for e in checked["errors"] if e["code"] == "member_id_number_taken"]
        assert len(taken) == 4 and len({e["reason"] for e in taken}) == 1
        assert str(world.village_b.code) not in str(checked)
        # Nine left in the hour: a file with ten more matches is refused whole, naming none.
        refused = await _dry_run(staff, outside[3:], world.village_a.code)
        assert refused["state"] == "failed" and refused["errors"] == []
        assert "try again in" in refused["message"]
    probes = list(
        await session.scalars(select(AuditEvent).where(AuditEvent.action == "match_id_number"))
    )
    assert len(probes) == 3 + 9
    assert {p.organization_id for p in probes} == {world.village_b.id}


# Phones -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("13812345678", "13812345678"),
        ("+86 138 1234 5678", "13812345678"),
        ("0571-87654321", "0571-87654321"),
        ("057187654321", "0571-87654321"),
        ("010-12345678-808", "010-12345678-808"),
        ("(021) 6123 4567转12", "021-61234567-12"),
    ],
)
async def test_chinese_phone_numbers_are_accepted_and_written_one_way(
    client: httpx.AsyncClient, session: AsyncSession, given: str, stored: str
):
    village = await make_organization(session)
    changed = await client.patch(
        f"/api/v1/organizations/{village.id}",
        json={"contact_phone": given},
        headers={
            "If-Match": (await client.get(f"/api/v1/organizations/{village.id}")).headers["ETag"]
        },
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["contact_phone"] == stored


@pytest.mark.parametrize("phone", ["12345", "12812345678", "1381234567", "0571-1234", "abc"])
async def test_a_phone_that_is_no_chinese_number_is_refused_on_its_field(
    client: httpx.AsyncClient, session: AsyncSession, phone: str
):
    village = await make_organization(session)
    etag = (await client.get(f"/api/v1/organizations/{village.id}")).headers["ETag"]
    for response, field in (
        (
            await client.patch(
                f"/api/v1/organizations/{village.id}",
                json={"contact_phone": phone},
                headers={"If-Match": etag},
            ),
            "contact_phone",
        ),
        (
            await client.post(
                MEMBERS, json={"name": "王五", "organization_id": str(village.id), "phone": phone}
            ),
            "phone",
        ),
        (
            await client.post(
                "/api/v1/users",
                json={
                    "username": "wangwu",
                    "display_name": "王五",
                    "password": "为人民服务到永远",
                    "organization_id": str(village.id),
                    "phone": phone,
                },
            ),
            "phone",
        ),
    ):
        problem = assert_problem(response, 422, "validation_error")
        assert [(e["field"], e["code"]) for e in problem["errors"]] == [(field, "phone_invalid")]
        assert "13812345678" in problem["errors"][0]["message"]
    assert await session.scalar(select(User).where(User.username == "wangwu")) is None


# One answer for missing and out of reach ----------------------------------------------------


async def test_a_member_out_of_scope_is_named_exactly_like_a_missing_one(
    app: FastAPI, session: AsyncSession
):
    world = await build_world(session)
    activity = await make_activity(session, organization=world.village_a)
    yesterday = str(utcnow().date() - timedelta(days=1))
    bodies = {
        "/api/v1/pledges": {"year": utcnow().year, "content": "每月走访一次"},
        "/api/v1/volunteer-records": {
            "served_on": yesterday,
            "hours": 1,
            "kind": "volunteer_service",
        },
        f"/api/v1/volunteer-activities/{activity.id}/signups": {},
    }
    async with world.client(app, "org_staff") as staff:
        for path, body in bodies.items():
            answers = []
            for member_id in (world.member_b.id, uuid.uuid4()):
                response = await staff.post(path, json={**body, "member_id": str(member_id)})
                assert_problem(response, 422, "member_not_found")
                answers.append(response.content)
            # Byte for byte: the problem carries no request id, and names neither member.
            assert answers[0] == answers[1], path


async def test_responses_carrying_secrets_are_not_stored(
    client: httpx.AsyncClient, anonymous: httpx.AsyncClient, session: AsyncSession
):
    village = await make_organization(session)
    await make_user(session, username="login-me", organization=village, password="为人民服务到永远")
    key = await client.post(
        "/api/v1/api-keys",
        json={"name": "对接", "organization_id": str(village.id), "role": "reviewer"},
    )
    assert key.status_code == 201, key.text
    assert key.headers["cache-control"] == "no-store"
    token = await anonymous.post(
        "/api/v1/auth/token", data={"username": "login-me", "password": "为人民服务到永远"}
    )
    assert token.status_code == 200, token.text
    assert token.headers["cache-control"] == "no-store"
    refreshed = await anonymous.post(
        "/api/v1/auth/refresh", json={"refresh_token": token.json()["refresh_token"]}
    )
    assert refreshed.status_code == 200, refreshed.text
    assert refreshed.headers["cache-control"] == "no-store"
    listed = await client.get("/api/v1/api-keys")
    assert "no-store" not in listed.headers.get("cache-control", "")
