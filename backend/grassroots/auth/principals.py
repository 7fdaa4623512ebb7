"""A per-process memory of the callers already loaded, so that a signed-in request spends no
statement on who its caller is; kept exact across processes by the database itself.

Any change that could alter a caller — an account, a grant, an organization's place in the
tree, a session ended — makes every process forget all it remembers: on PostgreSQL the change
notifies every process (LISTEN/NOTIFY) in its own transaction; on SQLite each process asks,
before it uses what it remembers, whether anyone has committed anything since it last asked
(`PRAGMA data_version` on a connection of its own that never writes: ~6 µs, no thread hop),
which also catches a change made by hand. The process that made a change forgets at its
commit. Memory is used only while changes can be heard (never before the listener is
connected or after it is lost, never on an in-memory SQLite database), and no entry outlives
`seconds`, which bounds a change made behind the app's back on PostgreSQL (by hand in psql)."""

import asyncio
import logging
import os
import sqlite3
import time
import uuid
import weakref
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager, suppress
from typing import Any

import asyncpg
from sqlalchemy import event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import ORMExecuteState, Session
from sqlalchemy.orm.attributes import get_history

from grassroots.auth.models import RefreshToken
from grassroots.core.security import Principal
from grassroots.organizations.models import Organization
from grassroots.users.models import Grant, User

CHANNEL = "grassroots_principals"
MAX_ENTRIES = 10_000
RECONNECT_SECONDS = 1.0
# Tables whose rows make up a principal, and the statements on them that can change one
# (a new organization or a new session changes no caller that is already remembered).
WATCHED = {
    Grant.__tablename__: ("insert", "update", "delete"),
    User.__tablename__: ("update", "delete"),
    Organization.__tablename__: ("update", "delete"),
    RefreshToken.__tablename__: ("update", "delete"),
}
CHANGED = "principals_changed"
# Names this process in its notifications: it forgets at its own commit already, and its own
# notification coming back later must not make it forget what it loaded since.
ORIGIN = uuid.uuid4().hex
logger = logging.getLogger("grassroots.auth")
_caches: "weakref.WeakSet[PrincipalCache]" = weakref.WeakSet()

Key = tuple[uuid.UUID, uuid.UUID]


class PrincipalCache:
    """Principals by (user, session), for a few seconds, while changes are being heard."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.listening = False
        self.generation = 0
        # Asked before each use where changes are not announced (SQLite): has anything changed?
        self.changed: Callable[[], bool] | None = None
        self._entries: dict[Key, tuple[float, Principal]] = {}
        _caches.add(self)

    def get(self, key: Key) -> Principal | None:
        """The remembered principal of `key`, if one is remembered and still fresh."""
        if not self.listening:
            return None
        if self.changed is not None and self.changed():
            self.forget()
            return None
        entry = self._entries.get(key)
        if entry is None or entry[0] <= time.monotonic():
            return None
        return entry[1]

    def put(self, key: Key, principal: Principal, loaded_in_generation: int) -> None:
        """Remember a principal, unless something changed while it was being loaded."""
        if not self.listening or self.seconds <= 0 or loaded_in_generation != self.generation:
            return
        if len(self._entries) >= MAX_ENTRIES:
            self._entries.clear()
        self._entries[key] = (time.monotonic() + self.seconds, principal)

    def forget(self) -> None:
        """Forget every principal (something that makes them up has changed)."""
        self.generation += 1
        self._entries.clear()


@asynccontextmanager
async def listening(cache: PrincipalCache, database_url: str) -> AsyncIterator[None]:
    """Hear of changes for the lifetime of the app (nothing is remembered where they cannot be
    heard)."""
    url = make_url(database_url)
    sqlite_file = _sqlite_file(url)
    if cache.seconds <= 0 or (sqlite_file is None and not url.drivername.startswith("postgresql")):
        yield
        return
    if sqlite_file is not None:
        with _watching_sqlite(cache, sqlite_file):
            yield
        return
    dsn = url.set(drivername="postgresql").render_as_string(hide_password=False)
    task = asyncio.create_task(_listen(cache, dsn))
    try:
        yield
    finally:
        task.cancel()
        with suppress(asyncio.CancelledError):
            await task


def _sqlite_file(url: URL) -> str | None:
    """The file of a SQLite database (None for another database, or one in memory)."""
    if not url.drivername.startswith("sqlite") or url.database in {None, "", ":memory:"}:
        return None
    return str(url.database)


@contextmanager
def _watching_sqlite(cache: PrincipalCache, path: str) -> Iterator[None]:
    # A connection of its own that never writes: its data_version moves with every commit
    # made by any other connection, of this process or another, the app's or by hand.
    connection = sqlite3.connect(path, isolation_level=None)
    seen = _data_version(connection)

    def changed() -> bool:
        nonlocal seen
        now = _data_version(connection)
        if now is None or now != seen:
            seen = now
            return True
        return False

    cache.changed = changed
    cache.listening = True
    try:
        yield
    finally:
        cache.listening = False
        cache.changed = None
        cache.forget()
        connection.close()


def _data_version(connection: sqlite3.Connection) -> int | None:
    """The connection's count of commits by others; None when it cannot be read (then
    everything counts as changed)."""
    try:
        row = connection.execute("PRAGMA data_version").fetchone()
    except sqlite3.Error:
        return None
    return int(row[0])


async def _listen(cache: PrincipalCache, dsn: str) -> None:
    while True:
        try:
            await _listen_once(cache, dsn)
        except (OSError, asyncpg.PostgresError) as exc:
            logger.warning("not hearing principal changes: %s", exc)
        finally:
            cache.listening = False
            cache.forget()
        await asyncio.sleep(RECONNECT_SECONDS)


async def _listen_once(cache: PrincipalCache, dsn: str) -> None:
    connection = await asyncpg.connect(dsn)
    lost = asyncio.get_running_loop().create_future()

    def on_lost(_connection: Any) -> None:
        # Called as soon as the driver sees the connection end: stop remembering at once.
        cache.listening = False
        cache.forget()
        if not lost.done():
            lost.set_result(None)

    try:
        connection.add_termination_listener(on_lost)
        await connection.add_listener(CHANNEL, lambda *args: _heard(cache, args[-1]))
        cache.forget()
        cache.listening = True
        await lost
    finally:
        cache.listening = False
        await connection.close(timeout=2)


def _heard(cache: PrincipalCache, origin: str) -> None:
    if origin != ORIGIN:
        cache.forget()


def _new_origin() -> None:
    global ORIGIN
    ORIGIN = uuid.uuid4().hex


os.register_at_fork(after_in_child=_new_origin)


def _mark(session: Session) -> None:
    if not session.info.get(CHANGED):
        session.info[CHANGED] = True
        if session.get_bind().dialect.name == "postgresql":
            # Delivered to every listener when (and only if) the transaction commits.
            session.connection().exec_driver_sql(f"NOTIFY {CHANNEL}, '{ORIGIN}'")


def _changes_a_principal(instance: object, how: str) -> bool:
    """Whether a row flushed `how` ("new", "dirty", "deleted") can alter a principal."""
    if isinstance(instance, Grant):
        return True
    if how == "new" or not isinstance(instance, User | Organization | RefreshToken):
        return False  # a new account, organization or session alters no one remembered
    if how == "deleted" or isinstance(instance, User):
        return True
    watched = "path" if isinstance(instance, Organization) else "revoked_at"
    return get_history(instance, watched).has_changes()


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, _context: Any) -> None:
    flushed = (
        *((row, "new") for row in session.new),
        *((row, "dirty") for row in session.dirty),
        *((row, "deleted") for row in session.deleted),
    )
    if any(_changes_a_principal(row, how) for row, how in flushed):
        _mark(session)


@event.listens_for(Session, "do_orm_execute")
def _on_statement(state: ORMExecuteState) -> None:
    statement = state.statement
    if not getattr(statement, "is_dml", False):
        return
    kind = "insert" if state.is_insert else "update" if state.is_update else "delete"
    if kind in WATCHED.get(getattr(statement.table, "name", ""), ()):  # type: ignore[attr-defined]
        _mark(state.session)


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    if session.info.pop(CHANGED, False):
        for cache in list(_caches):
            cache.forget()


@event.listens_for(Session, "after_rollback")
def _after_rollback(session: Session) -> None:
    session.info.pop(CHANGED, None)
