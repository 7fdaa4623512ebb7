"""The tallies that rollups read, kept by every verify and revert (and verified import):
per organization pair, per member, and per subtree."""

import uuid
from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, delete, exists, func, insert, literal, or_, select
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
    ids = {r[key] for r in records for key in ("organization_id", "community_id")}
    paths = dict(
        (
            await session.execute(
                select(Organization.id, Organization.path).where(Organization.id.in_(ids))
            )
        ).all()
    )
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
    await _upsert(
        session, VolunteerTally, ("organization_id", "community_id", "month", "kind"), pairs
    )
    await _upsert(
        session, MemberTally, ("member_id", "organization_id", "community_id", "month"), members
    )
    await _upsert(session, VolunteerRollup, ("organization_id", "month", "kind"), subtrees)


async def _upsert(session: AsyncSession, table: Any, keys: tuple[str, ...], totals: Totals) -> None:
    statement = dialect_insert(session, table)
    statement = statement.on_conflict_do_update(
        index_elements=list(keys),
        set_={
            "minutes": table.minutes + statement.excluded.minutes,
            "records": table.records + statement.excluded.records,
        },
    )
    for chunk in chunked(sorted(totals.items(), key=lambda item: str(item[0])), 1000):
        await session.execute(
            statement,
            [
                {**dict(zip(keys, key, strict=True)), "minutes": minutes, "records": records}
                for key, (minutes, records) in chunk
            ],
        )


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
