"""`make bench-cost`: the app's own CPU per request, in process, without a server.

Seeds a small area into a scratch database (PostgreSQL by default, BENCH_DATABASE=sqlite for
SQLite), enters the app's lifespan and calls its ASGI callable directly, serially, for
organization by id (with a staff account's bearer token, scope checked), a township's 49
children, the first page of members (20) and /healthz.
Prints, per scenario, the CPU microseconds of this process per request (the database
server's own work is not counted: it runs in another process) and the wall time.

BENCH_COST_REQUESTS (default 3000) requests per scenario after 300 to warm up;
BENCH_COST_ROUNDS (default 3) rounds, the best one reported; BENCH_COST_PROFILE=1 to run
each scenario once more under cProfile and print its 25 costliest functions (own time).
For a sampling profile: `py-spy record -o profile.svg -- .venv/bin/python -m bench.request_cost`.
"""

import asyncio
import cProfile
import gc
import os
import pstats
import time
from collections.abc import MutableMapping
from dataclasses import dataclass
from typing import Any

import uvloop
from fastapi import FastAPI
from sqlalchemy import select
from tests.builders import settings_for_tests
from tests.databases import migrate

from bench.server_bench import DATABASE, scratch_database, signed_in
from grassroots import scale_seed
from grassroots.core.db import make_engine, make_sessionmaker
from grassroots.core.security import Role
from grassroots.main import create_app
from grassroots.organizations.enums import Tier
from grassroots.organizations.models import Organization
from grassroots.users.models import Grant, User

REQUESTS = int(os.environ.get("BENCH_COST_REQUESTS", "3000"))
ROUNDS = int(os.environ.get("BENCH_COST_ROUNDS", "3"))
WARMUP = 300
PROFILE = os.environ.get("BENCH_COST_PROFILE") == "1"
# A county of 5 townships of 49 villages: a township's children are a full page, as in a city.
SMALL = scale_seed.Scale("small", 0, 5, 49, 2000, 200, 0)

Message = MutableMapping[str, Any]


async def prepare(url: str) -> tuple[str, str, str]:
    """A village's id, a township's id and a bearer token of a staff account administering
    the whole area."""
    engine = make_engine(url)
    await scale_seed.seed_scale(engine, SMALL)
    async with make_sessionmaker(engine)() as session:
        root = await session.scalar(select(Organization.id).where(Organization.depth == 0))
        village = await session.scalar(
            select(Organization.id).where(Organization.tier == Tier.VILLAGE).limit(1)
        )
        township = await session.scalar(
            select(Organization.id).where(Organization.tier == Tier.TOWNSHIP).limit(1)
        )
        assert root is not None and village is not None and township is not None
        staff = User(username="cost-staff", display_name="cost", is_active=True)
        session.add(staff)
        await session.flush()
        session.add(Grant(user_id=staff.id, organization_id=root, role=Role.ADMIN))
        token = await signed_in(session, staff)
    await engine.dispose()
    return str(village), str(township), token


def http_scope(path: str, token: str | None) -> dict[str, Any]:
    """The ASGI scope uvicorn would hand the app for a GET of `path`."""
    headers = [(b"host", b"bench"), (b"accept", b"application/json")]
    if token:
        headers.append((b"authorization", f"Bearer {token}".encode()))
    return {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.4"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": headers,
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8130),
    }


async def request(app: FastAPI, scope: dict[str, Any]) -> int:
    """One request through the ASGI callable; its status."""
    status = 0

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Message) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]

    await app(dict(scope), receive, send)
    return status


@dataclass
class Cost:
    """Microseconds per request: this process's CPU in user space and in the kernel, wall."""

    user: float = float("inf")
    system: float = float("inf")
    wall: float = float("inf")

    def best(self, other: "Cost") -> "Cost":
        return other if other.user + other.system < self.user + self.system else self


async def measure(app: FastAPI, scope: dict[str, Any]) -> Cost:
    """The best round's cost per request."""
    for _ in range(WARMUP):
        assert await request(app, scope) == 200
    best = Cost()
    for _ in range(ROUNDS):
        gc.collect()
        before, wall = os.times(), time.perf_counter()
        for _ in range(REQUESTS):
            await request(app, scope)
        after = os.times()
        best = best.best(
            Cost(
                (after.user - before.user) / REQUESTS * 1e6,
                (after.system - before.system) / REQUESTS * 1e6,
                (time.perf_counter() - wall) / REQUESTS * 1e6,
            )
        )
    return best


async def profile(app: FastAPI, scope: dict[str, Any]) -> None:
    """The costliest functions of the scenario, by own CPU time (a profile timed by the wall
    clock would charge the database's answer to whichever frame awaited it last)."""
    profiler = cProfile.Profile(time.process_time)
    profiler.enable()
    for _ in range(REQUESTS):
        await request(app, scope)
    profiler.disable()
    stats = pstats.Stats(profiler)
    stats.sort_stats("tottime").print_stats(30)
    stats.sort_stats("cumtime").print_stats(60)


async def run(url: str) -> None:
    village, township, token = await prepare(url)
    app = create_app(settings_for_tests(url, log_level="WARNING"))
    scenarios = {
        "organization by id": http_scope(f"/api/v1/organizations/{village}", token),
        "children (49)": http_scope(f"/api/v1/organizations/{township}/children", token),
        "members, page 1": http_scope("/api/v1/members", token),
        "/healthz": http_scope("/healthz", None),
    }
    async with app.router.lifespan_context(app):
        if DATABASE == "postgresql":
            while not app.state.principals.listening:  # noqa: ASYNC110 (a flag, set once)
                await asyncio.sleep(0.05)
        print(f"{DATABASE}, {REQUESTS} requests x {ROUNDS} rounds (best), serial, in process")
        for name, scope in scenarios.items():
            cost = await measure(app, scope)
            print(
                f"  {name:<20} {cost.user + cost.system:7.1f} µs CPU/request "
                f"(user {cost.user:.1f}, kernel {cost.system:.1f}), {cost.wall:7.1f} µs wall"
            )
        if PROFILE:
            for name, scope in scenarios.items():
                print(f"--- {name}")
                await profile(app, scope)


def main() -> None:
    with scratch_database() as (url, _):
        asyncio.run(migrate(url, "head"))
        # The event loop the server runs on (uvicorn --loop uvloop).
        uvloop.run(run(url))


if __name__ == "__main__":
    main()
