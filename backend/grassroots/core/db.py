"""Declarative base, engine, and the request's session (one transaction per request)."""

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, ClassVar, TypeVar

from anyio import CancelScope
from fastapi import Depends, Request
from sqlalchemy import BigInteger, DateTime, Dialect, Integer, MetaData, String, event
from sqlalchemy import Enum as SqlEnum
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column
from sqlalchemy.types import TypeDecorator

from grassroots.core.enums import LabeledEnum

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """Return the current instant in UTC."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC instant on every database (SQLite keeps no zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where a UTC instant is required")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Money(TypeDecorator[Decimal]):
    """An amount of yuan kept exactly, as whole fen, on every database."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> int | None:
        return None if value is None else int(value * 100)

    def process_result_value(self, value: int | None, dialect: Dialect) -> Decimal | None:
        return None if value is None else Decimal(value) / 100


def enum_column(enum: type[LabeledEnum]) -> SqlEnum:
    """A VARCHAR column holding an enumeration's codes (no database enum type to migrate)."""
    return SqlEnum(
        enum,
        native_enum=False,
        length=32,
        validate_strings=True,
        values_callable=lambda members: [member.value for member in members],
    )


def binary_string(length: int) -> String:
    """A string compared byte by byte on every database, so range scans agree."""
    return String(length).with_variant(String(length, collation="C"), "postgresql")


class Base(DeclarativeBase):
    """Base of every table, with the constraint naming convention and UTC instants."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime}


class Entity(Base):
    """A mutable resource: UUID id, `version` (bumped on each update), timestamps."""

    __abstract__ = True

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805 (a class-level directive)
        return {"version_id_col": cls.version}


def dialect_insert(session: AsyncSession, table: Any) -> Any:
    """An INSERT that supports ON CONFLICT, for the database the session talks to."""
    dialect = sqlite if session.get_bind().dialect.name == "sqlite" else postgresql
    return dialect.insert(table)


async def stream_rows(
    sessionmaker: async_sessionmaker[AsyncSession],
    statement: Any,
    to_row: Callable[[Any], dict[str, Any]],
) -> AsyncIterator[dict[str, Any]]:
    """Rows of a query, fetched a thousand at a time in a session of their own, for a
    response that streams after the request's own session has closed."""
    async with sessionmaker() as session:
        result = await session.stream(statement.execution_options(yield_per=1000))
        async for row in result:
            yield to_row(row)


def make_engine(database_url: str) -> AsyncEngine:
    """Create the engine for a URL, with SQLite set up for concurrent use."""
    if database_url.startswith("sqlite"):
        _ensure_sqlite_directory(database_url)
        engine = create_async_engine(database_url, connect_args={"timeout": 30})
        event.listen(engine.sync_engine, "connect", _configure_sqlite)
        return engine
    # No pool_pre_ping: it costs a round trip on every checkout, one in seven of a simple
    # read's. A connection the server closed (a restart, an idle timeout) is noticed by the
    # event loop as it happens, and the checkout below replaces it without a round trip.
    # No JIT: its compiling costs 20-30 ms on any statement estimated above its threshold
    # (a whole city's stats are), more than such a statement takes to run here.
    engine = create_async_engine(
        database_url,
        pool_size=10,
        max_overflow=10,
        connect_args={"server_settings": {"jit": "off"}},
    )
    event.listen(engine.sync_engine, "checkout", _refuse_closed_connection)
    return engine


def _refuse_closed_connection(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
    if dbapi_connection.driver_connection.is_closed():
        # The pool retries the checkout with a fresh connection.
        raise DisconnectionError("the database server closed this connection")


def _ensure_sqlite_directory(database_url: str) -> None:
    path = database_url.split(":///", 1)[1] if ":///" in database_url else ""
    if path and path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)


def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    # Foreign keys are off by default in SQLite; WAL lets readers run beside a writer.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Create the session factory bound to an engine."""
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)


FailureAction = Callable[[AsyncSession], Awaitable[None]]


def keep_on_failure(session: AsyncSession, action: FailureAction) -> None:
    """Run `action` in a transaction of its own if the request fails: for what a refusal
    must leave behind (an audit record, a throttle count) while everything else rolls back."""
    session.info.setdefault("on_failure", []).append(action)


READING_METHODS = frozenset({"GET", "HEAD"})


def reading_engine(engine: AsyncEngine) -> AsyncEngine:
    """The engine of requests that only read: on PostgreSQL in autocommit, sparing each read
    two round trips of five (BEGIN and COMMIT). Under READ COMMITTED every statement takes its
    own snapshot anyway; the few rows a read leaves behind (a refusal's audit record) are
    written by the one flush at the end, as before."""
    if engine.dialect.name != "postgresql":
        return engine
    return engine.execution_options(isolation_level="AUTOCOMMIT")


CommitAction = Callable[[], Awaitable[None]]


def after_commit(session: AsyncSession, action: CommitAction) -> None:
    """Run `action` once the request's transaction has committed, and never if it rolls back:
    for what leaves the system (an SMS) and must not happen for a request that failed."""
    session.info.setdefault("after_commit", []).append(action)


SESSION = "grassroots.session"
Result = TypeVar("Result")


async def get_session(request: Request) -> AsyncSession:
    """The request's session. The route (`core.routing.SessionRoute`) ends it: commits when
    the endpoint succeeds, rolls back otherwise, then runs what waits for the commit."""
    if not getattr(request.scope.get("route"), "ends_session", False):
        raise RuntimeError(f"{request.url.path}: only a SessionRoute ends a request's session")
    state = request.app.state
    sessionmaker: async_sessionmaker[AsyncSession] = (
        state.reading_sessionmaker if request.method in READING_METHODS else state.sessionmaker
    )
    session = sessionmaker()
    session.info["client_address"] = request.client.host if request.client else None
    request.scope[SESSION] = session
    return session


async def in_request_session(scope: MutableMapping[str, Any], work: Awaitable[Result]) -> Result:
    """Await a route's `work`; then commit the session it opened, if any, or roll it back
    when the work or the commit failed; then run what waits for the commit."""
    try:
        result = await work
        session: AsyncSession | None = scope.get(SESSION)
        if session is not None:
            await session.commit()
    except BaseException:
        failed: AsyncSession | None = scope.pop(SESSION, None)
        if failed is not None:
            # Shielded: a cancelled request still rolls back and leaves its refusal's records.
            with CancelScope(shield=True):
                await _roll_back(failed)
        raise
    committed: AsyncSession | None = scope.pop(SESSION, None)
    if committed is not None:
        await _after_commit(committed)
    return result


async def _after_commit(session: AsyncSession) -> None:
    try:
        actions: list[CommitAction] = session.info.pop("after_commit", [])
        for action in actions:
            await action()
    finally:
        await session.close()


async def _roll_back(session: AsyncSession) -> None:
    try:
        session.info.pop("after_commit", None)
        await session.rollback()
        await _run_failure_actions(session)
    finally:
        await session.close()


async def _run_failure_actions(session: AsyncSession) -> None:
    actions: list[FailureAction] = session.info.pop("on_failure", [])
    if not actions:
        return
    for action in actions:
        await action(session)
    await session.commit()


# Not a generator dependency: FastAPI wraps each of those in an exit stack and a cancel scope
# (~30 µs a request, measured). The route commits before the response is sent, so nothing
# acknowledged to a client can be lost afterwards.
SessionDep = Annotated[AsyncSession, Depends(get_session)]
