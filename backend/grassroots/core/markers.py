"""Change markers, and results remembered under one.

A change marker is one row per topic whose `marker` database triggers replace, in the same
transaction, on any change to the tables the topic depends on — changes through the app, by
another server process, by a cascade or by hand alike. A process may keep a result derived from
those tables for as long as the marker it read before computing it has not moved."""

import asyncio
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from typing import Generic, TypeVar

from sqlalchemy import String, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from grassroots.core.db import Base

Value = TypeVar("Value")


class ChangeMarker(Base):
    """The marker of a topic; the triggers that move it are made by the migrations."""

    __tablename__ = "change_marker"

    topic: Mapped[str] = mapped_column(String(40), primary_key=True)
    marker: Mapped[str] = mapped_column(String(32))


class Remembered(Generic[Value]):
    """Results of one topic kept in this process while the topic's marker stays where it was:
    all forgotten when it moves, the least recently used dropped beyond `size`. Concurrent
    requests for the same result wait for the first one's instead of each computing it."""

    def __init__(self, topic: str, *, size: int) -> None:
        # Built once: a lookup binds nothing.
        self._read = select(ChangeMarker.marker).where(ChangeMarker.topic == topic)
        self._size = size
        self._marker: str | None = None
        self._results: OrderedDict[Hashable, Value] = OrderedDict()
        self._computing: dict[Hashable, asyncio.Lock] = {}
        self.computed = 0

    async def get(
        self, session: AsyncSession, key: Hashable, compute: Callable[[], Awaitable[Value]]
    ) -> Value:
        """The result under `key`, computed in `session` unless remembered under the marker
        as committed now."""
        # Read before computing: a change committed meanwhile moves the marker past the one the
        # result is kept under, so it is at worst computed again, never kept stale.
        marker = await session.scalar(self._read)
        self._follow(marker)
        if len(self._computing) > 4 * self._size:
            self._forget_idle_locks()
        async with self._computing.setdefault((marker, key), asyncio.Lock()):
            if (result := self._results.get(key)) is not None and self._marker == marker:
                self._results.move_to_end(key)
                return result
            result = await compute()
            self.computed += 1
            if self._marker == marker:
                self._keep(key, result)
            return result

    def _follow(self, marker: str | None) -> None:
        if marker != self._marker:
            self._marker = marker
            self._results.clear()
            self._forget_idle_locks()

    def _forget_idle_locks(self) -> None:
        self._computing = {held: lock for held, lock in self._computing.items() if lock.locked()}

    def _keep(self, key: Hashable, result: Value) -> None:
        self._results[key] = result
        while len(self._results) > self._size:
            self._results.popitem(last=False)
