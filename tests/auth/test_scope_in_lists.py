"""No list, filter, search or count shows anything outside the caller's scope."""

import json
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from tests.builders import make_grid, make_team, make_unit
from tests.world import ROLES, build_world


@pytest.mark.parametrize("role", ROLES)
async def test_lists_searches_and_counts_stay_in_scope(
    app: FastAPI, session: AsyncSession, role: str
):
    world = await build_world(session)
    hidden = world.out_of_scope_ids()
    grid_b = await make_grid(session, organization=world.village_b, code="B-GRID")
    await make_team(session, grid=grid_b, leader=world.member_b)
    await make_unit(session, organization=world.village_b, name="乙村企业")
    hidden.add(str(grid_b.id))
    async with world.client(app, role) as client:
        requests = [
            ("/api/v1/organizations", {"limit": 200}),
            ("/api/v1/organizations", {"q": "乙", "limit": 200}),
            ("/api/v1/organizations", {"q": "党", "include_total": "true", "limit": 200}),
            ("/api/v1/organizations", {"tier": "township", "limit": 200}),
            ("/api/v1/organizations", {"within": str(world.town_a.id), "limit": 200}),
            (f"/api/v1/organizations/{world.village_a.id}/ancestors", {}),
            (f"/api/v1/organizations/{world.town_a.id}/children", {}),
            ("/api/v1/users", {"limit": 200}),
            ("/api/v1/api-keys", {"limit": 200}),
            ("/api/v1/audit-events", {"limit": 200}),
            ("/api/v1/me", {}),
            ("/api/v1/grids", {"limit": 200}),
            ("/api/v1/grids", {"q": "B", "include_total": "true"}),
            ("/api/v1/grid-teams", {"limit": 200}),
            ("/api/v1/units", {"limit": 200}),
            ("/api/v1/grid-coverage", {}),
        ]
        for path, params in requests:
            response = await client.get(path, params=params)
            assert response.status_code in (200, 403), response.text
            shown = _without_recorded_changes(response.json())
            assert not any(hidden_id in shown for hidden_id in hidden), (path, params)
            assert "乙村" not in shown and "乙镇" not in shown
        organizations = (
            await client.get("/api/v1/organizations", params={"include_total": "true"})
        ).json()
        assert organizations["total"] == 2
        stats = (await client.get(f"/api/v1/organizations/{world.town_a.id}/stats")).json()
        assert stats["total"] == 2
        for path in (
            f"/api/v1/organizations/{world.town_b.id}/stats",
            f"/api/v1/organizations/{world.county.id}/stats",
        ):
            assert (await client.get(path)).status_code == 404
        within_b = {"within": str(world.town_b.id)}
        assert (await client.get("/api/v1/organizations", params=within_b)).status_code == 404


def _without_recorded_changes(body: Any) -> str:
    """The body as text, leaving out what audit events record as changed: an in-scope
    organization's trail faithfully keeps the parent it was created under."""
    if isinstance(body, dict) and isinstance(body.get("items"), list):
        body = {
            **body,
            "items": [{k: v for k, v in item.items() if k != "changes"} for item in body["items"]],
        }
    return json.dumps(body, ensure_ascii=False)


async def test_the_public_enumerations_need_no_account(anonymous: httpx.AsyncClient):
    response = await anonymous.get("/api/v1/meta/enums")
    assert response.status_code == 200
    assert [r["value"] for r in response.json()["user_role"]] == [
        "admin",
        "reviewer",
        "org_staff",
        "member",
    ]
