"""The connection pool: a connection the database server closed is replaced at checkout, and a
request that only reads sends no BEGIN or COMMIT."""

import asyncio
import gc
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import event, func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.core.db import SessionDep, make_engine
from grassroots.core.routing import Router
from grassroots.organizations.models import Organization
from grassroots.organizations.schemas import OrganizationRead
from tests.builders import make_organization, organization_body
from tests.databases import only_on_postgresql
from tests.imports.test_imports import MEMBER_HEADERS, csv_bytes, upload
from tests.members.test_members import id_number


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
        await asyncio.sleep(0)  # the driver hands its query records over on the next turn
        # After a read the pool restores the isolation level: BEGIN then names it.
        begins = [query for query in sent if query.startswith("BEGIN")]
        assert len(begins) == 1 and sent.count("COMMIT;") == 1
        sent.clear()
        read = await client.get(created.headers["Location"])
        assert read.status_code == 200
        assert read.json()["name"] == "试点"
        await asyncio.sleep(0)
        assert not [query for query in sent if query.startswith(("BEGIN", "COMMIT"))]
    finally:
        event.remove(app.state.engine.sync_engine, "checkout", watch)


async def test_a_session_is_handed_only_to_a_route_that_ends_it():
    """A route outside the domain routers would leave its session open, never committed."""
    bare = FastAPI()

    @bare.get("/plain")
    async def plain(session: SessionDep) -> None:
        """Declares the request's session."""

    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=bare), base_url="http://t") as c:
        with pytest.raises(RuntimeError, match="only a SessionRoute ends a request's session"):
            await c.get("/plain")


async def test_a_response_that_cannot_be_written_leaves_nothing_stored(
    app: FastAPI, session: AsyncSession
):
    """The route commits once the response is ready: a body its model refuses is a 500, and
    the write before it is rolled back."""
    router = Router()

    @router.post("/broken", response_model=OrganizationRead)
    async def broken(request_session: SessionDep) -> Any:
        """Stores an organization, then answers with a body that is not one."""
        await make_organization(request_session, code="BROKEN01", commit=False)
        return {"not": "an organization"}

    bare = FastAPI()
    bare.state.sessionmaker = app.state.sessionmaker
    bare.state.reading_sessionmaker = app.state.reading_sessionmaker
    bare.include_router(router)
    transport = httpx.ASGITransport(app=bare, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
        assert (await c.post("/broken")).status_code == 500
    stored = select(func.count()).where(Organization.code == "BROKEN01")
    assert await session.scalar(stored) == 0


@only_on_postgresql
async def test_the_apps_connections_never_compile_statements_just_in_time(app: FastAPI):
    async with app.state.engine.connect() as connection:
        assert (await connection.execute(text("SHOW jit"))).scalar_one() == "off"


async def test_what_start_up_made_is_kept_out_of_the_garbage_collectors_passes(app: FastAPI):
    """A full collection through the app's own objects stalled every request for ~150 ms."""
    assert gc.get_freeze_count() > 100_000


async def test_an_import_leaves_what_start_up_made_out_of_the_collectors_passes(
    client: httpx.AsyncClient, session: AsyncSession
):
    """An import's end handed every set-aside object back, so a server's first import brought
    the ~150 ms full collections back."""
    await make_organization(session, code="330127001201")
    set_aside = gc.get_freeze_count()
    member = ["张伟", "男", id_number(sequence="111"), "330127001201", "正式党员", "", "", ""]
    job = await upload(client, "members", csv_bytes([MEMBER_HEADERS, member]), dry_run="true")
    assert job["state"] == "succeeded", job
    assert gc.get_freeze_count() >= set_aside > 100_000
