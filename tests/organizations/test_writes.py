"""Writes that lose nothing: If-Match, Idempotency-Key, and bad input that changes nothing."""

import asyncio
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.organizations.models import Organization
from tests.builders import assert_problem, make_organization, organization_body

API = "/api/v1/organizations"
MISSING = "00000000-0000-4000-8000-000000000000"


async def _count(session: AsyncSession) -> int:
    return (await session.execute(select(func.count()).select_from(Organization))).scalar_one()


async def test_a_stale_if_match_is_refused_on_every_write(
    client: httpx.AsyncClient, session: AsyncSession
):
    county = await make_organization(session)
    village = await make_organization(session, parent=county)
    first = await client.patch(
        f"{API}/{village.id}", json={"name": "甲村党支部"}, headers={"If-Match": '"1"'}
    )
    assert first.status_code == 200 and first.headers["etag"] == '"2"'

    stale = {"If-Match": '"1"'}
    problem = assert_problem(
        await client.patch(f"{API}/{village.id}", json={"name": "乙"}, headers=stale),
        412,
        "precondition_failed",
    )
    assert problem["current_version"] == 2
    assert_problem(await client.delete(f"{API}/{village.id}", headers=stale), 412)
    assert_problem(
        await client.post(f"{API}/{village.id}/move", json={"parent_id": None}, headers=stale), 412
    )
    current = (await client.get(f"{API}/{village.id}")).json()
    assert current["name"] == "甲村党支部" and current["parent_id"] == str(county.id)

    assert (
        await client.patch(
            f"{API}/{village.id}", json={"name": "乙村党支部"}, headers={"If-Match": 'W/"2"'}
        )
    ).status_code == 200
    assert (
        await client.delete(f"{API}/{village.id}", headers={"If-Match": '"3"'})
    ).status_code == 204


async def test_a_retried_post_replays_the_first_response(
    client: httpx.AsyncClient, session: AsyncSession
):
    body = organization_body()
    headers = {"Idempotency-Key": "mobile-7f3a"}
    first = await client.post(API, json=body, headers=headers)
    again = await client.post(API, json=body, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["location"] == first.headers["location"]
    assert again.headers["idempotent-replayed"] == "true"
    assert await _count(session) == 1


async def test_the_same_key_with_another_body_is_refused(
    client: httpx.AsyncClient, session: AsyncSession
):
    headers = {"Idempotency-Key": "k-1"}
    assert (await client.post(API, json=organization_body(), headers=headers)).status_code == 201
    other = await client.post(API, json=organization_body(name="另一个"), headers=headers)
    assert_problem(other, 422, "idempotency_key_reused")
    assert await _count(session) == 1


async def test_concurrent_retries_create_one_organization(
    client: httpx.AsyncClient, session: AsyncSession
):
    body, headers = organization_body(), {"Idempotency-Key": "burst"}
    responses = await asyncio.gather(
        *(client.post(API, json=body, headers=headers) for _ in range(5))
    )
    statuses = sorted(response.status_code for response in responses)
    assert set(statuses) <= {201, 409} and 201 in statuses
    created = {r.json()["id"] for r in responses if r.status_code == 201}
    assert len(created) == 1
    assert await _count(session) == 1


async def test_a_failed_post_does_not_burn_its_key(
    client: httpx.AsyncClient, session: AsyncSession
):
    headers = {"Idempotency-Key": "k-2"}
    bad = organization_body(parent_id=MISSING)
    assert_problem(await client.post(API, json=bad, headers=headers), 422)
    good = await client.post(API, json=organization_body(), headers=headers)
    assert good.status_code == 201


BAD_BODIES: list[tuple[str, dict[str, Any]]] = [
    ("unknown enum value", organization_body(domain="martian")),
    ("unknown flag", organization_body(flags=["rich"])),
    ("missing parent", organization_body(parent_id=MISSING)),
    ("NUL byte", organization_body(name="党支部\x00")),
    ("10,000-character name", organization_body(name="党" * 10_000)),
    ("empty name", organization_body(name="   ")),
    ("bad code", organization_body(code="有 空格")),
    ("negative funds", organization_body(annual_funds=-1)),
    ("fraction of a fen", organization_body(annual_funds=1.001)),
    ("future founding", organization_body(founded_on="2999-01-01")),
    ("unknown field", organization_body(secret="x")),
    ("server-kept field", organization_body(version=5)),
    ("wrong type", organization_body(flags="weak_and_lax")),
]


@pytest.mark.parametrize(("case", "body"), BAD_BODIES, ids=[case for case, _ in BAD_BODIES])
async def test_bad_bodies_are_refused_and_change_nothing(
    client: httpx.AsyncClient, session: AsyncSession, case: str, body: dict[str, Any]
):
    response = await client.post(API, json=body)
    assert 400 <= response.status_code < 500
    assert_problem(response, response.status_code)
    assert await _count(session) == 0


@pytest.mark.parametrize("content", [b"not json", b"{", b"[]", b'"text"', b"", b"\xff\xfe"])
async def test_a_body_that_is_not_a_json_object_is_refused(
    client: httpx.AsyncClient, session: AsyncSession, content: bytes
):
    response = await client.post(API, content=content, headers={"Content-Type": "application/json"})
    assert_problem(response, 422, "validation_error")
    assert await _count(session) == 0


async def test_bad_patches_change_nothing(client: httpx.AsyncClient, session: AsyncSession):
    village = await make_organization(session, name="原名党支部")
    for body in ({"name": "\x00"}, {"tier": "planet"}, {"name": "长" * 201}, {"code": ""}):
        assert_problem(await client.patch(f"{API}/{village.id}", json=body), 422)
    await session.refresh(village)
    assert village.name == "原名党支部" and village.version == 1


async def test_ids_that_are_not_uuids_or_do_not_exist(client: httpx.AsyncClient):
    assert_problem(await client.get(f"{API}/42"), 422, "validation_error")
    assert_problem(await client.get(f"{API}/{MISSING}"), 404, "organization_not_found")
    for path in ("", "/children", "/ancestors", "/stats"):
        assert_problem(await client.get(f"{API}/{MISSING}{path}"), 404, "organization_not_found")
    assert_problem(await client.patch(f"{API}/{MISSING}", json={}), 404)
    assert_problem(await client.delete(f"{API}/{MISSING}"), 404)


async def test_unknown_routes_and_methods_are_problems(client: httpx.AsyncClient):
    assert_problem(await client.get("/api/v1/nothing-here"), 404, "not_found")
    assert_problem(await client.put(API), 405, "method_not_allowed")
