"""A migrated database per test run (SQLite, or PostgreSQL when TEST_DATABASE_URL is set),
a client on the real app, and empty tables for every test."""

import asyncio
import os
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.main import create_app
from grassroots.models import Base
from tests.builders import bearer, make_user, settings_for_tests
from tests.databases import migrate, scratch_database


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The URL of a database made for this run and migrated to head."""
    with scratch_database(tmp_path_factory.mktemp("db")) as url:
        asyncio.run(migrate(url, "head"))
        yield url


@pytest.fixture(scope="session")
async def app(database_url: str) -> AsyncIterator[FastAPI]:
    app = create_app(settings_for_tests(database_url))
    yield app
    await app.state.engine.dispose()


@pytest.fixture
async def anonymous(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """A client that sends no credentials."""
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client


@pytest.fixture
async def client(app: FastAPI, session: AsyncSession) -> AsyncIterator[httpx.AsyncClient]:
    """A client logged in as a superuser."""
    root = await make_user(session, username="root", superuser=True)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://testserver", headers=bearer(root)
    ) as client:
        yield client


@pytest.fixture
async def session(app: FastAPI) -> AsyncIterator[AsyncSession]:
    """A session on the test database; the test commits what it wants others to see."""
    async with app.state.sessionmaker() as session:
        yield session


@pytest.fixture(autouse=True)
async def empty_tables(app: FastAPI) -> AsyncIterator[None]:
    yield
    async with app.state.engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            await connection.execute(table.delete())


def pytest_report_header() -> str:
    target = os.environ.get("TEST_DATABASE_URL") or "SQLite (set TEST_DATABASE_URL for PostgreSQL)"
    return f"database: {target}"
