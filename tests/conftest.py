"""A migrated database per test process (SQLite, or PostgreSQL when TEST_DATABASE_URL is set),
a client on the real app, and empty tables for every test.

Under pytest-xdist (`pytest -n auto`) each worker is a process of its own with its own database,
migrated once when the worker starts and dropped when it ends, and its own upload directory.
Redis counters are namespaced per test (tests/auth/test_throttling.py)."""

import asyncio
import os
import shutil
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.main import create_app
from grassroots.models import Base
from tests.builders import TEST_UPLOADS, bearer, make_user, settings_for_tests
from tests.databases import migrate, scratch_database


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The URL of a database made for this process (one per xdist worker), migrated to head."""
    with scratch_database(tmp_path_factory.mktemp("db")) as url:
        asyncio.run(migrate(url, "head"))
        yield url


@pytest.fixture(scope="session", autouse=True)
def uploads() -> Iterator[None]:
    """This process's upload directory (tests.builders.TEST_UPLOADS), removed at the end."""
    yield
    shutil.rmtree(TEST_UPLOADS, ignore_errors=True)


@pytest.fixture(scope="session")
async def app(database_url: str) -> AsyncIterator[FastAPI]:
    """The app, started as a server starts it (on PostgreSQL it then remembers callers, so
    every test also checks that what it changes is seen by the next request)."""
    app = create_app(settings_for_tests(database_url))
    async with app.router.lifespan_context(app):
        yield app


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
