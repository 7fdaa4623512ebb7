"""The connection pool: a connection the database server closed is replaced at checkout, and a
request that only reads sends no BEGIN or COMMIT."""

import asyncio
import gc
from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import event, text

from grassroots.core.db import make_engine
from tests.builders import organization_body
from tests.databases import only_on_postgresql


@only_on_postgresql
async def test_a_connection_the_server_closed_is_replaced_without_an_error(database_url: str):
    engine = make_engine(database_url)
    try:
        async with engine.connect() as killer:
            async with engine.connect() as connection:
                pid = (await connection.execute(text("SELECT pg_backend_pid()"))).scalar_one()
            # Back in the pool and idle when the server ends it (as a restart would).
            await killer.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
            await asyncio.sleep(0.2)
            async with engine.connect() as connection:
                again = (await connection.execute(text("SELECT pg_backend_pid()"))).scalar_one()
                assert again != pid
    finally:
        await engine.dispose()


@only_on_postgresql
async def test_a_read_opens_no_transaction_and_a_write_commits_one(
    app: FastAPI, client: httpx.AsyncClient
):
    sent: list[str] = []
    watched: set[int] = set()

    def watch(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        driver = dbapi_connection.driver_connection
        if id(driver) not in watched:
            watched.add(id(driver))
            driver.add_query_logger(lambda record: sent.append(record.query))

    event.listen(app.state.engine.sync_engine, "checkout", watch)
    try:
        created = await client.post("/api/v1/organizations", json=organization_body(name="试点"))
        assert created.status_code == 201, created.text
        # After a read the pool restores the isolation level: BEGIN then names it.
        begins = [query for query in sent if query.startswith("BEGIN")]
        assert len(begins) == 1 and sent.count("COMMIT;") == 1
        sent.clear()
        read = await client.get(created.headers["Location"])
        assert read.status_code == 200
        assert read.json()["name"] == "试点"
        assert not [query for query in sent if query.startswith(("BEGIN", "COMMIT"))]
    finally:
        event.remove(app.state.engine.sync_engine, "checkout", watch)


@only_on_postgresql
async def test_the_apps_connections_never_compile_statements_just_in_time(app: FastAPI):
    async with app.state.engine.connect() as connection:
        assert (await connection.execute(text("SHOW jit"))).scalar_one() == "off"


async def test_what_start_up_made_is_kept_out_of_the_garbage_collectors_passes(app: FastAPI):
    """A full collection through the app's own objects stalled every request for ~150 ms."""
    assert gc.get_freeze_count() > 100_000
