"""Scratch databases for tests: a SQLite file, or a PostgreSQL database created and dropped."""

import asyncio
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import asyncpg
import pytest
from alembic import command
from alembic.config import Config

from grassroots.core.config import async_database_url

ROOT = Path(__file__).resolve().parent.parent


def postgres_admin_url() -> str | None:
    """The PostgreSQL server tests run on, or None for SQLite."""
    return os.environ.get("TEST_DATABASE_URL") or None


# Some mechanisms exist on one database only (LISTEN/NOTIFY, server settings): their tests run
# in that database's pass of the suite, and CI runs both passes.
only_on_postgresql = pytest.mark.skipif(
    postgres_admin_url() is None, reason="a PostgreSQL mechanism: run in the PostgreSQL pass"
)
only_on_sqlite = pytest.mark.skipif(
    postgres_admin_url() is not None, reason="a SQLite rule: run in the SQLite pass"
)


def worker() -> str:
    """This pytest-xdist worker ("gw0", "gw1" ...), or "main" when the run is not distributed."""
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


@contextmanager
def scratch_database(directory: Path) -> Iterator[str]:
    """Yield the async URL of a new empty database, removed afterwards. Names are unique, so
    xdist workers, parallel runs and tests that make databases of their own never share one."""
    admin_url = postgres_admin_url()
    name = f"grassroots_test_{worker()}_{uuid.uuid4().hex[:12]}"
    if admin_url is None:
        path = directory / f"{name}.db"
        try:
            yield async_database_url(f"sqlite:///{path}")
        finally:
            for leftover in directory.glob(f"{name}.db*"):  # with its -wal and -shm
                leftover.unlink()
        return
    asyncio.run(_admin(admin_url, f'CREATE DATABASE "{name}"'))
    try:
        base = async_database_url(admin_url).rsplit("/", 1)[0]
        yield f"{base}/{name}"
    finally:
        asyncio.run(_admin(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


async def _admin(admin_url: str, statement: str) -> None:
    plain = admin_url.replace("postgresql+asyncpg://", "postgresql://", 1)
    connection = await asyncpg.connect(plain)
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


def alembic_config(database_url: str) -> Config:
    """An Alembic configuration aimed at one database."""
    config = Config(str(ROOT / "alembic.ini"))
    config.attributes["database_url"] = database_url
    config.attributes["configure_logger"] = False
    return config


async def migrate(database_url: str, revision: str, *, down: bool = False) -> None:
    """Upgrade (or downgrade) a database, off the event loop Alembic's env.py uses its own."""
    config = alembic_config(database_url)
    step = command.downgrade if down else command.upgrade
    await asyncio.to_thread(step, config, revision)
