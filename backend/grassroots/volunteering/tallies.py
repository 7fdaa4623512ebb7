"""The tallies that rollups read, kept by every verify and revert (and verified import):
per organization pair, per member, and per subtree."""

import uuid
from collections.abc import Iterable, Mapping
from datetime import date
from functools import cache
from typing import Any, cast

from sqlalchemy import (
    ARRAY,
    ColumnElement,
    Select,
    Table,
    Update,
    bindparam,
    delete,
    exists,
    func,
    insert,
    literal,
    or_,
    select,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute, aliased

from grassroots.core.db import dialect_insert
from grassroots.core.tabular import chunked
from grassroots.members import service as members_service
from grassroots.organizations import service as org_service
from grassroots.organizations.models import Organization, within_subtree
from grassroots.volunteering.models import MemberTally, VolunteerRollup, VolunteerTally

Home = aliased(Organization, name="home")
Community = aliased(Organization, name="community")
Totals = dict[tuple[Any, ...], list[int]]
# A tally table, its key columns, and what is added per key.
Tally = tuple[Any, tuple[str, ...], Totals]
TALLY_KEYS: tuple[tuple[Any, tuple[str, ...]], ...] = (
    (VolunteerTally, ("organization_id", "community_id", "month", "kind")),
    (MemberTally, ("member_id", "organization_id", "community_id", "month")),
    (VolunteerRollup, ("organization_id", "month", "kind")),
)


def _add(totals: Totals, key: tuple[Any, ...], minutes: int, records: int) -> None:
    sums = totals.setdefault(key, [0, 0])
    sums[0] += minutes
    sums[1] += records


def _ancestry(path: str) -> list[uuid.UUID]:
    return [uuid.UUID(segment) for segment in path.strip("/").split("/")]


async def count_records(
    session: AsyncSession, records: Iterable[dict[str, Any]], *, sign: int = 1
) -> None:
    """Add (or, with sign -1, take away) verified records in every tally.

    Each record is a mapping with member_id, organization_id, community_id, served_on,
    minutes and kind."""
    records = list(records)
    for table, keys, totals in _tallies(records, await _paths_of(session, records), sign):
        await _upsert(session, table, keys, totals)


async def update_and_count(
    session: AsyncSession,
    statement: Update,
    parameters: dict[str, Any],
    records: list[dict[str, Any]],
    *,
    paths: Mapping[uuid.UUID, str],
    sign: int = 1,
) -> int:
    """Run `statement` (an UPDATE of these records, made once) with its `parameters` and count
    the records in every tally, in one statement on PostgreSQL; return the rows it matched."""
    tallies = _tallies(records, paths, sign)
    if session.get_bind().dialect.name == "postgresql":
        arrays = {}
        for table, keys, totals in tallies:
            rows = _rows(keys, totals)
            for column in (*keys, "minutes", "records"):
                arrays[_array_name(table, column)] = [row[column] for row in rows]
        result = await session.execute(_with_tallies(statement), parameters | arrays)
        return int(result.scalar_one())
    matched = (await session.execute(statement, parameters)).rowcount  # type: ignore[attr-defined]
    for table, keys, totals in tallies:
        await _upsert(session, table, keys, totals)
    return int(matched)


@cache
def _with_tallies(statement: Update) -> Select[int]:
    """The UPDATE with an upsert of every tally, as one statement (made once per UPDATE)."""
    changed = statement.returning(*cast(Table, statement.table).primary_key).cte("changed")
    upserts = [_unnested_upsert(table, keys) for table, keys in TALLY_KEYS]
    return select(func.count()).select_from(changed).add_cte(*upserts)


def _array_name(table: Any, column: str) -> str:
    return f"{table.__tablename__}_{column}"


def _unnested_upsert(table: Any, keys: tuple[str, ...]) -> Any:
    """An upsert into a tally table as a CTE on PostgreSQL: the rows sent as one array per
    column, so the statement is the same (and compiled once) whatever their number."""
    columns = (*keys, "minutes", "records")
    arrays = [
        bindparam(_array_name(table, column), type_=ARRAY(table.__table__.c[column].type))
        for column in columns
    ]
    unnested = func.unnest(*arrays).table_valued(*columns).render_derived()
    upsert = postgresql.insert(table).from_select(list(columns), select(*unnested.c))
    return upsert.on_conflict_do_update(
        index_elements=list(keys),
        set_={
            "minutes": table.minutes + upsert.excluded.minutes,
            "records": table.records + upsert.excluded.records,
        },
    ).cte(table.__tablename__)


async def _paths_of(session: AsyncSession, records: list[dict[str, Any]]) -> dict[uuid.UUID, str]:
    ids = {r[key] for r in records for key in ("organization_id", "community_id")}
    statement = select(Organization.id, Organization.path).where(Organization.id.in_(ids))
    return {row.id: row.path for row in await session.execute(statement)}


def _tallies(
    records: list[dict[str, Any]], paths: Mapping[uuid.UUID, str], sign: int
) -> list[Tally]:
    """What the records add to each tally table: its key columns, and the sums per key."""
    pairs: Totals = {}
    members: Totals = {}
    subtrees: Totals = {}
    for r in records:
        month: date = r["served_on"].replace(day=1)
        minutes, count = sign * r["minutes"], sign
        _add(pairs, (r["organization_id"], r["community_id"], month, r["kind"]), minutes, count)
        _add(
            members,
            (r["member_id"], r["organization_id"], r["community_id"], month),
            minutes,
            count,
        )
        # Once in each subtree holding the organization or the community, never twice.
        for ancestor in set(_ancestry(paths[r["organization_id"]])) | set(
            _ancestry(paths[r["community_id"]])
        ):
            _add(subtrees, (ancestor, month, r["kind"]), minutes, count)
    return [
        (table, keys, totals)
        for (table, keys), totals in zip(TALLY_KEYS, (pairs, members, subtrees), strict=True)
    ]


def _rows(keys: tuple[str, ...], totals: Totals) -> list[dict[str, Any]]:
    # In key order, so that concurrent writers lock the same rows in the same order.
    return [
        {**dict(zip(keys, key, strict=True)), "minutes": minutes, "records": records}
        for key, (minutes, records) in sorted(totals.items(), key=lambda item: str(item[0]))
    ]


async def _upsert(session: AsyncSession, table: Any, keys: tuple[str, ...], totals: Totals) -> None:
    statement = dialect_insert(session, table)
    statement = statement.on_conflict_do_update(
        index_elements=list(keys),
        set_={
            "minutes": table.minutes + statement.excluded.minutes,
            "records": table.records + statement.excluded.records,
        },
    )
    for chunk in chunked(_rows(keys, totals), 1000):
        await session.execute(statement, chunk)


async def rebuild_rollups(session: AsyncSession, organization_ids: Iterable[uuid.UUID]) -> None:
    """Recount the subtree rollups of these organizations from the pair tallies (after a
    subtree moved in or out of them)."""
    for organization_id in set(organization_ids):
        organization = await session.get(Organization, organization_id)
        await session.execute(
            delete(VolunteerRollup).where(VolunteerRollup.organization_id == organization_id)
        )
        if organization is None:
            continue
        inside = or_(
            within_subtree(Home.path, organization.path),
            within_subtree(Community.path, organization.path),
        )
        source = (
            select(
                literal(organization_id, VolunteerRollup.organization_id.type),
                VolunteerTally.month,
                VolunteerTally.kind,
                func.sum(VolunteerTally.minutes),
                func.sum(VolunteerTally.records),
            )
            .join(Home, Home.id == VolunteerTally.organization_id)
            .join(Community, Community.id == VolunteerTally.community_id)
            .where(inside)
            .group_by(VolunteerTally.month, VolunteerTally.kind)
        )
        await session.execute(
            insert(VolunteerRollup).from_select(
                ["organization_id", "month", "kind", "minutes", "records"], source
            )
        )


def served_verified_hours(
    member_id: ColumnElement[uuid.UUID] | InstrumentedAttribute[uuid.UUID] | uuid.UUID,
    date_from: date,
    date_to: date,
) -> ColumnElement[bool]:
    """Whether a member (an id, or a member id column) served verified hours in these months."""
    return exists().where(
        MemberTally.member_id == member_id,
        MemberTally.minutes > 0,
        MemberTally.month >= date_from.replace(day=1),
        MemberTally.month <= date_to.replace(day=1),
    )


org_service.subtrees_changed.register(rebuild_rollups)
members_service.served_verified_hours.register(served_verified_hours)
