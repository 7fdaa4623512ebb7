"""The life of an API key: created for a scope and role, shown once, used, listed, revoked."""

import uuid
from datetime import UTC, datetime, timedelta

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.api_keys.models import ApiKey
from grassroots.core.audit import AuditEvent
from grassroots.organizations.enums import Kind, Tier
from tests.builders import assert_problem, make_organization

KEYS = "/api/v1/api-keys"


async def test_a_key_is_shown_once_works_in_its_scope_and_stops_when_revoked(
    client: httpx.AsyncClient, anonymous: httpx.AsyncClient, session: AsyncSession
):
    county = await make_organization(session, kind=Kind.COMMITTEE, tier=Tier.COUNTY)
    town = await make_organization(session, parent=county, tier=Tier.TOWNSHIP)
    village = await make_organization(session, parent=town)
    created = await client.post(
        KEYS, json={"name": "网格系统", "organization_id": str(town.id), "role": "org_staff"}
    )
    assert created.status_code == 201, created.text
    key = created.json()
    secret = key["secret"]
    assert secret.startswith(key["prefix"]) and key["last_used_at"] is None
    stored = await session.scalar(select(ApiKey).where(ApiKey.id == uuid.UUID(key["id"])))
    assert stored is not None and secret not in stored.secret_hash

    listed = (await client.get(KEYS)).json()["items"]
    assert [k["prefix"] for k in listed] == [key["prefix"]]
    assert key["organization_name"] == listed[0]["organization_name"] == town.name
    assert secret not in str(listed) and "secret" not in listed[0]

    as_key = {"Authorization": f"Bearer {secret}"}
    assert (
        await anonymous.get(f"/api/v1/organizations/{village.id}", headers=as_key)
    ).status_code == 200
    assert_problem(await anonymous.get(f"/api/v1/organizations/{county.id}", headers=as_key), 404)
    assert (
        await anonymous.patch(
            f"/api/v1/organizations/{village.id}",
            headers=as_key,
            json={"description": "由网格系统同步"},
        )
    ).status_code == 200
    assert_problem(await anonymous.get("/api/v1/users", headers=as_key), 403, "forbidden")
    assert_problem(await anonymous.get(KEYS, headers=as_key), 403, "forbidden")

    await session.refresh(stored)
    assert stored.last_used_at is not None
    uses = list(
        await session.scalars(
            select(AuditEvent).where(
                AuditEvent.action == "api_key_use", AuditEvent.entity_id == key["id"]
            )
        )
    )
    assert len(uses) >= 2 and all(u.actor_type == "api_key" for u in uses)

    assert (await client.delete(f"{KEYS}/{key['id']}")).status_code == 204
    assert_problem(
        await anonymous.get(f"/api/v1/organizations/{village.id}", headers=as_key),
        401,
        "not_authenticated",
    )
    assert (await client.get(KEYS)).json()["items"][0]["revoked_at"] is not None


async def test_expired_forged_and_truncated_keys_are_refused(
    client: httpx.AsyncClient, anonymous: httpx.AsyncClient, session: AsyncSession
):
    town = await make_organization(session)
    soon = datetime.now(UTC) + timedelta(seconds=1)
    key = (
        await client.post(
            KEYS,
            json={
                "name": "临时",
                "organization_id": str(town.id),
                "role": "reviewer",
                "expires_at": soon.isoformat(),
            },
        )
    ).json()
    stored = await session.get(ApiKey, uuid.UUID(key["id"]))
    assert stored is not None
    stored.expires_at = datetime.now(UTC) - timedelta(seconds=1)
    await session.commit()
    for secret in (key["secret"], key["secret"][:-2] + "xx", key["prefix"], "grk_"):
        response = await anonymous.get(
            "/api/v1/organizations", headers={"Authorization": f"Bearer {secret}"}
        )
        assert_problem(response, 401, "not_authenticated")


async def test_keys_cannot_be_made_outside_scope_or_already_expired(
    client: httpx.AsyncClient, session: AsyncSession
):
    town = await make_organization(session)
    missing = "00000000-0000-4000-8000-000000000000"
    assert_problem(
        await client.post(KEYS, json={"name": "x", "organization_id": missing, "role": "admin"}),
        422,
        "organization_not_found",
    )
    past = (datetime.now(UTC) - timedelta(days=1)).isoformat()
    assert_problem(
        await client.post(
            KEYS,
            json={
                "name": "x",
                "organization_id": str(town.id),
                "role": "admin",
                "expires_at": past,
            },
        ),
        422,
        "api_key_expiry_passed",
    )
    assert_problem(
        await client.post(
            KEYS, json={"name": "x", "organization_id": str(town.id), "role": "king"}
        ),
        422,
        "validation_error",
    )
    assert (await client.get(KEYS)).json()["items"] == []
