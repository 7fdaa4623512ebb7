"""Realistic data at county or city scale, loaded fast, for benchmarks and load tests
(`grassroots seed --scale county|city`).

A city is a city committee, 10 county committees, 20 townships per county and 49 village
branches per township (10,011 organizations), 300,000 members and 3,000,000 volunteer
records over the last twelve months, 10,000 service grids with boundaries (most with a
team), a units register of one to four units per village and a few per township (about
25,000), and this year's evaluation cycle over the 9,800 villages with 1,000,000 public
ratings and five reviews each, finalized; a county is one county committee with its 20
townships (1,001 organizations) and a tenth of the rest. The rows are made by one seeded
generator and written in bulk: COPY on PostgreSQL, batched inserts on SQLite. The maintained
tallies and subtree rollups are then counted from the verified records in a few set-based
statements, so they agree with what verifying each record one by one would have left; the
evaluation cycle is created, launched and finalized by the app's own services, so its
scores, grades and ranks are the ones the app computes.

Each resource is one `Part` in `PARTS`, run in order in one transaction; a resource added
later (requests) adds its part there, reading what earlier parts made from `Seeded`.
"""

import itertools
import json
import math
import random
import time
import uuid
from collections.abc import Awaitable, Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import Table, bindparam, insert, select, text, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession

from grassroots.core.localtime import local_today
from grassroots.core.security import SYSTEM
from grassroots.core.tree import SEGMENT_LENGTH
from grassroots.evaluations import cycles, results
from grassroots.evaluations.enums import EvaluationState, RaterGroup
from grassroots.evaluations.evaluations import points_of, template_indicators
from grassroots.evaluations.models import (
    Evaluation,
    EvaluationCycle,
    EvaluationRating,
    EvaluationReview,
)
from grassroots.evaluations.schemas import CycleCreate
from grassroots.grids.enums import TeamRole, UnitCoverage, UnitKind
from grassroots.grids.geometry import polygon_area_m2
from grassroots.grids.models import Grid, GridIndexMarker, GridTeam, GridTeamPerson, Unit
from grassroots.members.enums import Gender, MemberStatus, Position
from grassroots.members.models import Member, MemberPosition
from grassroots.organizations.enums import Domain, Formation, Kind, Tier
from grassroots.organizations.models import Organization, child_path
from grassroots.users.models import User
from grassroots.volunteering.enums import RecordStatus, ServiceKind
from grassroots.volunteering.models import VolunteerRecord

CHUNK = 20_000
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国红文斌志春兰海燕玉梅"
PLACES = "青溪白沙石门清河东湖凤凰金桥柳塘双溪大坪茶园枫林杨梅桃源龙泉松山梅岭竹园"
# How often each kind of service is logged (volunteer service most, "other" least).
KIND_WEIGHTS = [30, 15, 10, 10, 10, 8, 8, 6, 3]


@dataclass(frozen=True)
class Scale:
    """How big a generated area is."""

    name: str
    counties: int  # 0: the root is a county committee itself
    townships_per_county: int
    villages_per_township: int
    members: int
    records: int
    grids: int = 0  # service grids, each with a boundary; most with a team
    ratings: int = 0  # public ratings of the evaluation cycle over the villages

    def times(self, factor: float) -> "Scale":
        """The same tree with `factor` times the members, records and ratings (quick runs)."""
        return Scale(
            self.name,
            self.counties,
            self.townships_per_county,
            self.villages_per_township,
            max(1, int(self.members * factor)),
            max(1, int(self.records * factor)),
            self.grids,
            int(self.ratings * factor),
        )


SCALES = {
    "city": Scale("city", 10, 20, 49, 300_000, 3_000_000, 10_000, 1_000_000),
    "county": Scale("county", 0, 20, 49, 30_000, 300_000, 1_000, 100_000),
}


@dataclass
class Seeded:
    """What the parts made so far, for the parts after them (and for a benchmark)."""

    root_id: uuid.UUID | None = None
    organizations: list[tuple[uuid.UUID, str, int]] = field(default_factory=list)  # id, path, depth
    villages: list[uuid.UUID] = field(default_factory=list)
    counties: dict[uuid.UUID, list[uuid.UUID]] = field(default_factory=dict)  # villages of each
    township_of: dict[uuid.UUID, uuid.UUID] = field(default_factory=dict)  # of each village
    grids_of: dict[uuid.UUID, list[tuple[uuid.UUID, int]]] = field(default_factory=dict)  # id, cell
    members: list[tuple[uuid.UUID, uuid.UUID, uuid.UUID]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


class Loader:
    """Writes many rows into a table: COPY on PostgreSQL, batched inserts on SQLite."""

    def __init__(self, connection: AsyncConnection):
        self.connection = connection
        self.postgres = connection.dialect.name == "postgresql"

    async def write(
        self, table: Table, columns: Sequence[str], rows: Iterable[tuple[Any, ...]]
    ) -> int:
        written = 0
        for chunk in _chunks(rows, CHUNK):
            if self.postgres:
                raw = await self.connection.get_raw_connection()
                driver: Any = raw.driver_connection
                await driver.copy_records_to_table(table.name, records=chunk, columns=list(columns))
            else:
                await self.connection.execute(
                    insert(table), [dict(zip(columns, row, strict=True)) for row in chunk]
                )
            written += len(chunk)
        return written

    def month_of(self, column: str) -> str:
        """SQL for the first day of the month of a date column."""
        if self.postgres:
            return f"date_trunc('month', {column})::date"
        return f"date({column}, 'start of month')"


Part = Callable[[Loader, Scale, random.Random, Seeded, date], Awaitable[None]]


def _chunks(rows: Iterable[tuple[Any, ...]], size: int) -> Iterator[list[tuple[Any, ...]]]:
    chunk: list[tuple[Any, ...]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _id(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _place(rng: random.Random) -> str:
    return "".join(rng.sample(PLACES, 2))


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice((1, 2))))


ORGANIZATION_COLUMNS = (
    "id", "version", "created_at", "updated_at", "name", "short_name", "code", "parent_id",
    "path", "depth", "kind", "tier", "domain", "formation", "flag_weak_and_lax",
    "flag_poverty_village", "flag_old_revolutionary_base", "flag_ethnic_minority_area",
    "flag_border_area", "flag_poor_area", "contact_phone",
)  # fmt: skip


async def organizations(
    loader: Loader, scale: Scale, rng: random.Random, seeded: Seeded, today: date
) -> None:
    """The tree: a city (or county) committee, townships and village branches."""
    now = datetime.now(UTC)
    rows: list[tuple[Any, ...]] = []

    def add(
        name: str, code: str, parent: tuple[uuid.UUID, str, str] | None, kind: Kind, tier: Tier,
        domain: Domain, flags: tuple[bool, ...] = (False,) * 6,
    ) -> tuple[uuid.UUID, str, str]:  # fmt: skip
        organization_id = _id(rng)
        path = child_path(parent[1] if parent else "", organization_id)
        depth = len(path) // SEGMENT_LENGTH - 1
        phone = f"0571-{rng.randrange(10**7, 10**8)}"
        rows.append(
            (organization_id, 1, now, now, name, None, code, parent[0] if parent else None, path,
             depth, kind.value, tier.value, domain.value, Formation.STANDALONE.value, *flags,
             phone)
        )  # fmt: skip
        seeded.organizations.append((organization_id, path, depth))
        return organization_id, path, code

    if scale.counties:
        root = add("中共山海市委员会", "CITY", None, Kind.COMMITTEE, Tier.CITY, Domain.GOVERNMENT)
        counties = [
            add(f"中共{_place(rng)}县委员会", f"C{n:02d}", root, Kind.COMMITTEE, Tier.COUNTY,
                Domain.GOVERNMENT)
            for n in range(1, scale.counties + 1)
        ]  # fmt: skip
    else:
        root = add("中共青山县委员会", "C01", None, Kind.COMMITTEE, Tier.COUNTY, Domain.GOVERNMENT)
        counties = [root]
    seeded.root_id = root[0]
    for county in counties:
        villages = seeded.counties.setdefault(county[0], [])
        for t in range(1, scale.townships_per_county + 1):
            place = _place(rng)
            township = add(
                f"中共{place}镇委员会", f"{county[2]}-T{t:02d}",
                county, Kind.COMMITTEE, Tier.TOWNSHIP, Domain.RURAL,
            )  # fmt: skip
            for v in range(1, scale.villages_per_township + 1):
                flags = tuple(rng.random() < share for share in (0.03, 0.1, 0.05, 0.02, 0.01, 0.08))
                village = add(
                    f"中共{place}镇{_place(rng)}村支部委员会",
                    f"{township[2]}-V{v:02d}", township, Kind.BRANCH, Tier.VILLAGE,
                    Domain.RURAL, flags,
                )  # fmt: skip
                villages.append(village[0])
                seeded.villages.append(village[0])
                seeded.township_of[village[0]] = township[0]
    table = Organization.__table__
    seeded.counts["organizations"] = await loader.write(table, ORGANIZATION_COLUMNS, rows)  # type: ignore[arg-type]


MEMBER_COLUMNS = (
    "id", "version", "created_at", "updated_at", "name", "gender", "birth_date", "ethnicity",
    "organization_id", "status", "joined_on", "is_migrant", "is_in_service",
    "residence_organization_id", "is_elderly", "is_in_hardship",
)  # fmt: skip


async def members(
    loader: Loader, scale: Scale, rng: random.Random, seeded: Seeded, today: date
) -> None:
    """Members in the village branches; one in ten serves in a community of their county
    where they live (在职党员进社区), and each village's first member is its secretary."""
    now = datetime.now(UTC)
    county_of = {v: county for county, villages in seeded.counties.items() for v in villages}

    def rows() -> Iterator[tuple[Any, ...]]:
        for n in range(scale.members):
            member_id = _id(rng)
            village = seeded.villages[n % len(seeded.villages)]
            in_service = rng.random() < 0.1
            residence = rng.choice(seeded.counties[county_of[village]]) if in_service else None
            born = date(1940, 1, 1) + timedelta(days=rng.randrange(0, 365 * 62))
            joined = born + timedelta(days=365 * 18 + rng.randrange(0, 365 * 20))
            seeded.members.append((member_id, village, residence or village))
            yield (
                member_id, 1, now, now, _person(rng),
                rng.choice((Gender.MALE, Gender.FEMALE)).value, born,
                "汉族" if rng.random() < 0.92 else "畲族", village,
                (MemberStatus.FULL if rng.random() < 0.95 else MemberStatus.PROBATIONARY).value,
                min(joined, today), rng.random() < 0.05, in_service, residence,
                born.year < today.year - 70, rng.random() < 0.02,
            )  # fmt: skip

    seeded.counts["members"] = await loader.write(Member.__table__, MEMBER_COLUMNS, rows())  # type: ignore[arg-type]
    secretaries = [
        (_id(rng), member_id, village, Position.SECRETARY.value, date(2021, 1, 1))
        for member_id, village, _ in seeded.members[: len(seeded.villages)]
    ]
    await loader.write(
        MemberPosition.__table__,  # type: ignore[arg-type]
        ("id", "member_id", "organization_id", "position", "started_on"),
        secretaries,
    )


RECORD_COLUMNS = (
    "id", "version", "created_at", "updated_at", "member_id", "organization_id", "community_id",
    "served_on", "minutes", "kind", "beneficiaries", "status", "decided_at",
)  # fmt: skip


async def volunteer_records(
    loader: Loader, scale: Scale, rng: random.Random, seeded: Seeded, today: date
) -> None:
    """Records over the last twelve months: a few members do much of the service, most are
    verified, some wait for review and a few were sent back."""
    now = datetime.now(UTC)
    kinds = [kind.value for kind in ServiceKind]
    # Active volunteers: a fifth of the members log three quarters of the records.
    active = max(1, len(seeded.members) // 5)

    def rows() -> Iterator[tuple[Any, ...]]:
        for _ in range(scale.records):
            pick = (
                rng.randrange(active) if rng.random() < 0.75 else rng.randrange(len(seeded.members))
            )
            member_id, organization_id, community_id = seeded.members[pick]
            served = today - timedelta(days=rng.randrange(1, 365))
            roll = rng.random()
            status = (
                RecordStatus.VERIFIED if roll < 0.96
                else RecordStatus.PENDING if roll < 0.99 else RecordStatus.REJECTED
            )  # fmt: skip
            decided = (
                None
                if status is RecordStatus.PENDING
                else datetime(served.year, served.month, served.day, tzinfo=UTC) + timedelta(days=2)
            )
            yield (
                _id(rng), 1, now, now, member_id, organization_id, community_id, served,
                30 * rng.randint(1, 8), rng.choices(kinds, KIND_WEIGHTS)[0], rng.randrange(0, 8),
                status.value, decided,
            )  # fmt: skip

    seeded.counts["volunteer_records"] = await loader.write(
        VolunteerRecord.__table__,  # type: ignore[arg-type]
        RECORD_COLUMNS,
        rows(),
    )


async def volunteer_tallies(
    loader: Loader, scale: Scale, rng: random.Random, seeded: Seeded, today: date
) -> None:
    """The tallies the rollups read, counted from the verified records: per organization
    pair, per member, and per subtree (each record once in every subtree holding its
    organization or its community, never twice)."""
    month = loader.month_of("served_on")  # one of two constants: no outside input in the SQL
    verified = {"verified": RecordStatus.VERIFIED.value}
    execute = loader.connection.execute
    await execute(
        text(
            "INSERT INTO volunteer_tally (organization_id, community_id, month, kind, minutes,"  # noqa: S608
            f" records) SELECT organization_id, community_id, {month}, kind, sum(minutes),"
            " count(*) FROM volunteer_record WHERE status = :verified GROUP BY 1, 2, 3, 4"
        ),
        verified,
    )
    await execute(
        text(
            "INSERT INTO member_tally (member_id, organization_id, community_id, month, minutes,"  # noqa: S608
            f" records) SELECT member_id, organization_id, community_id, {month}, sum(minutes),"
            " count(*) FROM volunteer_record WHERE status = :verified GROUP BY 1, 2, 3, 4"
        ),
        verified,
    )
    # Fresh statistics, or the planner takes the new tables for empty ones.
    await execute(text("ANALYZE"))
    # One statement per depth: the ancestor at that depth of the organization and of the
    # community (read off their paths), the second only where it differs from the first,
    # so a shared ancestor counts once.
    rollup = text(
        "INSERT INTO volunteer_rollup (organization_id, month, kind, minutes, records)"
        " SELECT a.id, x.month, x.kind, sum(x.minutes), sum(x.records) FROM ("
        "  SELECT substr(h.path, 1, :prefix) AS ancestor, t.month, t.kind, t.minutes,"
        "   t.records"
        "  FROM volunteer_tally t JOIN organization h ON h.id = t.organization_id"
        "  UNION ALL"
        "  SELECT substr(c.path, 1, :prefix), t.month, t.kind, t.minutes, t.records"
        "  FROM volunteer_tally t JOIN organization h ON h.id = t.organization_id"
        "  JOIN organization c ON c.id = t.community_id"
        "  WHERE substr(c.path, 1, :prefix) <> substr(h.path, 1, :prefix)"
        " ) x JOIN organization a ON a.path = x.ancestor"
        " WHERE a.depth = :depth"
        " GROUP BY a.id, x.month, x.kind"
    )
    for depth in range(max(d for _, _, d in seeded.organizations) + 1):
        await execute(rollup, {"prefix": SEGMENT_LENGTH * (depth + 1), "depth": depth})


GRID_ORIGIN = (118.0, 29.0)  # the south-west corner of the area's grid lattice (lng, lat)
GRID_CELL = 0.01  # degrees: about 1 km by 1.1 km
GRID_COLUMNS = (
    "id", "version", "created_at", "updated_at", "organization_id", "code", "name",
    "description", "households", "population", "buildings", "boundary", "min_lng", "min_lat",
    "max_lng", "max_lat", "centroid_lng", "centroid_lat", "area_m2",
)  # fmt: skip
TEAM_COLUMNS = (
    "id", "version", "created_at", "updated_at", "grid_id", "organization_id", "name",
    "service_kinds", "active",
)  # fmt: skip
PERSON_COLUMNS = (
    "id", "team_id", "organization_id", "position", "role", "member_id", "name", "phone",
    "created_at",
)  # fmt: skip


def grid_lattice_side(count: int) -> int:
    """How many grids one row of the lattice holds."""
    return max(1, math.ceil(math.sqrt(count)))


def grid_ring(index: int, count: int, per_edge: int = 8) -> list[list[float]]:
    """The boundary of the `index`-th grid: a lattice cell (neighbours share their borders),
    each edge cut into `per_edge` segments, as a real boundary has many positions."""
    side = grid_lattice_side(count)
    west = GRID_ORIGIN[0] + (index % side) * GRID_CELL
    south = GRID_ORIGIN[1] + (index // side) * GRID_CELL
    corners = [
        (west, south),
        (west + GRID_CELL, south),
        (west + GRID_CELL, south + GRID_CELL),
        (west, south + GRID_CELL),
    ]
    ring: list[list[float]] = []
    for (x0, y0), (x1, y1) in itertools.pairwise([*corners, corners[0]]):
        for step in range(per_edge):
            share = step / per_edge
            ring.append([round(x0 + (x1 - x0) * share, 7), round(y0 + (y1 - y0) * share, 7)])
    ring.append(ring[0])
    return ring


async def grids(
    loader: Loader, scale: Scale, rng: random.Random, seeded: Seeded, today: date
) -> None:
    """Service grids of the villages, laid out as a lattice of bordering cells, each with a
    boundary; nine in ten have a team led by a member of their village, the rest none (gaps
    for the coverage figures), and a village without members has an inactive team."""
    if not scale.grids or not seeded.villages:
        return
    now = datetime.now(UTC)
    postgres = loader.postgres

    def as_json(value: Any) -> Any:
        # COPY takes JSON as text; SQLAlchemy's JSON type serializes the value itself.
        return json.dumps(value) if postgres else value

    members_of: dict[uuid.UUID, list[uuid.UUID]] = {}
    for member_id, village, _ in seeded.members:
        members_of.setdefault(village, []).append(member_id)
    grid_rows: list[tuple[Any, ...]] = []
    team_rows: list[tuple[Any, ...]] = []
    person_rows: list[tuple[Any, ...]] = []
    villages = seeded.villages
    for index in range(scale.grids):
        village = villages[index % len(villages)]
        number = index // len(villages) + 1
        grid_id = _id(rng)
        seeded.grids_of.setdefault(village, []).append((grid_id, index))
        ring = grid_ring(index, scale.grids)
        area = round(polygon_area_m2([[(x, y) for x, y in ring]]), 1)
        (west, south), (east, north) = ring[0], ring[len(ring) // 2]
        households = rng.randrange(80, 600)
        grid_rows.append(
            (grid_id, 1, now, now, village, f"WG-{number:02d}", f"第{number}网格", None,
             households, int(households * rng.uniform(2.4, 3.2)),
             as_json([f"{n} 幢" for n in range(1, rng.randrange(2, 8))]),
             as_json({"type": "Polygon", "coordinates": [ring]}), west, south, east, north,
             (west + east) / 2, (south + north) / 2, area)
        )  # fmt: skip
        if rng.random() >= 0.9:
            continue
        team_id = _id(rng)
        people = members_of.get(village, [])[:3]
        team_rows.append(
            (team_id, 1, now, now, grid_id, village, f"第{number}网格服务队",
             as_json([ServiceKind.VOLUNTEER_SERVICE.value]), bool(people))
        )  # fmt: skip
        for position, member_id in enumerate(people):
            role = TeamRole.GRID_LEADER if position == 0 else TeamRole.PARTY_MEMBER
            person_rows.append(
                (_id(rng), team_id, village, position, role.value, member_id, None, None, now)
            )
        person_rows.append(
            (_id(rng), team_id, village, len(people), TeamRole.VOLUNTEER.value, None,
             _person(rng), None, now)
        )  # fmt: skip
    seeded.counts["grids"] = await loader.write(Grid.__table__, GRID_COLUMNS, grid_rows)  # type: ignore[arg-type]
    seeded.counts["grid_teams"] = await loader.write(GridTeam.__table__, TEAM_COLUMNS, team_rows)  # type: ignore[arg-type]
    seeded.counts["grid_team_people"] = await loader.write(
        GridTeamPerson.__table__,  # type: ignore[arg-type]
        PERSON_COLUMNS,
        person_rows,
    )
    await loader.write(
        GridIndexMarker.__table__,  # type: ignore[arg-type]
        ("id", "marker", "changed_at"),
        [(1, uuid.UUID(int=rng.getrandbits(128)).hex, now)],
    )


# What a unit of each kind is called, how its size runs (people employed, members, tenants or
# stalls: lowest, highest) and how often it is covered by its own Party organization or
# jointly with others (the rest are gaps of the coverage figures).
UNIT_KINDS: dict[UnitKind, tuple[tuple[str, ...], tuple[int, int], tuple[float, float]]] = {
    UnitKind.ENTERPRISE: (("有限公司", "制造厂", "科技有限公司", "食品厂"), (5, 800), (0.35, 0.3)),
    UnitKind.SOCIAL_ORGANIZATION: (("志愿者协会", "老年协会", "乡贤理事会"), (3, 80), (0.2, 0.45)),
    UnitKind.COOPERATIVE: (("农民专业合作社", "茶叶合作社", "果蔬合作社"), (5, 300), (0.4, 0.3)),
    UnitKind.BUILDING: (("商务楼", "大厦", "创业园"), (5, 200), (0.3, 0.45)),
    UnitKind.MARKET: (("农贸市场", "商业街", "集贸市场"), (20, 500), (0.25, 0.45)),
}
UNIT_KIND_WEIGHTS = [40, 12, 25, 10, 13]
UNIT_COLUMNS = (
    "id", "version", "created_at", "updated_at", "organization_id", "name", "kind", "size",
    "latitude", "longitude", "grid_id", "coverage", "covering_organization_id",
)  # fmt: skip


async def units(
    loader: Loader, scale: Scale, rng: random.Random, seeded: Seeded, today: date
) -> None:
    """The units register: one to four units per village (in one of its grids, located
    there, where it has one) and a few per township seat, of every kind, about two in five
    uncovered. A unit covered by its own organization names its village's branch (the
    generated tree has no branch per unit) and a jointly covered one its township committee."""
    now = datetime.now(UTC)
    kinds = list(UNIT_KINDS)

    def unit(register: uuid.UUID, township: uuid.UUID, cell: tuple[uuid.UUID, int] | None,
             own: uuid.UUID) -> tuple[Any, ...]:  # fmt: skip
        kind = rng.choices(kinds, UNIT_KIND_WEIGHTS)[0]
        suffixes, (low, high), (own_share, joint_share) = UNIT_KINDS[kind]
        # Sizes are skewed: many small units, a few large ones.
        size = int(low + (high - low) * rng.random() ** 3)
        roll = rng.random()
        coverage, covering = (
            (UnitCoverage.OWN, own) if roll < own_share
            else (UnitCoverage.JOINT, township) if roll < own_share + joint_share
            else (UnitCoverage.NONE, None)
        )  # fmt: skip
        grid_id, latitude, longitude = None, None, None
        if cell is not None:
            grid_id, index = cell
            side = grid_lattice_side(scale.grids)
            longitude = round(GRID_ORIGIN[0] + (index % side + rng.random()) * GRID_CELL, 6)
            latitude = round(GRID_ORIGIN[1] + (index // side + rng.random()) * GRID_CELL, 6)
        return (
            _id(rng), 1, now, now, register, _place(rng) + rng.choice(suffixes), kind.value,
            size, latitude, longitude, grid_id, coverage.value, covering,
        )  # fmt: skip

    def rows() -> Iterator[tuple[Any, ...]]:
        for village in seeded.villages:
            township = seeded.township_of[village]
            cells = seeded.grids_of.get(village, [])
            for _ in range(rng.randint(1, 4)):
                cell = rng.choice(cells) if cells and rng.random() < 0.85 else None
                yield unit(village, township, cell, village)
        for township in dict.fromkeys(seeded.township_of.values()):
            for _ in range(rng.randint(1, 3)):
                yield unit(township, township, None, township)

    seeded.counts["units"] = await loader.write(Unit.__table__, UNIT_COLUMNS, rows())  # type: ignore[arg-type]


CYCLE_REVIEWERS = 5  # five or more: the review is their trimmed mean
RATING_COMMENTS = ("服务很热情", "希望多组织志愿活动", "村里环境变好了", "办事效率还可以提高")
RATING_COLUMNS = (
    "id", "evaluation_id", "rater_group", "answers", "answer_sum", "answer_count",
    "satisfied_count", "comment", "rated_on",
)  # fmt: skip
REVIEW_COLUMNS = (
    "id", "version", "created_at", "updated_at", "evaluation_id", "organization_id",
    "reviewer_id", "group", "scores", "comment", "points", "max_points", "score", "submitted_at",
)  # fmt: skip


@dataclass(frozen=True)
class Assessed:
    """One evaluation of the cycle, as the seed scores it."""

    id: uuid.UUID
    organization_id: uuid.UUID
    template_id: str
    quality: float  # 0..1: how well the organization works, which every score follows


def _indicator_scores(
    rng: random.Random, maxima: dict[str, Decimal], quality: float
) -> dict[str, Decimal]:
    """A score of every indicator near `quality` of its maximum, in half points."""
    scores = {}
    for code, highest in maxima.items():
        share = min(1.0, max(0.0, quality + rng.gauss(0, 0.08)))
        scores[code] = min(highest, Decimal(round(float(highest) * share * 2)) / 2)
    return scores


def _cycle_body(root: uuid.UUID, reviewers: list[uuid.UUID], now: datetime) -> CycleCreate:
    """This year's cycle over the villages: self-assessment closed, public rating and the
    organizational review open for another month."""
    return CycleCreate.model_validate(
        {
            "organization_id": root,
            "name": f"{now.year}年度村党组织星级评定",
            "year": now.year,
            "target_tiers": [Tier.VILLAGE.value],
            "windows": {
                "self_assessment": {
                    "opens_at": now - timedelta(days=60),
                    "closes_at": now - timedelta(days=30),
                },
                "public_rating": {
                    "opens_at": now - timedelta(days=30),
                    "closes_at": now + timedelta(days=30),
                },
                "organizational_review": {
                    "opens_at": now - timedelta(days=14),
                    "closes_at": now + timedelta(days=30),
                },
            },
            "reviewers": [{"user_id": reviewer} for reviewer in reviewers],
        }
    )


async def evaluation_cycle(
    loader: Loader, scale: Scale, rng: random.Random, seeded: Seeded, today: date
) -> None:
    """One evaluation cycle of the root over its villages, run through the app's own
    services: created and launched, every evaluation self-assessed, publicly rated and
    reviewed by the cycle's reviewers (bulk), then finalized by the app's finalize, so
    scores, grades and ranks are what it computes. The first village's evaluation is left
    open to public rating (a few ratings, no reviews) for the rating write."""
    if seeded.root_id is None or not seeded.villages:
        return
    now = datetime.now(UTC)
    session = AsyncSession(bind=loader.connection, expire_on_commit=False)
    try:
        reviewers = [
            User(username=f"reviewer-{n}", display_name=f"考评员{_person(rng)}", is_active=True)
            for n in range(1, CYCLE_REVIEWERS + 1)
        ]
        session.add_all(reviewers)
        await session.flush()
        root = await session.get(Organization, seeded.root_id)
        assert root is not None
        body = _cycle_body(root.id, [reviewer.id for reviewer in reviewers], now)
        cycle = await cycles.create_cycle(session, SYSTEM, data=body)
        await cycles.launch(session, cycle, root)
        assessed = await _self_assess(session, rng, cycle, now)
        seeded.counts["evaluations"] = len(assessed)
        await _rate(loader, scale, rng, seeded, assessed, today)
        await _review(loader, rng, seeded, cycle, assessed[1:], reviewers, now)
        await results.rescore(session, cycle)
        await session.flush()
    finally:
        await session.close()


async def _self_assess(
    session: AsyncSession, rng: random.Random, cycle: EvaluationCycle, now: datetime
) -> list[Assessed]:
    """Send every evaluation's self-assessment: the first (in path order) to public rating,
    the rest on to the organizational review. Returns them in that order."""
    launched = (
        await session.execute(
            select(Evaluation.id, Evaluation.organization_id, Evaluation.template_id)
            .join(Organization, Organization.id == Evaluation.organization_id)
            .where(Evaluation.cycle_id == cycle.id)
            .order_by(Organization.path)
        )
    ).all()
    assessed, changes = [], []
    for position, (evaluation_id, organization_id, template_id) in enumerate(launched):
        quality = rng.betavariate(6, 2)
        assessed.append(Assessed(evaluation_id, organization_id, template_id, quality))
        maxima = template_indicators(cycle, template_id)
        # Self-assessments run a little above what reviewers and residents see.
        scores = _indicator_scores(rng, maxima, min(1.0, quality + 0.08))
        points, highest, score = points_of(scores, maxima)
        state = (
            EvaluationState.PUBLIC_RATING
            if position == 0
            else EvaluationState.ORGANIZATIONAL_REVIEW
        )
        changes.append(
            {
                "b_id": evaluation_id,
                "b_state": state,
                "b_scores": {code: str(value) for code, value in scores.items()},
                "b_points": points,
                "b_max": highest,
                "b_score": score,
                "b_submitted": now - timedelta(days=rng.uniform(30, 45)),
            }
        )
    table = cast(Table, Evaluation.__table__)
    await session.execute(
        update(table)
        .where(table.c.id == bindparam("b_id"))
        .values(
            state=bindparam("b_state"),
            self_scores=bindparam("b_scores"),
            self_points=bindparam("b_points"),
            self_max_points=bindparam("b_max"),
            self_score=bindparam("b_score"),
            submitted_at=bindparam("b_submitted"),
            version=table.c.version + 2,  # saved, then sent
        ),
        changes,
    )
    return assessed


async def _rate(
    loader: Loader,
    scale: Scale,
    rng: random.Random,
    seeded: Seeded,
    assessed: list[Assessed],
    today: date,
) -> None:
    """About `scale.ratings` public ratings over the evaluations (unevenly: some villages
    draw many raters, some too few to count), answered after how well each one works; the
    open evaluation has a tenth of the usual number so far."""
    average = scale.ratings / len(assessed)
    postgres = loader.postgres

    def rows() -> Iterator[tuple[Any, ...]]:
        for position, evaluation in enumerate(assessed):
            spread = 0.1 if position == 0 else 0.3 + 1.4 * rng.random()
            satisfied = 0.45 + 0.5 * evaluation.quality
            for _ in range(int(average * spread + rng.random())):
                answers = [
                    rng.choice((4, 5)) if rng.random() < satisfied else rng.choice((1, 2, 3, 3))
                    for _ in range(3)
                ]
                comment = rng.choice(RATING_COMMENTS) if rng.random() < 0.03 else None
                group = RaterGroup.MEMBER if rng.random() < 0.3 else RaterGroup.RESIDENT
                yield (
                    _id(rng), evaluation.id, group.value,
                    json.dumps(answers) if postgres else answers, sum(answers), 3,
                    sum(1 for a in answers if a >= 4), comment,
                    today - timedelta(days=rng.randrange(0, 30)),
                )  # fmt: skip

    table = EvaluationRating.__table__
    seeded.counts["evaluation_ratings"] = await loader.write(table, RATING_COLUMNS, rows())  # type: ignore[arg-type]


async def _review(
    loader: Loader,
    rng: random.Random,
    seeded: Seeded,
    cycle: EvaluationCycle,
    assessed: list[Assessed],
    reviewers: list[User],
    now: datetime,
) -> None:
    """Every reviewer's submitted review of every evaluation in organizational review."""
    postgres = loader.postgres

    def rows() -> Iterator[tuple[Any, ...]]:
        for evaluation in assessed:
            maxima = template_indicators(cycle, evaluation.template_id)
            for reviewer in reviewers:
                scores = _indicator_scores(rng, maxima, evaluation.quality)
                points, highest, score = points_of(scores, maxima)
                as_text = {code: str(value) for code, value in scores.items()}
                submitted = now - timedelta(days=rng.uniform(1, 14))
                yield (
                    _id(rng), 1, submitted, submitted, evaluation.id,
                    evaluation.organization_id, reviewer.id, None,
                    json.dumps(as_text) if postgres else as_text, None, points, highest,
                    score, submitted,
                )  # fmt: skip

    table = EvaluationReview.__table__
    seeded.counts["evaluation_reviews"] = await loader.write(table, REVIEW_COLUMNS, rows())  # type: ignore[arg-type]


# In the order they run; a later resource appends its part here.
PARTS: list[Part] = [
    organizations,
    members,
    volunteer_records,
    volunteer_tallies,
    grids,
    units,
    evaluation_cycle,
]


async def seed_scale(
    engine: AsyncEngine,
    scale: Scale,
    *,
    seed: int = 12,
    today: date | None = None,
    report: Callable[[str], None] = lambda _: None,
) -> Seeded:
    """Generate `scale` into an empty, migrated database in one transaction."""
    rng = random.Random(seed)
    seeded = Seeded()
    today = today or local_today()
    async with engine.begin() as connection:
        if engine.dialect.name == "sqlite":
            # Random ids scatter index inserts: a page cache of 256 MB keeps them in memory.
            await connection.exec_driver_sql("PRAGMA cache_size = -262144")
        loader = Loader(connection)
        for part in PARTS:
            started = time.perf_counter()
            await part(loader, scale, rng, seeded, today)
            report(f"{part.__name__}: {time.perf_counter() - started:.1f} s")
    if engine.dialect.name == "postgresql":
        # Fresh statistics now, or autovacuum wakes up on the new tables mid-measurement.
        async with engine.connect() as connection:
            autocommit = await connection.execution_options(isolation_level="AUTOCOMMIT")
            await autocommit.execute(text("VACUUM ANALYZE"))
    else:
        async with engine.begin() as connection:
            await connection.execute(text("ANALYZE"))
    return seeded
