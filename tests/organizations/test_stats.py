"""Subtree statistics: equal to an independent count, in a constant number of statements."""

import random
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

import httpx
from fastapi import FastAPI
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.core.localtime import local_today
from grassroots.members.enums import Position
from grassroots.members.models import MemberPosition
from grassroots.organizations.enums import Domain, Flag, Kind, Tier
from grassroots.organizations.models import Organization
from tests.builders import make_member, make_organization

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


def subtree_of(organizations: list[Organization], root: Organization) -> list[Organization]:
    """The root and everything below it, found by walking up the parents."""
    by_id = {o.id: o for o in organizations}

    def under_root(organization: Organization) -> bool:
        while organization is not None:
            if organization.id == root.id:
                return True
            organization = by_id.get(organization.parent_id)  # type: ignore[arg-type, assignment]
        return False

    return [o for o in organizations if under_root(o)]


def _independent_count(organizations: list[Organization], root: Organization) -> dict[str, object]:
    subtree = subtree_of(organizations, root)
    flag_counts = Counter(flag.value for o in subtree for flag in o.flags)
    return {
        "total": len(subtree),
        "by_domain": {d.value: sum(o.domain == d for o in subtree) for d in Domain},
        "by_kind": {k.value: sum(o.kind == k for o in subtree) for k in Kind},
        "by_tier": {t.value: sum(o.tier == t for o in subtree) for t in Tier},
        "by_flag": {f.value: flag_counts[f.value] for f in Flag},
    }


async def _random_positions(
    session: AsyncSession, organizations: list[Organization], seed: int
) -> list[MemberPosition]:
    """Positions of every kind held in random organizations: open, ended before today, ending
    today (still in office) and ending later; some organizations hold two of one kind."""
    rng = random.Random(seed)
    today = local_today()
    endings = [None, today - timedelta(days=1), today, today + timedelta(days=30)]
    positions = []
    for organization in rng.sample(organizations, len(organizations) // 2):
        member = await make_member(session, organization=organization, commit=False)
        for _ in range(rng.choice((1, 1, 2, 3))):
            positions.append(
                MemberPosition(
                    id=uuid.uuid4(),
                    member_id=member.id,
                    organization_id=organization.id,
                    position=rng.choice([Position.SECRETARY, Position.FIRST_SECRETARY, *Position]),
                    ended_on=rng.choice(endings),
                )
            )
    session.add_all(positions)
    await session.commit()
    return positions


def _independent_leadership(
    subtree: list[Organization], positions: list[MemberPosition]
) -> dict[str, int]:
    ids = {o.id for o in subtree}
    serving = [
        p
        for p in positions
        if p.organization_id in ids and (p.ended_on is None or p.ended_on >= local_today())
    ]
    with_secretary = {p.organization_id for p in serving if p.position == Position.SECRETARY}
    led = [o for o in subtree if o.kind in set(Kind)]
    return {
        "secretaries_in_place": sum(o.id in with_secretary for o in led),
        "secretary_vacancies": sum(o.id not in with_secretary for o in led),
        "first_secretaries": sum(p.position == Position.FIRST_SECRETARY for p in serving),
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


async def test_leadership_counts_equal_an_independent_count(
    client: httpx.AsyncClient, session: AsyncSession
):
    organizations = await _random_tree(session, 80, seed=11)
    positions = await _random_positions(session, organizations, seed=5)
    assert all(_independent_leadership(organizations, positions).values()), "data exercises all"
    rng = random.Random(4)
    for root in [organizations[0], *rng.sample(organizations, 12)]:
        stats = (await client.get(f"{API}/{root.id}/stats")).json()
        expected = _independent_leadership(subtree_of(organizations, root), positions)
        assert {key: stats[key] for key in expected} == expected
        vacant = await client.get(
            API, params={"within": str(root.id), "secretary_vacant": "true", "limit": 200}
        )
        assert len(vacant.json()["items"]) == expected["secretary_vacancies"]


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
    # The caller and their grants, the organization, and one statement counting the subtree's
    # organizations with their leaders.
    assert len(small_statements) == len(large_statements) <= 3
