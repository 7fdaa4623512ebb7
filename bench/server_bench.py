"""`make bench`: the app at city scale through a real server, read against two baselines.

Seeds a scratch database (`grassroots seed --scale`'s generator), starts the app as production
would (uvicorn, uvloop, httptools, one worker per core) and the baselines app (bench/baselines.py)
the same way, and drives every scenario from this separate process on loopback:
  - throughput: wrk (-t1 -c32) with bench/wrk.lua for authenticated, varied requests;
  - latency: an open-loop client at half that throughput (each request timed from when it
    was due), and a serial client on one connection;
  - SQL statements per request: counted in process on the same database.
Writes bench/results/latest.md and latest.json. See bench/README.md for how to read them.

BENCH_DATABASE=postgresql (default, a city; BENCH_DATABASE_URL names the server) or sqlite (a
county); BENCH_SCALE=0.01 for that share of members, records and ratings; BENCH_DURATION seconds per
measurement (default 10); BENCH_WORKERS (default: one per core); BENCH_PORT (default 8130,
and the next port for the baselines); BENCH_ONLY=locate,coverage to
measure only the scenarios whose names hold one of these words (and the baselines);
BENCH_TREE=county on PostgreSQL for the county SQLite's run is judged against; BENCH_PIN=1 to
pin the servers to all cores but the last and this process (and wrk) to the last one.
Last, after the public rating scenario (it rates one of the cycle's evaluations), the whole
evaluation cycle is put back in organizational review and finalized through the server
(BENCH_ONLY=finalize); target: under 10 s.
"""

import asyncio
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import asyncpg
import httpx
from fastapi import FastAPI
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from tests.builders import TEST_SECRET, open_session, settings_for_tests
from tests.databases import migrate
from tests.statements import counting_statements

from bench import evaluation_bench, load
from grassroots import scale_seed
from grassroots.core.config import async_database_url
from grassroots.core.db import make_engine, make_sessionmaker
from grassroots.core.pagination import cursor_after
from grassroots.core.security import (
    Role,
    encode_access_token,
    hash_password,
)
from grassroots.grids.models import Grid
from grassroots.main import create_app
from grassroots.members import router as members_router
from grassroots.members import service as members_service
from grassroots.members.models import Member
from grassroots.organizations.enums import Tier
from grassroots.organizations.models import Organization
from grassroots.users.models import Grant, User
from grassroots.volunteering.enums import RecordStatus
from grassroots.volunteering.models import VolunteerRecord

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
DATABASE = os.environ.get("BENCH_DATABASE", "postgresql")
TREE = os.environ.get("BENCH_TREE", "county" if DATABASE == "sqlite" else "city")
ADMIN_URL = os.environ.get("BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
FACTOR = float(os.environ.get("BENCH_SCALE", "1"))
DURATION = float(os.environ.get("BENCH_DURATION", "10"))
# The open-loop client is Python on the same two cores: beyond a few hundred requests a
# second it would measure itself. Latency is taken at half the throughput, at most this.
MAX_RATE = float(os.environ.get("BENCH_MAX_RATE", "300"))
CORES = sorted(os.sched_getaffinity(0))
# Pinned, the servers keep their cores to themselves and the load its own, as in the speed
# issue's calibration: a fixed-rate p99 then measures the server, not the load generator.
PIN = os.environ.get("BENCH_PIN") == "1" and len(CORES) > 1
SERVER_CORES = CORES[:-1] if PIN else CORES
WORKERS = int(os.environ.get("BENCH_WORKERS", str(len(SERVER_CORES))))
# BENCH_PORT (and the next one, for the baselines) when another run holds the default ports.
APP_PORT = int(os.environ.get("BENCH_PORT", "8130"))
BASE_PORT = APP_PORT + 1
PAGE_SIZE, DEEP_PAGE = 20, 10_000
PASSWORD = "bench: a long enough passphrase"  # noqa: S105 (a scratch account)
SERIAL_COUNT = 300
ONLY = [word for word in os.environ.get("BENCH_ONLY", "").split(",") if word]
LOCATE_POINTS = 1000
COMPARED_KINDS = ("read", "rollup", "locate", "coverage")
# A read's fixed-rate run is taken this many times and reported from the one the hypervisor
# stole least CPU from (chosen by that alone, never by its latency; every run is kept in the
# JSON as `fixed_runs`): on this VM one 10 s run's p99 is decided by whether a stall fell in
# it, and most stalls coincide with the steal (bench/README, seventh round).
FIXED_RUNS = max(1, int(os.environ.get("BENCH_FIXED_RUNS", "3")))


@dataclass
class Scenario:
    """One kind of request, and what the run measured of it."""

    name: str
    port: int
    method: str
    paths: list[str]
    token: str | None = None
    body: bytes = b""
    content_type: str = ""
    kind: str = "read"  # read, rollup, write, login, baseline
    one_shot: bool = False  # each path may be requested only once (a write)
    bodies: list[bytes] = field(default_factory=list)  # one body per path, when they differ
    results: dict[str, Any] = field(default_factory=dict)

    def body_of(self, index: int) -> bytes:
        return self.bodies[index] if self.bodies else self.body

    def requests(self) -> list[load.Request]:
        return [
            load.build_request(
                self.method,
                p,
                token=self.token,
                body=self.body_of(i),
                content_type=self.content_type,
            )
            for i, p in enumerate(self.paths)
        ]


@dataclass
class Targets:
    root: uuid.UUID
    villages: list[uuid.UUID]
    townships: list[uuid.UUID]
    deep_page: int
    deep_cursor: str | None
    pending: list[uuid.UUID]
    rollup_from: date
    rollup_to: date
    cycle: uuid.UUID
    rating_token: str
    rating_codes: list[str]
    grid_points: list[tuple[float, float]] = field(default_factory=list)


def main() -> None:
    # Stopped from outside, still stop the servers and drop the scratch database.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    scale = scale_seed.SCALES[TREE].times(FACTOR)
    if PIN:
        os.sched_setaffinity(0, CORES[-1:])
    print(
        f"bench: {scale.name} on {DATABASE}, {scale.members:,} members, "
        f"{scale.records:,} records, {WORKERS} workers, {DURATION:g} s per measurement"
    )
    with scratch_database() as (url, floor_url):
        asyncio.run(migrate(url, "head"))
        seeding = asyncio.run(seed(url, scale))
        targets, token = asyncio.run(prepare(url))
        if DATABASE == "postgresql":
            # The seeding's gigabytes of WAL leave checkpoints writing for minutes: done now, so
            # the first scenarios do not measure them.
            asyncio.run(_admin("CHECKPOINT"))
        if "--serve" in sys.argv:
            hold(url, targets, token)
            return
        statements = asyncio.run(count_statements(url, targets, token))
        report = run(url, floor_url, targets, token, statements)
        report["seeding"] = seeding
        write_results(report)


@contextmanager
def scratch_database() -> Iterator[tuple[str, str]]:
    """A new empty database: its app URL and its URL for the database floor."""
    if DATABASE == "sqlite":
        directory = Path(tempfile.mkdtemp(prefix="grassroots-bench-"))
        path = directory / "bench.db"
        try:
            yield async_database_url(f"sqlite:///{path}"), str(path)
        finally:
            shutil.rmtree(directory, ignore_errors=True)
        return
    name = f"grassroots_bench_{uuid.uuid4().hex[:8]}"
    asyncio.run(_admin(f'CREATE DATABASE "{name}"'))
    plain = ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    try:
        yield async_database_url(plain), plain
    finally:
        asyncio.run(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


async def _admin(statement: str) -> None:
    connection = await asyncpg.connect(ADMIN_URL)
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


async def seed(url: str, scale: scale_seed.Scale) -> dict[str, Any]:
    engine = make_engine(url)
    started = time.perf_counter()
    seeded = await scale_seed.seed_scale(engine, scale, report=lambda line: print(f"  {line}"))
    elapsed = time.perf_counter() - started
    await engine.dispose()
    print(f"seeded {seeded.counts} in {elapsed:.0f} s")
    return {"scale": scale.name, "factor": FACTOR, "counts": seeded.counts, "seconds": elapsed}


async def signed_in(session: AsyncSession, staff: User) -> str:
    """Commit a session for the staff account (named by its id) and return an access token of
    it, signed with the key the bench's servers verify with."""
    await open_session(session, staff)
    return encode_access_token(user_id=staff.id, session_id=staff.id, key=TEST_SECRET, minutes=240)


async def prepare(url: str) -> tuple[Targets, str]:
    """The accounts and the ids, pages and records the scenarios ask for."""
    engine = make_engine(url)
    rng = random.Random(7)
    async with make_sessionmaker(engine)() as session:
        root = await session.scalar(select(Organization.id).where(Organization.depth == 0))
        assert root is not None
        villages = list(
            await session.scalars(select(Organization.id).where(Organization.tier == Tier.VILLAGE))
        )
        townships = list(
            await session.scalars(select(Organization.id).where(Organization.tier == Tier.TOWNSHIP))
        )
        # The login account, and a staff account administering the whole area through a
        # grant (not a superuser, so its scope is checked as a real user's is).
        session.add(
            User(
                username="bench-login",
                display_name="bench",
                is_active=True,
                is_superuser=True,
                password_hash=hash_password(PASSWORD),
            )
        )
        staff = User(username="bench-staff", display_name="bench", is_active=True)
        session.add(staff)
        await session.flush()
        session.add(Grant(user_id=staff.id, organization_id=root, role=Role.ADMIN))
        members = await session.scalar(select(func.count()).select_from(Member))
        deep_page = max(1, min(DEEP_PAGE, (members or 0) // PAGE_SIZE))
        deep_cursor = None
        if deep_page > 1:
            name, member_id = (
                await session.execute(
                    select(Member.name, Member.id)
                    .order_by(*members_service.ORDER)
                    .offset((deep_page - 1) * PAGE_SIZE - 1)
                    .limit(1)
                )
            ).one()
            # The cursor the members list itself would hand out after that row.
            order = members_service.ORDER
            listing = f"{members_router.list_members.__module__}.list_members"
            deep_cursor = cursor_after(listing, order, [name, member_id])
        grids = await session.scalar(select(func.count()).select_from(Grid)) or 0
        pending = list(
            await session.scalars(
                select(VolunteerRecord.id).where(VolunteerRecord.status == RecordStatus.PENDING)
            )
        )
        token = await signed_in(session, staff)
    await engine.dispose()
    rng.shuffle(villages)
    rng.shuffle(pending)
    cycle, rating_token, rating_codes = await evaluation_bench.open_for_rating(url, FACTOR)
    today = date.today()
    side = scale_seed.grid_lattice_side(grids)
    west, south = scale_seed.GRID_ORIGIN
    cell = scale_seed.GRID_CELL
    # Points inside the seeded grids' lattice cells, anywhere in each (borders included).
    points = [
        (west + (i % side + rng.random()) * cell, south + (i // side + rng.random()) * cell)
        for i in (rng.randrange(grids) for _ in range(LOCATE_POINTS if grids else 0))
    ]
    targets = Targets(
        root,
        villages[:1000],
        townships[:200],
        deep_page,
        deep_cursor,
        pending,
        (today - timedelta(days=365)).replace(day=1),
        today,
        cycle,
        rating_token,
        rating_codes,
        points,
    )
    return targets, token


def scenarios(targets: Targets, token: str) -> list[Scenario]:
    """Every scenario of the run (or those BENCH_ONLY names): the baselines first."""
    every = _scenarios(targets, token)
    if not ONLY:
        return every
    return [s for s in every if s.kind == "baseline" or any(w in s.name for w in ONLY)]


def _scenarios(targets: Targets, token: str) -> list[Scenario]:
    members = f"/api/v1/members?limit={PAGE_SIZE}"
    rollup = (
        f"/api/v1/volunteer-stats?within={targets.root}&from={targets.rollup_from}"
        f"&to={targets.rollup_to}&group_by=month"
    )
    deep = f"{members}&cursor={targets.deep_cursor}" if targets.deep_cursor else members
    login_body = f"username=bench-login&password={PASSWORD.replace(' ', '+').replace(':', '%3A')}"
    return [
        Scenario("baseline: HTTP ceiling", BASE_PORT, "GET", ["/ceiling"], kind="baseline"),
        Scenario(
            "baseline: database floor",
            BASE_PORT,
            "GET",
            [f"/floor/{v}" for v in targets.villages],
            kind="baseline",
        ),
        Scenario(
            "organization by id",
            APP_PORT,
            "GET",
            [f"/api/v1/organizations/{v}" for v in targets.villages],
            token,
        ),
        Scenario(
            "children list",
            APP_PORT,
            "GET",
            [f"/api/v1/organizations/{t}/children" for t in targets.townships],
            token,
        ),
        Scenario(
            "subtree stats (whole area)",
            APP_PORT,
            "GET",
            [f"/api/v1/organizations/{targets.root}/stats"],
            token,
            kind="rollup",
        ),
        Scenario("members, page 1", APP_PORT, "GET", [members], token),
        Scenario(f"members, page {targets.deep_page:,} by cursor", APP_PORT, "GET", [deep], token),
        Scenario(
            "monthly volunteer rollup (whole area)", APP_PORT, "GET", [rollup], token, kind="rollup"
        ),
        Scenario(
            "grids/locate (10,000 grids)",
            APP_PORT,
            "GET",
            [
                f"/api/v1/grids/locate?lng={lng:.6f}&lat={lat:.6f}"
                for lng, lat in targets.grid_points
            ],
            token,
            kind="locate",
        ),
        Scenario(
            "grid coverage (whole area)",
            APP_PORT,
            "GET",
            [f"/api/v1/grid-coverage?within={targets.root}"],
            token,
            kind="coverage",
        ),
        Scenario(
            "verify a record (write)",
            APP_PORT,
            "POST",
            [f"/api/v1/volunteer-records/{r}/verify" for r in targets.pending],
            token,
            kind="write",
            one_shot=True,
        ),
        Scenario(
            "evaluation results, page 1 (whole cycle)",
            APP_PORT,
            "GET",
            [f"/api/v1/evaluation-cycles/{targets.cycle}/results?limit={PAGE_SIZE}"],
            token,
        ),
        Scenario(
            "public rating with an invitation code (write)",
            APP_PORT,
            "POST",
            [f"/api/v1/public/ratings/{targets.rating_token}"] * len(targets.rating_codes),
            bodies=[evaluation_bench.rating_body(code) for code in targets.rating_codes],
            content_type="application/json",
            kind="write",
            one_shot=True,
        ),
        Scenario(
            "login (Argon2id)",
            APP_PORT,
            "POST",
            ["/api/v1/auth/token"],
            body=login_body.encode(),
            content_type="application/x-www-form-urlencoded",
            kind="login",
        ),
    ]


async def count_statements(url: str, targets: Targets, token: str) -> dict[str, int]:
    """SQL statements per request of each app scenario, counted in process, in steady state
    (the app started as the server starts it, each read asked once before it is counted)."""
    app = create_app(settings_for_tests(url, log_level="WARNING"))
    async with app.router.lifespan_context(app):
        if DATABASE == "postgresql":
            while not app.state.principals.listening:  # noqa: ASYNC110 (a flag, set once)
                await asyncio.sleep(0.05)
        counts = await _count_each(app, targets, token)
    targets.pending.pop()
    targets.rating_codes.pop()
    return counts


async def _count_each(app: FastAPI, targets: Targets, token: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
        for scenario in scenarios(targets, token):
            if scenario.port != APP_PORT:
                continue
            # The last pending record is kept for this count; the run never reaches it.
            path, body = scenario.paths[-1], scenario.body_of(len(scenario.paths) - 1)
            headers = {"Authorization": f"Bearer {token}"} if scenario.token else {}
            if scenario.content_type:
                headers["Content-Type"] = scenario.content_type
            if not scenario.one_shot:
                await client.request(scenario.method, path, headers=headers, content=body)
            with counting_statements(app.state.engine) as count:
                response = await client.request(
                    scenario.method, path, headers=headers, content=body
                )
            assert response.status_code < 400, (scenario.name, response.text)
            counts[scenario.name] = len(count)
    return counts


def app_env(url: str) -> dict[str, str]:
    """The environment of the app's server: the scratch database, fixed keys, quiet logs."""
    return {
        **os.environ,
        "DATABASE_URL": url,
        "SECRET_KEY": TEST_SECRET,
        "DATA_KEY": TEST_SECRET,
        "LOG_LEVEL": "WARNING",
        "FRONTEND_DIST": "/nonexistent",
        "UPLOAD_DIR": tempfile.mkdtemp(prefix="grassroots-bench-uploads-"),
    }


def hold(url: str, targets: Targets, token: str) -> None:
    """`--serve`: the seeded app's server, kept up for profiling until interrupted."""
    with serve("grassroots.main:create_app", APP_PORT, app_env(url)) as server:
        print(f"serving on 127.0.0.1:{APP_PORT}, master pid {server.pid}")
        print(f"export TOKEN={token}")
        print(f"organization: /api/v1/organizations/{targets.villages[0]}")
        print(f"area root: {targets.root}")
        with suppress(KeyboardInterrupt):
            server.wait()


def run(
    url: str, floor_url: str, targets: Targets, token: str, statements: dict[str, int]
) -> dict[str, Any]:
    env = app_env(url)
    with serve("grassroots.main:create_app", APP_PORT, env) as app:
        body = _get(APP_PORT, f"/api/v1/organizations/{targets.villages[0]}", token)
        ceiling = Path(tempfile.mkstemp(prefix="grassroots-bench-ceiling-")[1])
        ceiling.write_bytes(body)
        base_env = {**env, "BENCH_FLOOR_URL": floor_url, "BENCH_CEILING_BODY": str(ceiling)}
        with serve("bench.baselines:create_app", BASE_PORT, base_env):
            measured = [measure(s, statements.get(s.name)) for s in scenarios(targets, token)]
        # After the rating scenario: it rates the evaluation this finalizes with the rest.
        if not ONLY or any(word in COVERAGE_CHANGED for word in ONLY):
            measured.append(measure_coverage_after_change(floor_url, targets, token))
        if not ONLY or any(word in FINALIZE for word in ONLY):
            measured.append(measure_finalize(url, targets, token))
        memory = worker_memory_mb(app)
    return {
        "workers": WORKERS,
        "duration_s": DURATION,
        "database": DATABASE,
        "scenarios": [
            asdict(s) | {"paths": len(s.paths), "body": None, "bodies": None} for s in measured
        ],
        "worker_memory_mb": memory,
    }


# The workers of each running server, by port: a fixed-rate run reads their CPU time.
SERVING: dict[int, list[int]] = {}


@contextmanager
def serve(factory: str, port: int, env: dict[str, str]) -> Iterator[subprocess.Popen[bytes]]:
    """A uvicorn server as production runs one, until the block ends."""
    pinned = ["taskset", "-c", ",".join(map(str, SERVER_CORES))] if PIN else []
    command = [
        *pinned,
        sys.executable,
        "-m",
        "uvicorn",
        "--factory",
        factory,
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(WORKERS),
        "--loop",
        "uvloop",
        "--http",
        "httptools",
        "--no-access-log",
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(command, env=env, cwd=HERE.parent)  # noqa: S603
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                _get(port, "/readyz")
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError(f"{factory} did not become ready") from None
                time.sleep(0.2)
        SERVING[port] = worker_pids(server)
        yield server
    finally:
        SERVING.pop(port, None)
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


def _get(port: int, path: str, token: str | None = None) -> bytes:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return bytes(response.read())


def worker_memory_mb(server: subprocess.Popen[bytes]) -> list[float]:
    """Resident memory of each worker of a uvicorn server."""
    return [_resident_mb(pid) for pid in worker_pids(server)]


def worker_pids(server: subprocess.Popen[bytes]) -> list[int]:
    """The processes of a uvicorn server that answer requests (one worker: the server)."""
    if WORKERS == 1:
        return [server.pid]
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    return [
        int(pid)
        # multiprocessing's resource tracker is a child too, not a worker
        for pid in children
        if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()
    ]


def _resident_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text().splitlines()
    kilobytes = next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
    return round(kilobytes / 1024, 1)


def measure(scenario: Scenario, statements: int | None) -> Scenario:
    """Throughput, latency at half of it, and serial latency of one scenario."""
    print(f"- {scenario.name}", flush=True)
    requests = scenario.requests()
    results: dict[str, Any] = {"sql_statements": statements}
    if scenario.one_shot:
        # Each record can be verified once: up to a third of them (for DURATION at most) for
        # throughput, a third for the fixed rate, the rest (at most SERIAL_COUNT) one at a time.
        third = len(requests) // 3
        closed = asyncio.run(
            load.closed_loop(scenario.port, requests[:third], connections=32, seconds=DURATION)
        )
        results |= {"requests_per_s": closed.rate, "errors": closed.errors}
        rate = half_of(closed.rate)
        count = min(third, int(rate * DURATION))
        fixed = asyncio.run(
            load.open_loop(
                scenario.port,
                requests[third : third + count],
                rate=rate,
                count=count,
                workers=WORKERS,
            )
        )
        fixed_errors = fixed.errors
        rest = requests[2 * third :][:SERIAL_COUNT]
        one = asyncio.run(load.serial(scenario.port, rest, len(rest)))
    else:
        warm = asyncio.run(load.serial(scenario.port, requests, 30))  # and every worker's pool
        results |= wrk(scenario)
        # What wrk left in flight is worked off before the fixed rate starts, or its first
        # requests wait behind it (a whole-city read's 32 took ~0.2-0.5 s: most of its p99).
        usual_ms = warm.percentile(0.5)
        results["settle_requests"] = asyncio.run(
            load.settle(scenario.port, requests[0], usual_ms=usual_ms)
        )
        # On SQLite a read is compared with PostgreSQL's at the same arrival rate.
        rate = postgresql_reads("fixed_rate").get(scenario.name) or half_of(
            results["requests_per_s"]
        )
        count = max(20, int(rate * DURATION))
        runs = [
            asyncio.run(
                load.open_loop(
                    scenario.port,
                    requests,
                    rate=rate,
                    count=count,
                    workers=WORKERS,
                    watch=SERVING.get(scenario.port, []),
                )
            )
            for _ in range(FIXED_RUNS)
        ]
        fixed = min(runs, key=lambda run: run.stolen_share or 0.0)
        results["fixed_runs"] = [_summary(run) | {"errors": run.errors} for run in runs]
        fixed_errors = sum(run.errors for run in runs)
        serial_count = 40 if scenario.kind == "login" else SERIAL_COUNT
        one = asyncio.run(load.serial(scenario.port, requests, serial_count))
    results |= {
        "fixed_rate": round(rate, 1),
        **_summary(fixed),
        "fixed_rate_errors": fixed_errors,
        "client_lag_p99_ms": round(load.percentile(fixed.client_lags_ms, 0.99), 2),
        "connections_per_worker": fixed.connections_per_worker,
        "fixed_rate_started": fixed.started_at,
        "serial_p50_ms": round(one.percentile(0.50), 2),
        "serial_p99_ms": round(one.percentile(0.99), 2),
        "serial_errors": one.errors,
    }
    results["errors"] += fixed_errors + one.errors
    results["requests_per_s"] = round(results["requests_per_s"], 1)
    scenario.results = results
    print(f"  {json.dumps(results)}", flush=True)
    return scenario


def _summary(run: load.Outcome) -> dict[str, Any]:
    """A fixed-rate run's figures: the reported run's in the results, each run's in
    `fixed_runs`."""
    return {
        "p50_ms": round(run.percentile(0.50), 2),
        "p99_ms": round(run.percentile(0.99), 2),
        "slow_between_s": run.slow_between_s(),
        "cpu_stolen_share": run.stolen_share,
        "worker_cpu_ms_per_request": _per_request_ms(run),
    }


def _per_request_ms(run: load.Outcome) -> float | None:
    """The server's workers' CPU per request answered during a fixed-rate run."""
    if run.watched_cpu_s is None or not run.latencies_ms:
        return None
    return round(run.watched_cpu_s * 1000 / len(run.latencies_ms), 2)


COVERAGE_CHANGED = "grid coverage right after a change (whole area, serial)"
COVERAGE_CHANGED_RUNS = 20


def measure_coverage_after_change(floor_url: str, targets: Targets, token: str) -> Scenario:
    """The whole area's coverage asked right after a grid changed, COVERAGE_CHANGED_RUNS times:
    no process has the answer, so each is computed (the remembered answer's worst case)."""
    path = f"/api/v1/grid-coverage?within={targets.root}"
    scenario = Scenario(COVERAGE_CHANGED, APP_PORT, "GET", [path], token, kind="coverage")
    print(f"- {scenario.name}", flush=True)
    cpu_before = load.cpu_times()
    milliseconds = asyncio.run(_coverage_after_changes(floor_url, path, token))
    stolen = load.stolen_share(cpu_before, load.cpu_times())
    slowest = milliseconds.index(max(milliseconds))
    milliseconds.sort()
    scenario.results = {
        "sql_statements": None,
        "requests_per_s": round(1000 / milliseconds[len(milliseconds) // 2], 1),
        "fixed_rate": 0,
        "p50_ms": round(milliseconds[len(milliseconds) // 2], 1),
        "p99_ms": round(milliseconds[-1], 1),
        "serial_p50_ms": round(milliseconds[len(milliseconds) // 2], 1),
        "errors": 0,
        "slowest_of_runs": slowest + 1,
        "cpu_stolen_share": stolen,
    }
    print(f"  {json.dumps(scenario.results)}", flush=True)
    return scenario


async def _coverage_after_changes(floor_url: str, path: str, token: str) -> list[float]:
    if DATABASE == "sqlite":
        import aiosqlite

        connection: Any = await aiosqlite.connect(floor_url)
        touch = "UPDATE grid SET households = households WHERE rowid = 1"
    else:
        connection = await asyncpg.connect(floor_url)
        touch = (
            "UPDATE grid SET households = households"
            " WHERE id = (SELECT id FROM grid ORDER BY id LIMIT 1)"
        )
    milliseconds = []
    try:
        async with httpx.AsyncClient(
            base_url=f"http://127.0.0.1:{APP_PORT}", headers={"Authorization": f"Bearer {token}"}
        ) as client:
            for _ in range(COVERAGE_CHANGED_RUNS):
                await connection.execute(touch)
                if DATABASE == "sqlite":
                    await connection.commit()
                begin = time.perf_counter()
                response = await client.get(path, timeout=60)
                milliseconds.append((time.perf_counter() - begin) * 1000)
                response.raise_for_status()
    finally:
        await connection.close()
    return milliseconds


FINALIZE = "finalize the cycle"
FINALIZE_RUNS = 3


def measure_finalize(url: str, targets: Targets, token: str) -> Scenario:
    """POST /evaluation-cycles/{id}/finalize through the server with the whole cycle back in
    organizational review, FINALIZE_RUNS times; the median and the slowest run."""
    path = f"/api/v1/evaluation-cycles/{targets.cycle}/finalize"
    scenario = Scenario(FINALIZE, APP_PORT, "POST", [path], token, kind="finalize", one_shot=True)
    print(f"- {scenario.name}", flush=True)
    seconds, errors, counts = [], 0, (0, 0)
    for _ in range(FINALIZE_RUNS):
        counts = asyncio.run(evaluation_bench.ready_to_finalize(url, targets.cycle))
        request = urllib.request.Request(f"http://127.0.0.1:{APP_PORT}{path}", method="POST")
        request.add_header("Authorization", f"Bearer {token}")
        begin = time.perf_counter()
        with urllib.request.urlopen(request, timeout=600) as response:  # noqa: S310
            changed = json.loads(response.read())["changed"]
        seconds.append(time.perf_counter() - begin)
        errors += changed != counts[0]
    seconds.sort()
    median, slowest = seconds[len(seconds) // 2], seconds[-1]
    scenario.name = f"{FINALIZE} ({counts[0]:,} evaluations, {counts[1]:,} ratings)"
    scenario.results = {
        "sql_statements": None,
        "seconds": round(median, 2),
        "requests_per_s": 1 / median,
        "fixed_rate": 0,
        "p50_ms": round(median * 1000, 1),
        "p99_ms": round(slowest * 1000, 1),
        "serial_p50_ms": round(median * 1000, 1),
        "errors": errors,
    }
    print(f"  {json.dumps(scenario.results)}", flush=True)
    return scenario


def wrk(scenario: Scenario) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile("w", suffix=".paths", delete=False) as paths:
        paths.write("\n".join(scenario.paths) + "\n")
    env = {
        **os.environ,
        "BENCH_PATHS": paths.name,
        "BENCH_TOKEN": scenario.token or "",
        "BENCH_METHOD": scenario.method,
        "BENCH_CONTENT_TYPE": scenario.content_type,
    }
    if scenario.body:
        env["BENCH_BODY"] = scenario.body.decode()
    connections = 8 if scenario.kind == "login" else 32
    output = subprocess.run(  # noqa: S603 (wrk from Debian's package, on loopback)
        [
            "/usr/bin/wrk",
            "-t1",
            f"-c{connections}",
            f"-d{DURATION:g}s",
            "-s",
            str(HERE / "wrk.lua"),
            f"http://127.0.0.1:{scenario.port}",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    os.unlink(paths.name)
    line = next(line for line in output.splitlines() if line.startswith("RESULT "))
    found = json.loads(line.removeprefix("RESULT "))
    return {
        "requests_per_s": found["requests"] / (found["duration_us"] / 1e6),
        "errors": found["errors"],
        # Of those, answers with a 4xx or 5xx status, and requests unanswered after wrk's 2 s
        # (the rest: sockets wrk could not connect, read or write).
        "wrk_status_errors": found["status_errors"],
        "wrk_timeouts": found["timeouts"],
        "wrk_p99_ms": found["p99_ms"],
    }


# From this share of CPU time stolen during a fixed-rate run, its verdicts say so.
STOLEN_NOTED = 0.02

TARGETS = {
    "read": "p99 ≤ 50 ms",
    "rollup": "p99 ≤ 100 ms",
    "locate": "p99 ≤ 20 ms",
    "coverage": "p99 ≤ 200 ms",
    "write": "≥ 300/s, no errors",
    "login": "(Argon2-bound, on its own)",
    "finalize": "finalize < 10 s",
    "baseline": "",
}


def verdicts(report: dict[str, Any]) -> list[str]:
    """Each target of the speed issue, met or not."""
    by_name = {s["name"]: s for s in report["scenarios"]}
    floor = by_name["baseline: database floor"]["results"]
    lines = []
    for s in report["scenarios"]:
        r, kind = s["results"], s["kind"]
        if kind in ("read", "rollup", "locate", "coverage"):
            limit = {"read": 50, "rollup": 100, "locate": 20, "coverage": 200}[kind]
            text = f"{s['name']}: p99 {r['p99_ms']} ms ≤ {limit} ms{_stolen(r)}"
            lines.append(_verdict(text, r["p99_ms"] <= limit))
        if kind == "write":
            ok = r["requests_per_s"] >= 300 and r["errors"] == 0
            text = f"{s['name']}: {r['requests_per_s']}/s ≥ 300/s, {r['errors']} errors"
            lines.append(_verdict(text, ok))
        if kind == "finalize":
            ok = r["p99_ms"] < 10_000 and r["errors"] == 0
            text = f"{s['name']}: {r['seconds']} s (slowest {r['p99_ms'] / 1000:.2f} s) < 10 s"
            lines.append(_verdict(text, ok))
    if "organization by id" in by_name:
        org = by_name["organization by id"]["results"]
        share = org["requests_per_s"] / floor["requests_per_s"]
        text = f"organization by id: {share:.2f}× the database floor ≥ 0.5×"
        lines.append(_verdict(text, share >= 0.5))
    first = by_name.get("members, page 1")
    deep = next((s for s in report["scenarios"] if s["name"].endswith("by cursor")), None)
    if first is not None and deep is not None:
        ratio = deep["results"]["p99_ms"] / max(first["results"]["p99_ms"], 0.001)
        text = f"{deep['name']}: p99 {ratio:.2f}× page 1's ≤ 1.5×"
        lines.append(_verdict(text, ratio <= 1.5))
    memory = max(report["worker_memory_mb"] or [0])
    text = f"server memory after the run: {memory} MB per worker ≤ 250 MB"
    lines.append(_verdict(text, memory <= 250))
    return lines + against_postgresql(report)


def half_of(throughput: float) -> float:
    """The fixed rate latency is measured at: half a closed loop's throughput, capped."""
    return max(1.0, min(MAX_RATE, throughput / 2))


def postgresql_reads(field: str) -> dict[str, float]:
    """On SQLite, a field of each read of PostgreSQL's last run at the same scale, by name."""
    return {name: results[field] for name, results in _postgresql_reads().items()}


@cache
def _postgresql_reads() -> dict[str, dict[str, Any]]:
    # Read once a run: a SQLite run writes only its own files.
    reference = RESULTS / f"postgresql-{TREE}.json"
    if DATABASE != "sqlite" or not reference.exists():
        return {}
    return {
        s["name"]: s["results"]
        for s in json.loads(reference.read_text())["scenarios"]
        if s["kind"] in COMPARED_KINDS
    }


def against_postgresql(report: dict[str, Any]) -> list[str]:
    """On SQLite, each read's p99 against PostgreSQL's at the same scale and rate."""
    theirs = _postgresql_reads()
    lines = []
    for s in report["scenarios"]:
        if (their := theirs.get(s["name"])) is not None:
            ratio = s["results"]["p99_ms"] / max(their["p99_ms"], 0.001)
            text = f"{s['name']}: p99 {ratio:.2f}× PostgreSQL's ≤ 2×{_stolen(s['results'], their)}"
            lines.append(_verdict(text, ratio <= 2))
    return lines


def _verdict(text: str, ok: bool) -> str:
    return f"- {'PASS' if ok else 'FAIL'}: {text}"


def _stolen(*runs: dict[str, Any]) -> str:
    """A note on a p99 measured while the hypervisor took a noticeable share of the CPU: the
    slow stretches of these runs coincided with it (bench/README, seventh round)."""
    stolen = max((run.get("cpu_stolen_share") or 0.0) for run in runs)
    return f" ({stolen:.0%} of the CPU stolen meanwhile)" if stolen >= STOLEN_NOTED else ""


def write_results(report: dict[str, Any]) -> None:
    """bench/results/latest.json and latest.md, and the same under the run's database and
    tree (postgresql-city.json ...), which later runs compare with."""
    RESULTS.mkdir(exist_ok=True)
    by_name = {s["name"]: s["results"] for s in report["scenarios"]}
    floor, ceiling = by_name["baseline: database floor"], by_name["baseline: HTTP ceiling"]
    seeding = report["seeding"]
    lines = [
        "# Benchmark results (latest run)",
        "",
        f"{seeding['scale']} on {report['database']} (factor {seeding['factor']:g}: "
        + ", ".join(f"{n:,} {w}" for w, n in seeding["counts"].items())
        + f"; seeded in {seeding['seconds']:.0f} s), {report['workers']} uvicorn workers"
        + (f" pinned to cores {SERVER_CORES}, the load on core {CORES[-1]}" if PIN else "")
        + ", "
        f"{report['duration_s']:g} s per measurement, {date.today()}.",
        "",
        "| scenario | requests/s | p50 ms | p99 ms | at /s | CPU stolen % | serial p50 ms | errors "
        "| SQL/request | × floor (req/s) | × ceiling (req/s) | floor serial p50 ÷ this | target |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for s in report["scenarios"]:
        r = s["results"]
        sql = "" if r["sql_statements"] is None else str(r["sql_statements"])
        stolen = r.get("cpu_stolen_share")
        lines.append(
            f"| {s['name']} | {r['requests_per_s']:,.0f} | {r['p50_ms']} | {r['p99_ms']} "
            f"| {r['fixed_rate']:,.0f} | {'' if stolen is None else f'{stolen * 100:.1f}'} "
            f"| {r['serial_p50_ms']} | {r['errors']} | {sql} "
            f"| {r['requests_per_s'] / floor['requests_per_s']:.2f} "
            f"| {r['requests_per_s'] / ceiling['requests_per_s']:.2f} "
            f"| {floor['serial_p50_ms'] / max(r['serial_p50_ms'], 0.001):.2f} "
            f"| {TARGETS[s['kind']]} |"
        )
    lines += ["", "Targets:", "", *verdicts(report), ""]
    lines.append(f"Worker memory after the run (MB): {report['worker_memory_mb']}.")
    for name in ("latest", f"{report['database']}-{TREE}"):
        (RESULTS / f"{name}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
        (RESULTS / f"{name}.json").write_text(json.dumps(report, indent=2, default=str) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
