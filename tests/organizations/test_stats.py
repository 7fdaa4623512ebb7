"""Subtree statistics: equal to an independent count, in a constant number of statements."""

import random
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
from fastapi import FastAPI
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.organizations.enums import Domain, Flag, Kind, Tier
from grassroots.organizations.models import Organization
from tests.builders import make_organization

API = "/api/v1/organizations"


async def _random_tree(session: AsyncSession, size: int, seed: int) -> list[Organization]:
    rng = random.Random(seed)
    organizations = [await make_organization(session, commit=False)]
    for _ in range(size - 1):
        organizations.append(
            await make_organization(
                session,
                parent=rng.choice(organizations),
                commit=False,
                kind=rng.choice(list(Kind)),
                tier=rng.choice(list(Tier)),
                domain=rng.choice(list(Domain)),
                flags=[flag for flag in Flag if rng.random() < 0.2],
            )
        )
    await session.commit()
    return organizations


def _independent_count(organizations: list[Organization], root: Organization) -> dict[str, object]:
    by_id = {o.id: o for o in organizations}

    def under_root(organization: Organization) -> bool:
        while organization is not None:
            if organization.id == root.id:
                return True
            organization = by_id.get(organization.parent_id)  # type: ignore[arg-type, assignment]
        return False

    subtree = [o for o in organizations if under_root(o)]
    flag_counts = Counter(flag.value for o in subtree for flag in o.flags)
    return {
        "total": len(subtree),
        "by_domain": {d.value: sum(o.domain == d for o in subtree) for d in Domain},
        "by_kind": {k.value: sum(o.kind == k for o in subtree) for k in Kind},
        "by_tier": {t.value: sum(o.tier == t for o in subtree) for t in Tier},
        "by_flag": {f.value: flag_counts[f.value] for f in Flag},
    }


@contextmanager
def count_statements(app: FastAPI) -> Iterator[list[str]]:
    statements: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    engine = app.state.engine.sync_engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


async def test_stats_equal_an_independent_count(client: httpx.AsyncClient, session: AsyncSession):
    organizations = await _random_tree(session, 150, seed=7)
    rng = random.Random(3)
    for root in [organizations[0], *rng.sample(organizations, 10)]:
        stats = (await client.get(f"{API}/{root.id}/stats")).json()
        expected = _independent_count(organizations, root)
        assert {key: stats[key] for key in expected} == expected
        assert stats["organization_id"] == str(root.id)


async def test_stats_take_the_same_statements_whatever_the_size(
    app: FastAPI, client: httpx.AsyncClient, session: AsyncSession
):
    small = await _random_tree(session, 3, seed=1)
    large = await _random_tree(session, 300, seed=2)
    await client.get("/api/v1/me")  # on PostgreSQL the caller is remembered from here on
    with count_statements(app) as small_statements:
        await client.get(f"{API}/{small[0].id}/stats")
    with count_statements(app) as large_statements:
        await client.get(f"{API}/{large[0].id}/stats")
    # The caller and their grants, the organization, one statement counting organizations
    # and two counting leadership positions.
    assert len(small_statements) == len(large_statements) <= 6
