"""Rollups of verified hours, read from the tallies: by month, kind, organization or member,
with top volunteers and the members who served no hours."""

import uuid
from collections import defaultdict
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from grassroots.core import audit
from grassroots.core.errors import NotFoundError
from grassroots.core.security import Principal
from grassroots.members.models import Member
from grassroots.organizations.models import Organization, within_any_subtree
from grassroots.organizations.service import scope_roots
from grassroots.volunteering.enums import RecordStatus, ServiceKind
from grassroots.volunteering.models import (
    MemberTally,
    VolunteerRecord,
    VolunteerRollup,
    VolunteerTally,
)
from grassroots.volunteering.schemas import MemberWithoutHours, StatsGroup, VolunteerStats
from grassroots.volunteering.scope import READ, grid_path
from grassroots.volunteering.tallies import served_verified_hours

GROUPINGS = ("month", "kind", "organization", "member")
TOP = 10
IDLE_SAMPLE = 20
Home = aliased(Organization, name="home")
Community = aliased(Organization, name="community")


def _hours(minutes: int | None) -> float:
    return round((minutes or 0) / 60, 2)


def _attributed(paths: list[str] | None) -> ColumnElement[bool]:
    """Tally rows counting in these subtrees: by the member's organization or community."""
    if paths is None:
        return true()
    return or_(within_any_subtree(Home.path, paths), within_any_subtree(Community.path, paths))


def _scoped(statement, tally, paths, first: date, last: date):  # type: ignore[no-untyped-def]
    return (
        statement.select_from(tally)
        .join(Home, Home.id == tally.organization_id)
        .join(Community, Community.id == tally.community_id)
        .where(_attributed(paths), tally.month >= first, tally.month <= last)
    )


async def volunteer_stats(
    session: AsyncSession,
    principal: Principal,
    *,
    within: Organization | None,
    date_from: date,
    date_to: date,
    group_by: str,
) -> VolunteerStats:
    """Verified hours in the caller's scope (or `within`), whole months from `date_from`'s to
    `date_to`'s. Totals, months and kinds read the subtree rollups (a few rows whatever the
    subtree's size); the member view also names the top volunteers and the idle."""
    paths = [within.path] if within is not None else principal.paths_for(READ)
    first, last = date_from.replace(day=1), date_to.replace(day=1)
    # A subtree named by `within` is its own rollup's root: no statement to find it.
    roots = [within.id] if within is not None else await _roots(session, paths)
    if group_by in ("month", "kind"):
        rows = await _rollup_rows(session, group_by, roots, first, last)
        groups = [_rollup_group(group_by, *row) for row in rows]
        # The groups partition the very rows the totals sum: added up here, not read again.
        total_minutes = sum(minutes for _, minutes, _ in rows)
        total_records = sum(records for _, _, records in rows)
    else:
        total_minutes, total_records = await _rollup_totals(session, roots, first, last)
        groups = await _groups(session, group_by, paths, first, last)
    stats = VolunteerStats(
        within=within.id if within else None,
        date_from=date_from,
        date_to=date_to,
        group_by=group_by,
        total_hours=_hours(total_minutes),
        total_records=total_records,
        groups=groups,
    )
    if group_by == "member":
        stats.top_volunteers = groups[:TOP]  # the groups are the members, most hours first
        count, sample = await _without_hours(session, paths, first, last)
        stats.members_without_hours_count, stats.members_without_hours = count, sample
    return stats


async def _roots(session: AsyncSession, paths: list[str] | None) -> list[uuid.UUID]:
    """Disjoint subtrees covering the scope: its tops, or for everything the tree's roots."""
    statement = select(Organization.id)
    if paths is None:
        statement = statement.where(Organization.parent_id.is_(None))
    else:
        statement = statement.where(Organization.path.in_(scope_roots(paths)))
    return list(await session.scalars(statement))


def _rolled_up(statement, roots: list[uuid.UUID], first: date, last: date):  # type: ignore[no-untyped-def]
    return statement.where(
        VolunteerRollup.organization_id.in_(roots),
        VolunteerRollup.month >= first,
        VolunteerRollup.month <= last,
    )


async def _rollup_totals(
    session: AsyncSession, roots: list[uuid.UUID], first: date, last: date
) -> tuple[int, int]:
    """Verified minutes and records of the subtrees over the months, from their rollups."""
    minutes, records = (
        await session.execute(
            _rolled_up(
                select(
                    func.coalesce(func.sum(VolunteerRollup.minutes), 0),
                    func.coalesce(func.sum(VolunteerRollup.records), 0),
                ),
                roots,
                first,
                last,
            )
        )
    ).one()
    return int(minutes), int(records)


async def _rollup_rows(
    session: AsyncSession, group_by: str, roots: list[uuid.UUID], first: date, last: date
) -> list[tuple[Any, int, int]]:
    """Minutes and records of the subtrees by month or by kind, from their rollups."""
    column = VolunteerRollup.month if group_by == "month" else VolunteerRollup.kind
    rows = await session.execute(
        _rolled_up(
            select(column, func.sum(VolunteerRollup.minutes), func.sum(VolunteerRollup.records)),
            roots,
            first,
            last,
        )
        .group_by(column)
        .order_by(column)
    )
    return [(key, int(minutes or 0), int(records or 0)) for key, minutes, records in rows]


def _rollup_group(group_by: str, key: Any, minutes: int, records: int) -> StatsGroup:
    """One month's or one kind's figures as a group."""
    if group_by == "month":
        label = key.strftime("%Y-%m")
        return StatsGroup(key=label, label=label, hours=_hours(minutes), records=records)
    return StatsGroup(
        key=key.value, label=ServiceKind(key).zh, hours=_hours(minutes), records=records
    )


async def _groups(
    session: AsyncSession, group_by: str, paths: list[str] | None, first: date, last: date
) -> list[StatsGroup]:
    """The groups read from the tallies: by member or by organization."""
    if group_by == "member":
        return await _by_member(session, paths, first, last, limit=200)
    return await _by_organization(session, paths, first, last)


async def _by_organization(
    session: AsyncSession, paths: list[str] | None, first: date, last: date
) -> list[StatsGroup]:
    """Hours per organization in scope: an in-service member's hours count for their own
    organization and for the community they registered at."""
    totals: dict[uuid.UUID, list[int]] = defaultdict(lambda: [0, 0])
    names: dict[uuid.UUID, str] = {}
    for side in (Home, Community):
        statement = _scoped(
            select(
                side.id,
                side.name,
                func.sum(VolunteerTally.minutes),
                func.sum(VolunteerTally.records),
            ),
            VolunteerTally,
            paths,
            first,
            last,
        ).group_by(side.id, side.name)
        if side is Community:
            statement = statement.where(
                VolunteerTally.community_id != VolunteerTally.organization_id
            )
        if paths is not None:
            statement = statement.where(within_any_subtree(side.path, paths))
        for organization_id, name, minutes, records in await session.execute(statement):
            totals[organization_id][0] += int(minutes or 0)
            totals[organization_id][1] += int(records or 0)
            names[organization_id] = name
    ordered = sorted(totals.items(), key=lambda item: (-item[1][0], names[item[0]]))
    return [
        StatsGroup(key=str(org_id), label=names[org_id], hours=_hours(minutes), records=records)
        for org_id, (minutes, records) in ordered
    ]


async def _by_member(
    session: AsyncSession, paths: list[str] | None, first: date, last: date, *, limit: int
) -> list[StatsGroup]:
    minutes = func.sum(MemberTally.minutes)
    rows = await session.execute(
        _scoped(
            select(MemberTally.member_id, Member.name, minutes, func.sum(MemberTally.records)),
            MemberTally,
            paths,
            first,
            last,
        )
        .join(Member, Member.id == MemberTally.member_id)
        .group_by(MemberTally.member_id, Member.name)
        .having(minutes > 0)
        .order_by(minutes.desc(), Member.name)
        .limit(limit)
    )
    return [
        StatsGroup(key=str(member_id), label=name, hours=_hours(total), records=int(records))
        for member_id, name, total, records in rows
    ]


async def _without_hours(
    session: AsyncSession, paths: list[str] | None, first: date, last: date
) -> tuple[int, list[MemberWithoutHours]]:
    served = served_verified_hours(Member.id, first, last)
    statement = (
        select(Member)
        .join(Home, Home.id == Member.organization_id)
        .outerjoin(Community, Community.id == Member.residence_organization_id)
        .where(~served)
    )
    if paths is not None:
        statement = statement.where(
            or_(
                within_any_subtree(Home.path, paths),
                and_(Member.is_in_service, within_any_subtree(Community.path, paths)),
            )
        )
    count = await session.scalar(select(func.count()).select_from(statement.subquery()))
    sample = await session.scalars(statement.order_by(Member.name, Member.id).limit(IDLE_SAMPLE))
    return int(count or 0), [
        MemberWithoutHours(id=m.id, name=m.name, organization_id=m.organization_id) for m in sample
    ]


class StatsGridNotFound(NotFoundError):
    """No grid with this id is visible to the caller."""

    code = "grid_not_found"


async def grid_stats(
    session: AsyncSession,
    principal: Principal,
    *,
    grid_id: uuid.UUID,
    within: Organization | None,
    date_from: date,
    date_to: date,
    group_by: str,
) -> VolunteerStats:
    """Verified hours served in one grid, whole months from `date_from`'s to `date_to`'s, of
    the records in the caller's scope (or `within`): one aggregate statement per figure over
    the grid's records, grouped as the subtree stats are; the member view names the top
    volunteers."""
    path = await grid_path(session, grid_id)
    if path is None or not principal.can(READ, path):
        if path is not None:
            audit.record_refusal(session, principal, entity_type="grid", entity_id=grid_id)
        raise StatsGridNotFound(f"Grid {grid_id} does not exist.")
    paths = [within.path] if within is not None else principal.paths_for(READ)
    first = date_from.replace(day=1)
    # The day before the month after `date_to`'s: whole months, as the tallies count them.
    after = (date_to.replace(day=1) + timedelta(days=32)).replace(day=1)

    def scoped(statement: Any) -> Any:
        return (
            statement.select_from(VolunteerRecord)
            .join(Home, Home.id == VolunteerRecord.organization_id)
            .join(Community, Community.id == VolunteerRecord.community_id)
            .where(
                VolunteerRecord.grid_id == grid_id,
                VolunteerRecord.status == RecordStatus.VERIFIED,
                VolunteerRecord.served_on >= first,
                VolunteerRecord.served_on < after,
                _attributed(paths),
            )
        )

    minutes, records = func.sum(VolunteerRecord.minutes), func.count(VolunteerRecord.id)
    total_minutes, total_records = (
        await session.execute(scoped(select(func.coalesce(minutes, 0), records)))
    ).one()
    groups: list[StatsGroup] = []
    if group_by == "member":
        groups = await _grid_members(session, scoped, limit=200)
    elif group_by == "organization":
        rows = await session.execute(
            scoped(select(Home.id, Home.name, minutes, records))
            .group_by(Home.id, Home.name)
            .order_by(minutes.desc(), Home.name)
        )
        groups = [
            StatsGroup(key=str(key), label=name, hours=_hours(total), records=int(count))
            for key, name, total, count in rows
        ]
    elif group_by == "kind":
        rows = await session.execute(
            scoped(select(VolunteerRecord.kind, minutes, records))
            .group_by(VolunteerRecord.kind)
            .order_by(VolunteerRecord.kind)
        )
        groups = [
            StatsGroup(
                key=kind.value, label=ServiceKind(kind).zh, hours=_hours(total), records=int(count)
            )
            for kind, total, count in rows
        ]
    else:
        # By day in the database (portable), folded into months here: a few hundred rows.
        months: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        rows = await session.execute(
            scoped(select(VolunteerRecord.served_on, minutes, records)).group_by(
                VolunteerRecord.served_on
            )
        )
        for served_on, total, count in rows:
            months[served_on.strftime("%Y-%m")][0] += int(total or 0)
            months[served_on.strftime("%Y-%m")][1] += int(count)
        groups = [
            StatsGroup(key=label, label=label, hours=_hours(total), records=count)
            for label, (total, count) in sorted(months.items())
        ]
    stats = VolunteerStats(
        within=within.id if within is not None else None,
        grid_id=grid_id,
        date_from=date_from,
        date_to=date_to,
        group_by=group_by,
        total_hours=_hours(total_minutes),
        total_records=int(total_records),
        groups=groups,
    )
    if group_by == "member":
        stats.top_volunteers = groups[:TOP]
    return stats


async def _grid_members(
    session: AsyncSession, scoped: Callable[[Any], Any], *, limit: int
) -> list[StatsGroup]:
    minutes = func.sum(VolunteerRecord.minutes)
    rows = await session.execute(
        scoped(select(VolunteerRecord.member_id, Member.name, minutes, func.count()))
        .join(Member, Member.id == VolunteerRecord.member_id)
        .group_by(VolunteerRecord.member_id, Member.name)
        .order_by(minutes.desc(), Member.name)
        .limit(limit)
    )
    return [
        StatsGroup(key=str(member_id), label=name, hours=_hours(total), records=int(count))
        for member_id, name, total, count in rows
    ]
