"""The connection pool: a connection the database server closed is replaced at checkout."""

import asyncio

import pytest
from sqlalchemy import text

from grassroots.core.db import make_engine
from tests.databases import postgres_admin_url


@pytest.mark.skipif(postgres_admin_url() is None, reason="needs PostgreSQL")
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
