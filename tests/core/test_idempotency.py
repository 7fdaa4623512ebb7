"""Idempotency keys belong to their caller and live for a day."""

import uuid
from datetime import timedelta

import httpx
from fastapi import FastAPI
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.core.db import utcnow
from grassroots.core.idempotency import LIFETIME, SWEEP_BATCH, IdempotencyRecord
from grassroots.volunteering.models import VolunteerActivity
from tests.builders import organization_body
from tests.world import build_world

ACTIVITIES = "/api/v1/volunteer-activities"


def _activity(organization_id: uuid.UUID, title: str = "清扫街巷") -> dict[str, object]:
    return {
        "organization_id": str(organization_id),
        "kind": "volunteer_service",
        "title": title,
        "starts_at": "2026-12-01T09:00:00+08:00",
        "ends_at": "2026-12-01T11:00:00+08:00",
    }


async def test_the_same_key_and_body_from_two_callers_are_two_requests(
    app: FastAPI, session: AsyncSession
):
    world = await build_world(session)
    body, key = _activity(world.village_a.id), {"Idempotency-Key": "shared-key-1"}
    created: dict[str, str] = {}
    for role in ("admin", "org_staff", "api_key"):
        async with world.client(app, role) as caller:
            first = await caller.post(ACTIVITIES, json=body, headers=key)
            assert first.status_code == 201, first.text
            assert "idempotent-replayed" not in first.headers
            created[role] = first.json()["id"]
            # The caller's own retry replays the caller's own response.
            again = await caller.post(ACTIVITIES, json=body, headers=key)
            assert again.headers["idempotent-replayed"] == "true"
            assert again.json()["id"] == created[role]
    assert len(set(created.values())) == 3
    count = select(func.count()).select_from(VolunteerActivity)
    assert await session.scalar(count) == 3


async def test_a_key_older_than_a_day_is_a_new_key(
    client: httpx.AsyncClient, session: AsyncSession
):
    key = {"Idempotency-Key": "yesterday"}
    first = await client.post("/api/v1/organizations", json=organization_body(), headers=key)
    assert first.status_code == 201
    await session.execute(
        update(IdempotencyRecord).values(created_at=utcnow() - LIFETIME - timedelta(minutes=1))
    )
    await session.commit()
    # Another body under the old key is a new request, not a reused key.
    second = await client.post("/api/v1/organizations", json=organization_body(), headers=key)
    assert second.status_code == 201, second.text
    assert "idempotent-replayed" not in second.headers
    assert second.json()["id"] != first.json()["id"]
    again = await client.post("/api/v1/organizations", json=organization_body(), headers=key)
    assert again.status_code == 422  # the fresh record now holds the key, for another body
    stored = list(await session.scalars(select(IdempotencyRecord)))
    assert len(stored) == 1 and stored[0].created_at > utcnow() - LIFETIME


async def test_storing_a_key_sweeps_expired_records_a_batch_at_a_time(
    client: httpx.AsyncClient, session: AsyncSession
):
    old = utcnow() - LIFETIME - timedelta(hours=1)
    for index in range(SWEEP_BATCH + 7):
        session.add(
            IdempotencyRecord(
                scope="POST /api/v1/organizations user:00000000-0000-0000-0000-000000000000",
                key=f"old-{index}",
                request_hash="0" * 64,
                status_code=201,
                response_body="{}",
                response_headers="{}",
                created_at=old,
            )
        )
    await session.commit()

    async def remaining() -> int:
        expired = IdempotencyRecord.created_at <= utcnow() - LIFETIME
        return (await session.scalar(select(func.count()).where(expired))) or 0

    # A POST without a key stores nothing and sweeps nothing.
    assert (await client.post("/api/v1/organizations", json=organization_body())).status_code == 201
    assert await remaining() == SWEEP_BATCH + 7
    for index, left in enumerate((7, 0)):
        response = await client.post(
            "/api/v1/organizations",
            json=organization_body(),
            headers={"Idempotency-Key": f"new-{index}"},
        )
        assert response.status_code == 201
        assert await remaining() == left
    fresh = select(func.count()).where(IdempotencyRecord.key.startswith("new-"))
    assert await session.scalar(fresh) == 2
