"""The schema exists only through migrations, and the migrations match the models."""

import asyncio
from pathlib import Path
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.engine import Connection

from grassroots.core.db import make_engine
from grassroots.models import Base
from tests.databases import migrate, scratch_database


async def _inspect(url: str) -> tuple[list[Any], set[str]]:
    engine = make_engine(url)

    def read(connection: Connection) -> tuple[list[Any], set[str]]:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        tables = set(inspect(connection).get_table_names()) - {"alembic_version"}
        return compare_metadata(context, Base.metadata), tables

    try:
        async with engine.connect() as connection:
            return await connection.run_sync(read)
    finally:
        await engine.dispose()


def test_upgrade_downgrade_upgrade_and_no_drift(tmp_path: Path):
    with scratch_database(tmp_path) as url:
        asyncio.run(migrate(url, "head"))
        asyncio.run(migrate(url, "base", down=True))
        assert asyncio.run(_inspect(url))[1] == set()
        asyncio.run(migrate(url, "head"))
        differences, tables = asyncio.run(_inspect(url))
        assert tables == set(Base.metadata.tables)
        assert differences == [], f"models and migrations disagree: {differences}"


def test_the_app_never_creates_tables_itself():
    source = Path(__file__).resolve().parents[1] / "backend" / "grassroots"
    offenders = [str(path) for path in source.rglob("*.py") if "create_all" in path.read_text()]
    assert offenders == []
