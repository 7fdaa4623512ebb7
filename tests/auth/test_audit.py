"""The audit trail: every write, login and refusal, with who, what, when and from where."""

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.core.audit import AuditEvent, AuditRecordsAreFinal
from grassroots.core.security import Role
from tests.builders import (
    assert_problem,
    bearer,
    make_organization,
    make_user,
    organization_body,
)
from tests.routes import api_routes
from tests.world import build_world

AUDIT = "/api/v1/audit-events"


async def _events(session: AsyncSession, **where: object) -> list[AuditEvent]:
    statement = select(AuditEvent).order_by(AuditEvent.occurred_at)
    for name, value in where.items():
        statement = statement.where(getattr(AuditEvent, name) == value)
    return list(await session.scalars(statement))


async def test_writes_are_recorded_with_their_changes(
    client: httpx.AsyncClient, session: AsyncSession
):
    created = (
        await client.post(
            API := "/api/v1/organizations",
            json=organization_body(name="东街社区党支部"),
            headers={"X-Request-ID": "write-1"},
        )
    ).json()
    await client.patch(f"{API}/{created['id']}", json={"name": "东街社区党总支"})
    await client.delete(f"{API}/{created['id']}")
    events = await _events(session, entity_id=created["id"])
    assert [e.action for e in events] == ["create", "update", "delete"]
    create, update, delete = events
    assert create.changes is not None and create.changes["name"]["new"] == "东街社区党支部"
    assert create.request_id == "write-1" and create.client_address
    assert create.actor_type == "user" and create.actor_label == "root"
    assert update.changes == {"name": {"old": "东街社区党支部", "new": "东街社区党总支"}}
    assert delete.changes is not None and delete.changes["name"]["old"] == "东街社区党总支"
    assert all(e.organization_id is not None and e.occurred_at.tzinfo for e in events)


async def test_personal_data_and_secrets_are_kept_out_of_the_trail(
    client: httpx.AsyncClient, session: AsyncSession
):
    town = await make_organization(session)
    user = (
        await client.post(
            "/api/v1/users",
            json={
                "username": "lihua",
                "display_name": "李华",
                "password": "绿水青山就是金山银山",
                "phone": "13812341234",
                "organization_id": str(town.id),
            },
        )
    ).json()
    [create] = await _events(session, entity_type="user", entity_id=user["id"])
    assert create.changes is not None
    assert create.changes["phone"]["new"] == "138****1234"
    assert "password_hash" not in create.changes and "password" not in create.changes
    text = str([e.changes for e in await _events(session)])
    assert "13812341234" not in text and "绿水青山" not in text and "argon2" not in text


async def test_refusals_are_recorded_even_though_nothing_changes(
    app: FastAPI, session: AsyncSession
):
    world = await build_world(session)
    async with world.client(app, "org_staff") as staff:
        assert_problem(await staff.get(f"/api/v1/organizations/{world.village_b.id}"), 404)
        assert_problem(
            await staff.patch(f"/api/v1/organizations/{world.village_b.id}", json={"name": "篡改"}),
            404,
        )
    async with world.client(app, "reviewer") as reviewer:
        assert_problem(await reviewer.get("/api/v1/users"), 403)
    denied = await _events(session, outcome="denied")
    assert {(e.actor_label, e.entity_type) for e in denied} >= {
        ("caller-org_staff", "organization"),
        ("caller-reviewer", "permission"),
    }
    assert any(e.entity_id == str(world.village_b.id) for e in denied)
    await session.refresh(world.village_b)
    assert world.village_b.name == "乙村党支部"


async def test_admins_read_the_trail_of_their_scope_only(app: FastAPI, session: AsyncSession):
    world = await build_world(session)
    async with world.client(app, "admin") as root_of_a:
        await root_of_a.patch(
            f"/api/v1/organizations/{world.village_a.id}", json={"description": "甲"}
        )
    bystander = await make_user(session, organization=world.county, role=Role.ADMIN)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://testserver", headers=bearer(bystander)
    ) as county_admin:
        await county_admin.patch(
            f"/api/v1/organizations/{world.village_b.id}", json={"description": "乙"}
        )
        everything = (await county_admin.get(AUDIT, params={"limit": 200})).json()["items"]
        assert {str(world.village_a.id), str(world.village_b.id)} <= {
            e["entity_id"] for e in everything
        }
        only_b = (await county_admin.get(AUDIT, params={"within": str(world.town_b.id)})).json()[
            "items"
        ]
        assert only_b and all(
            e["organization_id"]
            in {str(world.town_b.id), str(world.village_b.id), str(world.key_b.organization_id)}
            for e in only_b
        )
    async with world.client(app, "admin") as admin_a:
        mine = (await admin_a.get(AUDIT, params={"limit": 200})).json()["items"]
        assert mine and not {e["entity_id"] for e in mine} & world.out_of_scope_ids()
        by_entity = (
            await admin_a.get(
                AUDIT, params={"entity_type": "organization", "entity_id": str(world.village_a.id)}
            )
        ).json()
        assert [e["action"] for e in by_entity["items"]] == ["update", "create"]
        assert_problem(await admin_a.get(AUDIT, params={"within": str(world.town_b.id)}), 404)
        assert_problem(await admin_a.get(AUDIT, params={"since": "yesterday"}), 422)
    async with world.client(app, "org_staff") as staff:
        assert_problem(await staff.get(AUDIT), 403, "forbidden")


async def test_the_trail_cannot_be_changed(app: FastAPI, session: AsyncSession):
    await make_organization(session)
    writable = [(m, p) for m, p, _ in api_routes(app) if p.startswith(AUDIT) and m != "GET"]
    assert writable == []
    [event] = await _events(session)
    event.action = "forged"
    with pytest.raises(AuditRecordsAreFinal):
        await session.flush()
    await session.rollback()
    await session.delete(event)
    with pytest.raises(AuditRecordsAreFinal):
        await session.flush()


async def test_a_request_without_credentials_is_not_a_recorded_refusal(
    anonymous: httpx.AsyncClient, session: AsyncSession
):
    # What the login page does before anyone signs in: ask who is signed in.
    assert_problem(await anonymous.get("/api/v1/me"), 401, "not_authenticated")
    assert_problem(await anonymous.get("/api/v1/organizations"), 401, "not_authenticated")
    assert await _events(session) == []
    # A credential that is presented and refused is still recorded.
    assert_problem(
        await anonymous.get("/api/v1/me", headers={"Authorization": "Bearer forged"}), 401
    )
    refused = await _events(session)
    assert [(e.action, e.outcome, e.changes) for e in refused] == [
        ("authenticate", "denied", {"reason": "invalid token"})
    ]
