"""A process remembers signed-in callers only while it hears every change that could alter
one, and forgets them all on such a change, in this process at once and in the others by
PostgreSQL's NOTIFY; what the next request sees is never older than the change."""

import asyncio
import sqlite3
import time
import uuid
from collections.abc import AsyncIterator, Callable

import asyncpg
import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select, update
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.auth.models import RefreshToken
from grassroots.auth.principals import CHANNEL, ORIGIN, PrincipalCache, _heard, listening
from grassroots.core.security import Principal, Role
from grassroots.main import create_app
from grassroots.organizations.enums import Kind, Tier
from grassroots.users.models import Grant, User
from tests.builders import assert_problem, bearer, make_organization, make_user, settings_for_tests
from tests.databases import only_on_postgresql, only_on_sqlite
from tests.statements import counting_statements

ME = "/api/v1/me"


def plain_url(database_url: str) -> str:
    return database_url.replace("postgresql+asyncpg://", "postgresql://")


async def until(condition: Callable[[], bool], seconds: float = 3.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        await asyncio.sleep(0.01)


@pytest.fixture
async def other_process(database_url: str) -> AsyncIterator[FastAPI]:
    """A second app on the same database, started as another server process would be."""
    other = create_app(settings_for_tests(database_url))
    async with other.router.lifespan_context(other):
        yield other


def client_of(app: FastAPI, headers: dict[str, str]) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    return httpx.AsyncClient(transport=transport, base_url="http://testserver", headers=headers)


def test_a_principal_loaded_while_something_changed_is_not_remembered():
    cache = PrincipalCache(seconds=5)
    cache.listening = True
    key = (uuid.uuid4(), uuid.uuid4())
    principal = Principal(kind="user", id=key[0], label="x")
    loaded_in = cache.generation
    cache.forget()  # a change arrived while the caller was being loaded
    cache.put(key, principal, loaded_in)
    assert cache.get(key) is None
    cache.put(key, principal, cache.generation)
    assert cache.get(key) == principal
    cache.listening = False
    assert cache.get(key) is None  # not heard, not trusted


def test_only_another_process_notification_makes_this_one_forget():
    """This process forgot at its own commit; its notification coming back must not throw away
    what it loaded since."""
    cache = PrincipalCache(seconds=5)
    before = cache.generation
    _heard(cache, ORIGIN)
    assert cache.generation == before
    _heard(cache, "another process")
    assert cache.generation == before + 1


@only_on_sqlite
async def test_on_sqlite_a_commit_by_any_other_connection_is_seen_at_the_next_request(
    app: FastAPI, database_url: str, anonymous: httpx.AsyncClient, session: AsyncSession
):
    """SQLite announces nothing: each use asks whether anyone committed since (a change by
    hand included), with no waiting and no time window."""
    cache: PrincipalCache = app.state.principals
    assert cache.listening
    county = await make_organization(session, tier=Tier.COUNTY, kind=Kind.COMMITTEE)
    user = await make_user(session, organization=county, role=Role.ADMIN)
    path = f"/api/v1/organizations/{county.id}"
    assert (await anonymous.get(path, headers=bearer(user))).status_code == 200
    assert (await anonymous.get(path, headers=bearer(user))).status_code == 200  # remembered
    by_hand = sqlite3.connect(make_url(database_url).database or "")
    try:
        by_hand.execute('DELETE FROM "grant" WHERE user_id = ?', (user.id.hex,))
        by_hand.commit()
    finally:
        by_hand.close()
    assert (await anonymous.get(path, headers=bearer(user))).status_code == 403


async def test_nothing_is_remembered_on_an_in_memory_database():
    cache = PrincipalCache(seconds=5)
    async with listening(cache, "sqlite+aiosqlite:///:memory:"):
        assert not cache.listening


async def test_a_remembered_caller_costs_no_statement(
    app: FastAPI, anonymous: httpx.AsyncClient, session: AsyncSession
):
    await until(lambda: app.state.principals.listening)
    headers = bearer(await make_user(session))
    with counting_statements(app.state.engine) as first:
        assert (await anonymous.get(ME, headers=headers)).status_code == 200
    with counting_statements(app.state.engine) as again:
        assert (await anonymous.get(ME, headers=headers)).status_code == 200
    assert len(again.statements) == len(first.statements) - 1


async def test_disabling_a_user_in_one_process_refuses_their_next_request_in_another(
    app: FastAPI, other_process: FastAPI, client: httpx.AsyncClient, session: AsyncSession
):
    await until(lambda: other_process.state.principals.listening)
    user = await make_user(session)
    async with client_of(other_process, bearer(user)) as elsewhere:
        assert (await elsewhere.get(ME)).status_code == 200  # now remembered over there
        version = (await client.get(f"/api/v1/users/{user.id}")).json()["version"]
        disabled = await client.patch(
            f"/api/v1/users/{user.id}",
            json={"is_active": False},
            headers={"If-Match": f'"{version}"'},
        )
        assert disabled.status_code == 200
        assert_problem(await elsewhere.get(ME), 401, "not_authenticated")


@only_on_postgresql
async def test_a_change_committed_by_another_process_is_heard(
    app: FastAPI, database_url: str, anonymous: httpx.AsyncClient, session: AsyncSession
):
    """Another process (here a bare connection) revokes a grant and notifies: this process
    forgets what it remembered, and the next request has lost the grant."""
    cache: PrincipalCache = app.state.principals
    await until(lambda: cache.listening)
    county = await make_organization(session, tier=Tier.COUNTY, kind=Kind.COMMITTEE)
    user = await make_user(session, organization=county, role=Role.ADMIN)
    path = f"/api/v1/organizations/{county.id}"
    assert (await anonymous.get(path, headers=bearer(user))).status_code == 200
    generation = cache.generation
    connection = await asyncpg.connect(plain_url(database_url))
    try:
        async with connection.transaction():
            await connection.execute('DELETE FROM "grant" WHERE user_id = $1', user.id)
            await connection.execute(f"NOTIFY {CHANNEL}")
    finally:
        await connection.close()
    await until(lambda: cache.generation > generation)
    assert (await anonymous.get(path, headers=bearer(user))).status_code == 403


@only_on_postgresql
async def test_changes_to_callers_notify_and_other_changes_do_not(
    app: FastAPI, database_url: str, session: AsyncSession
):
    heard: list[str] = []
    listener = await asyncpg.connect(plain_url(database_url))
    await listener.add_listener(CHANNEL, lambda *args: heard.append(args[2]))
    try:
        county = await make_organization(session, tier=Tier.COUNTY, kind=Kind.COMMITTEE)
        user = await make_user(session)
        user_id = user.id
        await asyncio.sleep(0.2)
        assert heard == []  # a new account, session or organization alters no one remembered

        session.add(Grant(user_id=user.id, organization_id=county.id, role=Role.ORG_STAFF))
        await session.commit()
        await until(lambda: len(heard) == 1)

        county.name = "another name"
        await session.commit()
        await asyncio.sleep(0.2)
        assert len(heard) == 1  # a renamed organization alters no caller

        grant = await session.scalar(select(Grant).where(Grant.user_id == user.id))
        assert grant is not None
        await session.delete(grant)
        await session.flush()
        await session.rollback()
        await asyncio.sleep(0.2)
        assert len(heard) == 1  # rolled back: nothing to hear

        await session.execute(
            update(RefreshToken).where(RefreshToken.user_id == user_id).values(revoked_at=None)
        )
        await session.commit()
        await until(lambda: len(heard) == 2)  # sessions revoked (or restored)

        account = await session.get(User, user_id)
        assert account is not None
        account.is_active = False
        await session.commit()
        await until(lambda: len(heard) == 3)
    finally:
        await listener.close()


@only_on_postgresql
async def test_losing_the_listener_stops_remembering_at_once(
    app: FastAPI, database_url: str, anonymous: httpx.AsyncClient, session: AsyncSession
):
    cache: PrincipalCache = app.state.principals
    await until(lambda: cache.listening)
    headers = bearer(await make_user(session))
    assert (await anonymous.get(ME, headers=headers)).status_code == 200
    connection = await asyncpg.connect(plain_url(database_url))
    try:
        await connection.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE query LIKE $1 AND pid <> pg_backend_pid()",
            f"LISTEN%{CHANNEL}%",
        )
        await until(lambda: not cache.listening)
        with counting_statements(app.state.engine) as count:
            assert (await anonymous.get(ME, headers=headers)).status_code == 200
        assert any("user_account" in statement for statement in count.statements)
        await until(lambda: cache.listening)  # and it listens again by itself
    finally:
        await connection.close()
