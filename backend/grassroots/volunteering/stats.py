"""Rollups of verified hours, read from the tallies: by month, kind, organization or member,
with top volunteers and the members who served no hours."""

import uuid
from collections import defaultdict
from datetime import date

from sqlalchemy import ColumnElement, and_, exists, func, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from grassroots.core.security import Principal
from grassroots.members.models import Member
from grassroots.organizations.models import Organization, within_any_subtree
from grassroots.organizations.service import scope_roots
from grassroots.volunteering.enums import ServiceKind
from grassroots.volunteering.models import MemberTally, VolunteerRollup, VolunteerTally
from grassroots.volunteering.schemas import MemberWithoutHours, StatsGroup, VolunteerStats
from grassroots.volunteering.service import READ

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
    roots = await _roots(session, paths)
    total_minutes, total_records = (
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
    stats = VolunteerStats(
        within=within.id if within else None,
        date_from=date_from,
        date_to=date_to,
        group_by=group_by,
        total_hours=_hours(total_minutes),
        total_records=int(total_records),
        groups=await _groups(session, group_by, paths, roots, first, last),
    )
    if group_by == "member":
        stats.top_volunteers = await _by_member(session, paths, first, last, limit=TOP)
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


async def _groups(
    session: AsyncSession,
    group_by: str,
    paths: list[str] | None,
    roots: list[uuid.UUID],
    first: date,
    last: date,
) -> list[StatsGroup]:
    if group_by == "member":
        return await _by_member(session, paths, first, last, limit=200)
    if group_by == "organization":
        return await _by_organization(session, paths, first, last)
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
    groups = []
    for key, minutes, records in rows:
        if group_by == "month":
            label = key.strftime("%Y-%m")
            groups.append(
                StatsGroup(key=label, label=label, hours=_hours(minutes), records=int(records))
            )
        else:
            groups.append(
                StatsGroup(
                    key=key.value,
                    label=ServiceKind(key).zh,
                    hours=_hours(minutes),
                    records=int(records),
                )
            )
    return groups


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
    served = exists().where(
        MemberTally.member_id == Member.id,
        MemberTally.month >= first,
        MemberTally.month <= last,
        MemberTally.minutes > 0,
    )
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
