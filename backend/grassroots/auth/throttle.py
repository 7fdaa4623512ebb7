"""Counting failed logins per account and client address, per account, and per client address,
shared by every server process: in the database, or in Redis when REDIS_URL is set."""

import math
from datetime import timedelta
from typing import Protocol

from redis.asyncio import Redis
from sqlalchemy import case, literal, select
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.auth.models import LoginThrottle
from grassroots.core.db import UTCDateTime, dialect_insert, utcnow

WINDOW = timedelta(minutes=15)
# Guessing one account's password from one address: strict. Strict for the account alone
# would let anyone lock anyone out by typing their username wrong five times.
ACCOUNT_ADDRESS_LIMIT = 5
# Guessing one account's password from many addresses together.
ACCOUNT_LIMIT = 50
# Spraying many accounts from one address.
ADDRESS_LIMIT = 30


def login_limits(username: str, client_address: str | None) -> list[tuple[str, int]]:
    """The counters a login attempt is checked against and counts a failure on, with their
    limits: this account from this address first, then this account, then this address."""
    account, address = f"account:{username.lower()}", f"address:{client_address}"
    return [
        (f"{account}|{address}", ACCOUNT_ADDRESS_LIMIT),
        (account, ACCOUNT_LIMIT),
        (address, ADDRESS_LIMIT),
    ]


class Throttle(Protocol):
    """Failure counters over a fixed window, read and counted several at once."""

    async def blocked_for(self, session: AsyncSession, limits: list[tuple[str, int]]) -> int | None:
        """Seconds until every counter is under its limit, or None when it may try now."""

    async def add_failure(self, session: AsyncSession, keys: list[str]) -> None:
        """Count one more failure for each of `keys`."""

    async def clear(self, session: AsyncSession, key: str) -> None:
        """Forget the failures of `key`."""


def _longest_wait(waits: list[float]) -> int | None:
    """The whole seconds of the longest positive wait, or None when there is none."""
    longest = max(waits, default=0.0)
    return math.ceil(longest) if longest > 0 else None


class DatabaseThrottle:
    """Counters in the `login_throttle` table."""

    async def blocked_for(self, session: AsyncSession, limits: list[tuple[str, int]]) -> int | None:
        limit_of = dict(limits)
        rows = await session.scalars(select(LoginThrottle).where(LoginThrottle.key.in_(limit_of)))
        now = utcnow()
        return _longest_wait(
            [
                (row.window_started_at + WINDOW - now).total_seconds()
                for row in rows
                if row.failures >= limit_of[row.key]
            ]
        )

    async def add_failure(self, session: AsyncSession, keys: list[str]) -> None:
        now = utcnow()
        expired = LoginThrottle.window_started_at < literal(now - WINDOW, UTCDateTime())
        insert = dialect_insert(session, LoginThrottle).values(
            [{"key": key, "window_started_at": now, "failures": 1} for key in keys]
        )
        await session.execute(
            insert.on_conflict_do_update(
                index_elements=[LoginThrottle.key],
                set_={
                    "failures": case((expired, 1), else_=LoginThrottle.failures + 1),
                    "window_started_at": case(
                        (expired, literal(now, UTCDateTime())),
                        else_=LoginThrottle.window_started_at,
                    ),
                },
            )
        )

    async def clear(self, session: AsyncSession, key: str) -> None:
        row = await session.get(LoginThrottle, key)
        if row is not None:
            await session.delete(row)


class RedisThrottle:
    """Counters in Redis, expiring with their window."""

    def __init__(self, client: "Redis", *, namespace: str = "grassroots:login-throttle"):
        self.client = client
        self.namespace = namespace

    def _key(self, key: str) -> str:
        return f"{self.namespace}:{key}"

    async def blocked_for(self, session: AsyncSession, limits: list[tuple[str, int]]) -> int | None:
        async with self.client.pipeline(transaction=False) as pipe:
            for key, _ in limits:
                pipe.get(self._key(key))
                pipe.ttl(self._key(key))
            replies = await pipe.execute()
        counts, ttls = replies[0::2], replies[1::2]
        return _longest_wait(
            [
                float(ttl)
                for (_, limit), failures, ttl in zip(limits, counts, ttls, strict=True)
                if failures is not None and int(failures) >= limit
            ]
        )

    async def add_failure(self, session: AsyncSession, keys: list[str]) -> None:
        async with self.client.pipeline(transaction=True) as pipe:
            for key in keys:
                pipe.incr(self._key(key))
                pipe.expire(self._key(key), int(WINDOW.total_seconds()), nx=True)
            await pipe.execute()

    async def clear(self, session: AsyncSession, key: str) -> None:
        await self.client.delete(self._key(key))


def make_throttle(redis_url: str) -> Throttle:
    """The throttle for this installation: Redis when configured, else the database."""
    if redis_url:
        return RedisThrottle(Redis.from_url(redis_url))
    return DatabaseThrottle()
