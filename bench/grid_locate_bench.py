"""Benchmark of locating the grid that contains a point, with 10,000 grids.

    .venv/bin/python -m bench.grid_locate_bench            # SQLite scratch file
    TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python -m bench.grid_locate_bench        # PostgreSQL scratch database

Seeds 100 communities with 100 grids each (a 100 × 100 tiling of 0.01° cells near 30°N,
every cell a 40-position ring whose borders are shared with its neighbours), then measures
through the real app, one request at a time: GET /api/v1/grids/locate for random points
(target: p99 under 20 ms), the first call (which loads the index), and a call right after
another process changed a boundary.
"""

import asyncio
import random
import statistics
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
from tests.builders import TEST_SECRET, settings_for_tests
from tests.databases import migrate, scratch_database

from bench.load import percentile
from grassroots.core.db import utcnow
from grassroots.core.security import SYSTEM, encode_access_token
from grassroots.grids import service as grid_service
from grassroots.grids.models import Grid
from grassroots.main import create_app
from grassroots.organizations import service as org_service
from grassroots.organizations.enums import Domain, Kind, Tier
from grassroots.organizations.schemas import OrganizationCreate
from grassroots.users.models import User

SIDE = 100
CELL = 0.01
WEST, SOUTH = 120.0, 30.0
PER_EDGE = 10
SAMPLES = 3000


def cell_ring(column: int, row: int) -> list[list[float]]:
    """A closed ring around one cell, PER_EDGE positions per edge, computed from the grid
    lines so that neighbouring cells share their borders exactly."""
    xs = [WEST + (column + i / PER_EDGE) * CELL for i in range(PER_EDGE + 1)]
    ys = [SOUTH + (row + i / PER_EDGE) * CELL for i in range(PER_EDGE + 1)]
    x0, x1, y0, y1 = xs[0], xs[-1], ys[0], ys[-1]
    ring = [[x, y0] for x in xs[:-1]] + [[x1, y] for y in ys[:-1]]
    ring += [[x, y1] for x in reversed(xs[1:])] + [[x0, y] for y in reversed(ys[1:])]
    return [*ring, ring[0]]


async def seed(app: Any) -> User:
    async with app.state.sessionmaker() as session:
        county = await org_service.create_organization(
            session,
            SYSTEM,
            data=OrganizationCreate(
                name="基准县",
                code="BENCH",
                kind=Kind.COMMITTEE,
                tier=Tier.COUNTY,
                domain=Domain.COMMUNITY,
            ),
        )
        communities = []
        for index in range(SIDE):
            communities.append(
                await org_service.create_organization(
                    session,
                    SYSTEM,
                    data=OrganizationCreate(
                        name=f"社区{index}",
                        code=f"BENCH{index:03d}",
                        kind=Kind.BRANCH,
                        tier=Tier.COMMUNITY,
                        domain=Domain.COMMUNITY,
                        parent_id=county.id,
                    ),
                )
            )
        now = utcnow()
        rows = []
        for column in range(SIDE):
            for row in range(SIDE):
                ring = cell_ring(column, row)
                rows.append(
                    {
                        "id": uuid.uuid4(),
                        "version": 1,
                        "created_at": now,
                        "updated_at": now,
                        "organization_id": communities[column].id,
                        "code": f"G{column:03d}{row:03d}",
                        "name": f"网格{column}-{row}",
                        "households": 0,
                        "population": 0,
                        "buildings": [],
                        "boundary": {"type": "Polygon", "coordinates": [ring]},
                    }
                )
        await session.execute(Grid.__table__.insert(), rows)
        await grid_service.bump_marker(session)
        user = User(username="bench", display_name="基准", is_superuser=True)
        session.add(user)
        await session.commit()
        return user


def main() -> None:
    with scratch_database(Path(tempfile.mkdtemp())) as url:
        asyncio.run(run(url))


async def run(url: str) -> None:
    await migrate(url, "head")
    app = create_app(settings_for_tests(url))
    other = create_app(settings_for_tests(url))
    user = await seed(app)
    token = encode_access_token(user_id=user.id, key=TEST_SECRET, minutes=60)
    headers = {"Authorization": f"Bearer {token}"}
    rng = random.Random(7)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://bench", headers=headers
    ) as client:

        async def locate() -> float:
            point = {
                "lng": WEST + rng.random() * SIDE * CELL,
                "lat": SOUTH + rng.random() * SIDE * CELL,
            }
            started = time.perf_counter()
            response = await client.get("/api/v1/grids/locate", params=point)
            elapsed = (time.perf_counter() - started) * 1000
            assert response.status_code == 200, response.text
            return elapsed

        first = await locate()
        for _ in range(200):
            await locate()
        timings = [await locate() for _ in range(SAMPLES)]
        some_grid = (await client.get("/api/v1/grids", params={"limit": 1})).json()
        read_url = f"/api/v1/grids/{some_grid['items'][0]['id']}"
        reads = []
        for _ in range(SAMPLES):
            started = time.perf_counter()
            assert (await client.get(read_url)).status_code == 200
            reads.append((time.perf_counter() - started) * 1000)
        index = app.state.grid_index
        snapshot = index._snapshot
        lookups = []
        for _ in range(SAMPLES):
            lng = WEST + rng.random() * SIDE * CELL
            lat = SOUTH + rng.random() * SIDE * CELL
            started = time.perf_counter()
            assert index._covering(snapshot, lng=lng, lat=lat)
            lookups.append((time.perf_counter() - started) * 1000)
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=other), base_url="http://bench", headers=headers
        ) as elsewhere:
            listed = (await elsewhere.get("/api/v1/grids", params={"limit": 1})).json()
            grid_id = listed["items"][0]["id"]
            moved = await elsewhere.patch(
                f"/api/v1/grids/{grid_id}",
                json={"boundary": {"type": "Polygon", "coordinates": [cell_ring(0, 0)]}},
            )
            assert moved.status_code == 200, moved.text
        after_change = await locate()
    print(f"grids: {SIDE * SIDE}, positions per grid: {4 * PER_EDGE + 1}, samples: {SAMPLES}")
    print(f"first call (loads the index): {first:.0f} ms")
    print(f"call after another process changed a boundary (reloads): {after_change:.0f} ms")
    print(
        f"locate p50 {statistics.median(timings):.2f} ms,"
        f" p95 {percentile(timings, 0.95):.2f} ms,"
        f" p99 {percentile(timings, 0.99):.2f} ms, max {max(timings):.2f} ms"
    )
    print(
        f"for comparison, GET one grid by id: p50 {statistics.median(reads):.2f} ms,"
        f" p99 {percentile(reads, 0.99):.2f} ms"
    )
    print(
        f"the in-memory lookup alone: p50 {statistics.median(lookups) * 1000:.0f} µs,"
        f" p99 {percentile(lookups, 0.99) * 1000:.0f} µs"
    )
    await app.state.engine.dispose()
    await other.state.engine.dispose()


if __name__ == "__main__":
    main()
