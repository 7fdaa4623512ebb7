"""Alembic environment: runs migrations on the app's async engine."""

import asyncio
from logging.config import fileConfig
from typing import Any, Literal

from alembic import context
from sqlalchemy.engine import Connection

from grassroots.core.config import get_settings
from grassroots.core.crypto import EncryptedText
from grassroots.core.db import Money, UTCDateTime, make_engine
from grassroots.models import Base

config = context.config
if config.config_file_name is not None and config.attributes.get("configure_logger", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)

target_metadata = Base.metadata


def database_url() -> str:
    """The URL given by the caller (tests) or the environment's settings."""
    url = config.attributes.get("database_url")
    return str(url) if url else get_settings().database_url


def render_item(kind: str, item: Any, autogen_context: Any) -> str | Literal[False]:
    """Render the app's column types as the plain types they store, so that
    migrations never import application code that may change later."""
    if kind == "type" and isinstance(item, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    if kind == "type" and isinstance(item, Money):
        return "sa.BigInteger()"
    if kind == "type" and isinstance(item, EncryptedText):
        return "sa.Text()"
    return False


def run_migrations(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        render_item=render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


async def run_async_migrations() -> None:
    engine = make_engine(database_url())
    async with engine.connect() as connection:
        await connection.run_sync(run_migrations)
    await engine.dispose()


if context.is_offline_mode():
    raise SystemExit("Offline migrations are not supported; run against a database.")
asyncio.run(run_async_migrations())
