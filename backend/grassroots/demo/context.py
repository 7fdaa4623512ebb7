"""What every section of the demo seed shares: the session, the day it is seeded for, the
county's organizations, and seeded random numbers so the demo looks the same every time."""

import random
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.core.db import Base
from grassroots.core.localtime import LOCAL_TIME
from grassroots.core.tabular import chunked
from grassroots.organizations.enums import Tier
from grassroots.organizations.models import Organization, within_subtree


@dataclass
class DemoContext:
    """The demo county as seeded so far, and the day the demo is seeded for."""

    session: AsyncSession
    today: date
    upload_dir: Path
    county: Organization
    organizations: list[Organization]
    by_code: dict[str, Organization] = field(init=False)
    by_id: dict[uuid.UUID, Organization] = field(init=False)

    def __post_init__(self) -> None:
        self.by_code = {org.code: org for org in self.organizations}
        self.by_id = {org.id: org for org in self.organizations}

    @classmethod
    async def load(
        cls, session: AsyncSession, *, county_code: str, today: date, upload_dir: Path
    ) -> "DemoContext":
        """The context of the county with this code (its whole subtree, by code: ids, and so
        paths, differ from one database to the next, codes do not)."""
        county = await session.scalar(select(Organization).where(Organization.code == county_code))
        assert county is not None, "the demo organizations are seeded first"
        organizations = await session.scalars(
            select(Organization)
            .where(within_subtree(Organization.path, county.path))
            .order_by(Organization.code)
        )
        return cls(session, today, upload_dir, county, list(organizations))

    @property
    def communities(self) -> list[Organization]:
        """The residential communities, where in-service members register."""
        return [org for org in self.organizations if org.tier is Tier.COMMUNITY]

    @property
    def now(self) -> datetime:
        """The latest instant of the seed day that has passed."""
        return min(self.at(self.today, 23.99), datetime.now(UTC))

    def rng(self, *parts: object) -> random.Random:
        """A random generator seeded by a name, so each part of the demo is stable alone."""
        return random.Random("qingshan/" + "/".join(str(part) for part in parts))

    def at(self, day: date, hour: float) -> datetime:
        """A local time of day as a UTC instant."""
        local = datetime.combine(day, time(), tzinfo=LOCAL_TIME) + timedelta(hours=hour)
        return local.astimezone(UTC)

    def days_ago(self, rng: random.Random, low: int, high: int) -> date:
        """A day between `low` and `high` days before the seed day."""
        return self.today - timedelta(days=rng.randint(low, high))

    def subtree(self, organization: Organization) -> list[Organization]:
        """The organization and everything below it."""
        return [org for org in self.organizations if org.path.startswith(organization.path)]


async def insert_rows(session: AsyncSession, model: type[Base], rows: list[dict[str, Any]]) -> None:
    """Insert many rows of a table in a few statements, bypassing the ORM's per-row work (each
    section writes one audit event for all its rows)."""
    table = cast(Table, model.__table__)
    for chunk in chunked(rows, 500):
        await session.execute(insert(table), chunk)


def new_id(rng: random.Random) -> uuid.UUID:
    """A version-4 UUID drawn from a seeded generator, so ids are stable between seeds."""
    return uuid.UUID(int=rng.getrandbits(128), version=4)


@dataclass(frozen=True)
class Section:
    """One part of the demo: seeds its rows unless they are there, and says how many of each
    kind it added (nothing when they were there)."""

    name: str
    seed: Callable[[DemoContext], Awaitable[dict[str, int]]]
