"""Failed logins are throttled per account and per client address, in state every server
process shares: the database, or Redis when REDIS_URL is set."""

import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from redis.asyncio import Redis
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.auth.models import LoginThrottle
from grassroots.auth.throttle import (
    ACCOUNT_ADDRESS_LIMIT,
    ACCOUNT_LIMIT,
    ADDRESS_LIMIT,
    DatabaseThrottle,
    RedisThrottle,
)
from grassroots.core.audit import AuditEvent
from grassroots.main import create_app
from tests.builders import TEST_PASSWORD, assert_problem, make_user, settings_for_tests

REDIS_URL = "redis://127.0.0.1:6379/15"


@pytest.fixture(params=["database", "redis"])
async def throttled_app(request: pytest.FixtureRequest, app: FastAPI) -> AsyncIterator[FastAPI]:
    """The app with each throttle backend in turn."""
    original = app.state.throttle
    # Counters of this test only: test runs sharing the Redis server leave each other alone.
    namespace = f"test-{uuid.uuid4().hex}:login-throttle"
    if request.param == "redis":
        client = Redis.from_url(REDIS_URL)
        app.state.throttle = RedisThrottle(client, namespace=namespace)
    else:
        app.state.throttle = DatabaseThrottle()
    yield app
    if request.param == "redis":
        async for key in client.scan_iter(match=f"{namespace}:*"):
            await client.delete(key)
        await client.aclose()
    app.state.throttle = original


def _client(app: FastAPI, address: str) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False, client=(address, 4000))
    return httpx.AsyncClient(transport=transport, base_url="http://testserver")


async def _login(client: httpx.AsyncClient, username: str, password: str) -> httpx.Response:
    return await client.post(
        "/api/v1/auth/token", data={"username": username, "password": password}
    )


async def test_an_account_is_locked_from_an_address_after_repeated_failures(
    throttled_app: FastAPI, session: AsyncSession
):
    await make_user(session, username="target", password=TEST_PASSWORD)
    async with _client(throttled_app, "10.0.0.1") as attacker:
        for _ in range(ACCOUNT_ADDRESS_LIMIT):
            assert_problem(await _login(attacker, "target", "guess"), 401, "invalid_credentials")
        blocked = await _login(attacker, "TARGET", TEST_PASSWORD)
    assert_problem(blocked, 429, "too_many_attempts")
    assert 0 < int(blocked.headers["retry-after"]) <= 15 * 60
    failures = await session.scalars(select(AuditEvent).where(AuditEvent.action == "login"))
    outcomes = [event.outcome for event in failures]
    assert outcomes.count("failure") == ACCOUNT_ADDRESS_LIMIT and "throttled" in outcomes


async def test_a_failure_storm_from_one_address_does_not_lock_the_owner_out_elsewhere(
    throttled_app: FastAPI, session: AsyncSession
):
    await make_user(session, username="target", password=TEST_PASSWORD)
    async with _client(throttled_app, "10.0.0.1") as attacker:
        for _ in range(ACCOUNT_ADDRESS_LIMIT * 3):
            await _login(attacker, "target", "guess")
        assert_problem(await _login(attacker, "target", TEST_PASSWORD), 429, "too_many_attempts")
    async with _client(throttled_app, "10.0.0.2") as owner:
        assert (await _login(owner, "target", TEST_PASSWORD)).status_code == 200


async def test_failures_of_an_account_from_many_addresses_lock_it_everywhere(
    throttled_app: FastAPI, session: AsyncSession
):
    await make_user(session, username="target", password=TEST_PASSWORD)
    addresses = ACCOUNT_LIMIT // ACCOUNT_ADDRESS_LIMIT
    for index in range(addresses):
        async with _client(throttled_app, f"10.1.0.{index}") as attacker:
            for _ in range(ACCOUNT_ADDRESS_LIMIT):
                assert_problem(await _login(attacker, "target", "guess"), 401)
    async with _client(throttled_app, "10.2.0.1") as owner:
        blocked = await _login(owner, "target", TEST_PASSWORD)
    assert_problem(blocked, 429, "too_many_attempts")
    assert 0 < int(blocked.headers["retry-after"]) <= 15 * 60
    # Other accounts are not affected.
    await make_user(session, username="bystander", password=TEST_PASSWORD)
    async with _client(throttled_app, "10.2.0.1") as other:
        assert (await _login(other, "bystander", TEST_PASSWORD)).status_code == 200


async def test_an_address_is_throttled_across_accounts(
    throttled_app: FastAPI, session: AsyncSession
):
    await make_user(session, username="victim", password=TEST_PASSWORD)
    async with _client(throttled_app, "10.0.0.9") as sprayer:
        for _ in range(ADDRESS_LIMIT):
            await _login(sprayer, f"user-{uuid.uuid4().hex[:6]}", "guess")
        assert_problem(await _login(sprayer, "victim", TEST_PASSWORD), 429, "too_many_attempts")
    async with _client(throttled_app, "10.0.0.10") as elsewhere:
        assert (await _login(elsewhere, "victim", TEST_PASSWORD)).status_code == 200


async def test_a_success_clears_the_count_of_its_address(
    throttled_app: FastAPI, session: AsyncSession
):
    await make_user(session, username="forgetful", password=TEST_PASSWORD)
    async with _client(throttled_app, "10.0.0.3") as client:
        for _ in range(ACCOUNT_ADDRESS_LIMIT - 1):
            await _login(client, "forgetful", "wrong")
        assert (await _login(client, "forgetful", TEST_PASSWORD)).status_code == 200
        for _ in range(ACCOUNT_ADDRESS_LIMIT - 1):
            await _login(client, "forgetful", "wrong")
        assert (await _login(client, "forgetful", TEST_PASSWORD)).status_code == 200


async def test_two_server_processes_share_the_count(
    app: FastAPI, database_url: str, session: AsyncSession
):
    await make_user(session, username="shared", password=TEST_PASSWORD)
    other = create_app(settings_for_tests(database_url))
    try:
        for index in range(ACCOUNT_ADDRESS_LIMIT):
            server = app if index % 2 else other
            async with _client(server, "10.0.0.4") as client:
                await _login(client, "shared", "wrong")
        async with _client(other, "10.0.0.4") as client:
            assert_problem(await _login(client, "shared", TEST_PASSWORD), 429)
    finally:
        await other.state.engine.dispose()


async def _address_seen(app: FastAPI, peer: str, forwarded_for: str) -> str | None:
    """The client address a failed login from `peer`, claiming `forwarded_for`, is counted
    and audited under."""
    username = f"nobody-{uuid.uuid4().hex[:8]}"
    async with _client(app, peer) as client:
        response = await client.post(
            "/api/v1/auth/token",
            data={"username": username, "password": "guess"},
            headers={"X-Forwarded-For": forwarded_for},
        )
    assert_problem(response, 401, "invalid_credentials")
    async with app.state.sessionmaker() as session:
        event = await session.scalar(select(AuditEvent).where(AuditEvent.actor_label == username))
        assert event is not None and event.client_address is not None
        counted = await session.get(LoginThrottle, f"address:{event.client_address}")
    assert counted is not None
    return event.client_address


async def test_forwarded_headers_are_ignored_unless_the_peer_is_a_trusted_proxy(
    app: FastAPI, database_url: str
):
    # By default nobody is trusted, not even a client on the same host.
    assert await _address_seen(app, "127.0.0.1", "203.0.113.9") == "127.0.0.1"
    proxied = create_app(settings_for_tests(database_url, trusted_proxies="127.0.0.1, 10.8.0.0/16"))
    try:
        assert await _address_seen(proxied, "127.0.0.1", "203.0.113.9") == "203.0.113.9"
        assert await _address_seen(proxied, "10.8.3.4", "203.0.113.10") == "203.0.113.10"
        assert await _address_seen(proxied, "10.9.0.1", "203.0.113.11") == "10.9.0.1"
        # A client behind the proxy cannot prepend an address of its choosing either.
        assert await _address_seen(proxied, "127.0.0.1", "1.2.3.4, 203.0.113.12") == "203.0.113.12"
    finally:
        await proxied.state.engine.dispose()


def test_the_server_is_started_without_uvicorn_trusting_forwarded_headers():
    # uvicorn believes X-Forwarded-For from 127.0.0.1 unless told not to; TRUSTED_PROXIES
    # decides instead, inside the app.
    makefile = (Path(__file__).parents[2] / "Makefile").read_text()
    commands = [line for line in makefile.replace("\\\n", " ").splitlines() if "uvicorn " in line]
    assert commands and all("--no-proxy-headers" in command for command in commands)
