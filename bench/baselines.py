"""The two baselines `make bench` reads every scenario against, served like the app (uvicorn
with uvloop and httptools, one worker per core):

- GET /ceiling: a bare Starlette endpoint returning the very bytes of an organization read
  through the app (the HTTP ceiling: what the server stack alone allows);
- GET /floor/{id}: a bare Starlette endpoint running the app's query for one organization by
  primary key with the plain driver and encoding the row with the standard json module (the
  database floor: what the database round trip allows).

Run as `uvicorn --factory bench.baselines:create_app`, with BENCH_FLOOR_URL (postgresql://...
or a SQLite file path) and BENCH_CEILING_BODY (a file holding the bytes to return).
"""

import json
import os
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import asyncpg
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

QUERY = "SELECT * FROM organization WHERE id = {}"


def create_app() -> Starlette:
    """The baselines app for the database in BENCH_FLOOR_URL."""
    url = os.environ["BENCH_FLOOR_URL"]
    ceiling = Path(os.environ["BENCH_CEILING_BODY"]).read_bytes()
    state: dict[str, Any] = {}

    async def ceiling_endpoint(_request: Request) -> Response:
        return Response(ceiling, media_type="application/json")

    async def floor_endpoint(request: Request) -> Response:
        organization_id = request.path_params["organization_id"]
        if "pool" in state:
            row = await state["pool"].fetchrow(QUERY.format("$1"), organization_id)
            found = dict(row) if row else None
        else:
            cursor = state["sqlite"].execute(QUERY.format("?"), (organization_id.replace("-", ""),))
            values = cursor.fetchone()
            found = (
                dict(zip([c[0] for c in cursor.description], values, strict=True))
                if values
                else None
            )
        if found is None:
            return Response(status_code=404)
        return Response(json.dumps(found, default=str), media_type="application/json")

    async def ready(_request: Request) -> Response:
        return Response(b"ready")

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        if url.startswith("postgresql"):
            state["pool"] = await asyncpg.create_pool(url, min_size=1, max_size=10)
        else:
            state["sqlite"] = sqlite3.connect(url, check_same_thread=False)
        yield
        if "pool" in state:
            await state["pool"].close()

    return Starlette(
        routes=[
            Route("/ceiling", ceiling_endpoint),
            Route("/floor/{organization_id}", floor_endpoint),
            Route("/readyz", ready),
        ],
        lifespan=lifespan,
    )
