"""Keyset pagination through a large tree while it changes."""

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.organizations.enums import Kind, Tier
from tests.builders import assert_problem, make_organization

API = "/api/v1/organizations"


async def _build_tree(session: AsyncSession, size: int) -> set[str]:
    """A county with townships and villages: `size` organizations in all."""
    county = await make_organization(session, kind=Kind.COMMITTEE, tier=Tier.COUNTY, commit=False)
    ids, towns = {str(county.id)}, []
    for _ in range(19):
        town = await make_organization(
            session, parent=county, kind=Kind.COMMITTEE, tier=Tier.TOWNSHIP, commit=False
        )
        towns.append(town)
        ids.add(str(town.id))
    index = 0
    while len(ids) < size:
        village = await make_organization(session, parent=towns[index % len(towns)], commit=False)
        ids.add(str(village.id))
        index += 1
    await session.commit()
    return ids


async def test_paging_a_thousand_organizations_while_rows_are_inserted(
    client: httpx.AsyncClient, session: AsyncSession
):
    existing = await _build_tree(session, 1000)
    seen: list[str] = []
    cursor: str | None = None
    pages = 0
    while True:
        params: dict[str, str | int] = {"limit": 37}
        if cursor:
            params["cursor"] = cursor
        body = (await client.get(API, params=params)).json()
        seen.extend(item["id"] for item in body["items"])
        pages += 1
        # Rows inserted between pages, sorting before, among and after what is left.
        for code in (f"A{pages:04d}", f"T{pages:04d}5", f"Z{pages:04d}"):
            await make_organization(session, code=code)
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == len(set(seen)), "an organization appeared twice"
    assert existing <= set(seen), "an organization that existed throughout was skipped"
    assert pages >= 1000 // 37


async def test_total_is_counted_only_when_asked(client: httpx.AsyncClient, session: AsyncSession):
    for _ in range(3):
        await make_organization(session)
    assert (await client.get(API, params={"limit": 2})).json()["total"] is None
    body = (await client.get(API, params={"limit": 2, "include_total": "true"})).json()
    assert body["total"] == 3 and len(body["items"]) == 2


@pytest.mark.parametrize("cursor", ["zzz", "W10", "WyJhIl0", "eyJhIjoxfQ", "!!!", "WyJhIiwiYiJd"])
async def test_a_malformed_cursor_is_a_problem(client: httpx.AsyncClient, cursor: str):
    assert_problem(await client.get(API, params={"cursor": cursor}), 400, "invalid_cursor")


@pytest.mark.parametrize("limit", ["0", "201", "1000000000", "-1", "ten"])
async def test_limits_out_of_range_are_refused(client: httpx.AsyncClient, limit: str):
    assert_problem(await client.get(API, params={"limit": limit}), 422, "validation_error")
