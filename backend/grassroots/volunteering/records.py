"""Volunteer records: logging service, the 24-hour day, deciding on a record, and the
tallies every verify and revert keeps."""

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import Row, Select, Table, bindparam, func, or_, select, tuple_, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from grassroots.core import audit
from grassroots.core.db import utcnow
from grassroots.core.errors import EditConflict, Forbidden
from grassroots.core.localtime import local_today
from grassroots.core.security import Permission, Principal
from grassroots.members.models import Member
from grassroots.organizations.models import Organization, within_any_subtree, within_subtree
from grassroots.volunteering.activities import get_activity
from grassroots.volunteering.enums import RecordStatus, ServiceKind
from grassroots.volunteering.exceptions import (
    DayOverTwentyFourHours,
    KindRequired,
    RecordNotFound,
    RecordWrongState,
    ServedInFuture,
)
from grassroots.volunteering.models import VolunteerActivity, VolunteerRecord
from grassroots.volunteering.schemas import RecordCreate, RecordRead
from grassroots.volunteering.scope import MANAGE, READ, check_grid, member_for, paths_of
from grassroots.volunteering.tallies import count_records, update_and_count

MINUTES_PER_DAY = 24 * 60
HomeOrg = aliased(Organization, name="home_org")
CommunityOrg = aliased(Organization, name="community_org")
ActivityOrg = aliased(Organization, name="activity_org")


def day_has_come(served_on: date, *, today: date) -> bool:
    """Whether service may be logged for this day: today (in China) or before."""
    return served_on <= today


def community_of(
    organization_id: uuid.UUID, residence_id: uuid.UUID | None, in_service: bool
) -> uuid.UUID:
    """Where a member's service counts: their registered community while in service, else home."""
    return residence_id if in_service and residence_id else organization_id


def day_totals(
    member_ids: list[uuid.UUID], served_on: date | None = None
) -> Select[uuid.UUID, date, int]:
    """Minutes logged toward the 24-hour day (records not rejected), per member and day."""
    statement = (
        select(
            VolunteerRecord.member_id,
            VolunteerRecord.served_on,
            func.sum(VolunteerRecord.minutes),
        )
        .where(
            VolunteerRecord.member_id.in_(member_ids),
            VolunteerRecord.status != RecordStatus.REJECTED,
        )
        .group_by(VolunteerRecord.member_id, VolunteerRecord.served_on)
    )
    if served_on is not None:
        statement = statement.where(VolunteerRecord.served_on == served_on)
    return statement


def day_overfull(minutes: int) -> bool:
    """Whether a member's day would hold more than 24 hours."""
    return minutes > MINUTES_PER_DAY


SHOWN = [name for name in RecordRead.model_fields if name != "hours"]


def present_record(record: VolunteerRecord | Mapping[str, Any]) -> RecordRead:
    """A record (or its columns with its member's name) as the API shows it, in hours."""
    values = record if isinstance(record, Mapping) else _shown(record)
    return RecordRead(
        **{name: values[name] for name in SHOWN}, hours=round(values["minutes"] / 60, 2)
    )


def _shown(record: VolunteerRecord) -> dict[str, Any]:
    return {name: getattr(record, name) for name in (*SHOWN, "minutes")}


@dataclass(frozen=True)
class RecordFilter:
    """Filters of the record list."""

    within_path: str | None = None
    member_id: uuid.UUID | None = None
    activity_id: uuid.UUID | None = None
    grid_id: uuid.UUID | None = None
    status: RecordStatus | None = None
    kind: ServiceKind | None = None
    served_from: date | None = None
    served_to: date | None = None


def list_records(principal: Principal, *, filters: RecordFilter) -> Select[VolunteerRecord]:
    """Build the query of the records the caller may see: in scope by the member's
    organization or community, and their own."""
    statement = (
        select(VolunteerRecord)
        .join(HomeOrg, HomeOrg.id == VolunteerRecord.organization_id)
        .join(CommunityOrg, CommunityOrg.id == VolunteerRecord.community_id)
    )
    paths = principal.paths_for(READ)
    if paths is not None:
        own = [VolunteerRecord.member_id == principal.member_id] if principal.member_id else []
        statement = statement.where(
            or_(
                within_any_subtree(HomeOrg.path, paths),
                within_any_subtree(CommunityOrg.path, paths),
                *own,
            )
        )
    if filters.within_path is not None:
        statement = statement.where(
            or_(
                within_subtree(HomeOrg.path, filters.within_path),
                within_subtree(CommunityOrg.path, filters.within_path),
            )
        )
    for column, value in (
        (VolunteerRecord.member_id, filters.member_id),
        (VolunteerRecord.activity_id, filters.activity_id),
        (VolunteerRecord.grid_id, filters.grid_id),
        (VolunteerRecord.status, filters.status),
        (VolunteerRecord.kind, filters.kind),
    ):
        if value is not None:
            statement = statement.where(column == value)
    if filters.served_from is not None:
        statement = statement.where(VolunteerRecord.served_on >= filters.served_from)
    if filters.served_to is not None:
        statement = statement.where(VolunteerRecord.served_on <= filters.served_to)
    return statement


def export_rows(principal: Principal, *, filters: RecordFilter) -> Select[Any]:
    """The filtered records with their members and organizations, for a table."""
    return (
        list_records(principal, filters=filters)
        .join(Member, Member.id == VolunteerRecord.member_id)
        .add_columns(Member.name, Member.id_number, HomeOrg.code)
        .order_by(VolunteerRecord.served_on, VolunteerRecord.id)
    )


def export_row(row: Any) -> dict[str, Any]:
    """One record as a table row."""
    record, name, id_number, code = row
    return {
        "member_name": name,
        "id_number": id_number,
        "organization_code": code,
        "served_on": record.served_on,
        "hours": round(record.minutes / 60, 2),
        "kind": record.kind,
        "beneficiaries": record.beneficiaries,
        "description": record.description,
        "status": record.status,
    }


async def _record_paths(session: AsyncSession, record: VolunteerRecord) -> list[str]:
    activity_org = None
    if record.activity_id is not None:
        activity = await session.get(VolunteerActivity, record.activity_id)
        activity_org = activity.organization_id if activity else None
    return await paths_of(session, record.organization_id, record.community_id, activity_org)


async def get_record(
    session: AsyncSession,
    principal: Principal,
    record_id: uuid.UUID,
    *,
    permission: Permission = READ,
) -> VolunteerRecord:
    """Load a record the caller may see, and decide on with `permission` when asked: staff
    of the member's organization or of the activity's organizer."""
    record = await session.get(VolunteerRecord, record_id, with_for_update=permission is not READ)
    if record is None:
        raise _missing(record_id)
    paths = await _record_paths(session, record)
    _ensure_reach(session, principal, record_id, record.member_id, paths, permission)
    return record


def _missing(record_id: uuid.UUID) -> RecordNotFound:
    return RecordNotFound(f"Record {record_id} does not exist.")


def _ensure_reach(
    session: AsyncSession,
    principal: Principal,
    record_id: uuid.UUID,
    member_id: uuid.UUID,
    paths: list[str],
    permission: Permission,
) -> None:
    """The caller sees the record and holds `permission` on it; else 404 (audited) or 403."""
    if member_id != principal.member_id and not any(principal.can(READ, path) for path in paths):
        audit.record_refusal(
            session, principal, entity_type="volunteer_record", entity_id=record_id
        )
        raise _missing(record_id)
    if permission is not READ and not any(principal.can(permission, path) for path in paths):
        raise Forbidden(
            "Only staff of the member's organization or of the organizer can decide on this record."
        )


async def get_record_to_edit(
    session: AsyncSession, principal: Principal, record_id: uuid.UUID
) -> VolunteerRecord:
    """Load a record its own member, or staff who decide on it, may add evidence to."""
    record = await get_record(session, principal, record_id)
    if record.member_id == principal.member_id:
        return record
    paths = await _record_paths(session, record)
    if not any(principal.can(MANAGE, path) for path in paths):
        raise Forbidden("Only the member or staff who decide on this record can change it.")
    return record


async def log_record(
    session: AsyncSession, principal: Principal, *, data: RecordCreate
) -> VolunteerRecord:
    """Log service, pending verification; a member's day holds at most 24 hours."""
    member = await member_for(session, principal, data.member_id)
    if not day_has_come(data.served_on, today=local_today()):
        raise ServedInFuture("Service cannot be logged for a day that has not come.")
    kind = data.kind
    if data.activity_id is not None:
        activity = await get_activity(session, principal, data.activity_id)
        kind = kind or activity.kind
    if kind is None:
        raise KindRequired("Say what kind of service this was (or name its activity).")
    minutes = round(data.hours * 60)
    await _ensure_day_has_room(session, member, data.served_on, minutes)
    community = community_of(
        member.organization_id, member.residence_organization_id, member.is_in_service
    )
    if data.grid_id is not None:
        await check_grid(
            session, data.grid_id, await paths_of(session, member.organization_id, community)
        )
    record = VolunteerRecord(
        member_id=member.id,
        activity_id=data.activity_id,
        grid_id=data.grid_id,
        organization_id=member.organization_id,
        community_id=community,
        served_on=data.served_on,
        minutes=minutes,
        kind=kind,
        beneficiaries=data.beneficiaries,
        description=data.description,
        status=RecordStatus.PENDING,
        logged_by_id=principal.id,
    )
    session.add(record)
    await session.flush()
    await session.refresh(record, attribute_names=["member"])
    return record


async def _ensure_day_has_room(
    session: AsyncSession, member: Member, served_on: date, minutes: int
) -> None:
    # Take the member's row lock with a write that changes nothing: concurrent logs for one
    # member then count one after the other (SELECT ... FOR UPDATE does nothing on SQLite).
    await session.execute(
        update(Member)
        .where(Member.id == member.id)
        .values(id=Member.id)
        .execution_options(synchronize_session=False)
    )
    day = (await session.execute(day_totals([member.id], served_on))).first()
    logged = int(day[2]) if day else 0
    if day_overfull(logged + minutes):
        left = max(MINUTES_PER_DAY - logged, 0) / 60
        raise DayOverTwentyFourHours(
            f"This member has already logged {logged / 60:g} hours on {served_on}; "
            f"at most {left:g} more can be logged for that day."
        )


def _decide(record: VolunteerRecord, principal: Principal, status: RecordStatus) -> None:
    record.status = status
    record.decided_by_id = principal.id
    record.decided_at = utcnow()


async def verify_record(
    session: AsyncSession, principal: Principal, record_id: uuid.UUID
) -> RecordRead:
    """Verify a pending record: from now on its hours count."""
    [row] = await _decidable_rows(session, principal, [record_id])
    if row.status is not RecordStatus.PENDING:
        raise RecordWrongState(
            f"Only a pending record can be verified; this one is {row.status.value}."
        )
    changes = await _verify(session, principal, [row])
    return present_record({**row._mapping, **changes, "version": row.version + 1})


async def reject_record(
    session: AsyncSession, principal: Principal, record: VolunteerRecord, *, reason: str
) -> VolunteerRecord:
    """Send a pending record back, saying why."""
    if record.status is not RecordStatus.PENDING:
        raise RecordWrongState(
            f"Only a pending record can be rejected; this one is {record.status.value}."
        )
    _decide(record, principal, RecordStatus.REJECTED)
    record.reject_reason = reason
    await session.flush()
    return record


async def revert_record(
    session: AsyncSession, principal: Principal, record: VolunteerRecord
) -> VolunteerRecord:
    """Take a verified record back to pending (administrators only); its hours stop counting."""
    if record.status is not RecordStatus.VERIFIED:
        raise RecordWrongState("Only a verified record can be reverted.")
    _decide(record, principal, RecordStatus.PENDING)
    await count_records(session, [record_facts(record)], sign=-1)
    audit.record(
        session,
        action="revert",
        entity_type="volunteer_record",
        entity_id=record.id,
        organization=await session.get(Organization, record.organization_id),
    )
    await session.flush()
    return record


async def verify_many(
    session: AsyncSession, principal: Principal, record_ids: list[uuid.UUID]
) -> int:
    """Verify several records together: all of them, or none if any cannot be verified."""
    rows = await _decidable_rows(session, principal, list(dict.fromkeys(record_ids)))
    not_pending = [str(r.id) for r in rows if r.status is not RecordStatus.PENDING]
    if not_pending:
        raise RecordWrongState(
            "Some records are not pending; nothing was verified.", record_ids=not_pending
        )
    await _verify(session, principal, rows)
    return len(rows)


async def _decidable_rows(
    session: AsyncSession, principal: Principal, record_ids: list[uuid.UUID]
) -> list[Row[Any]]:
    """The records, locked, in the order asked, once the caller may decide on each."""
    rows = await session.execute(DECIDABLE, {"record_ids": record_ids})
    found = {row.id: row for row in rows}
    for record_id in record_ids:
        if (row := found.get(record_id)) is None:
            raise _missing(record_id)
        _ensure_reach(session, principal, record_id, row.member_id, _row_paths(row), MANAGE)
    return [found[record_id] for record_id in record_ids]


async def _verify(
    session: AsyncSession, principal: Principal, rows: list[Row[Any]]
) -> dict[str, Any]:
    """Verify pending records (as read by DECIDABLE), count them and audit them; return what
    changed on each."""
    # A constant number of statements whatever the number of records: the update with the
    # tallies (one statement on PostgreSQL, four on SQLite), and one insert of the audit records.
    now = utcnow()
    parameters = {
        "records": [(r.id, r.version) for r in rows],
        "decider": principal.id,
        "decided": now,
    }
    paths = {r.organization_id: r.home_path for r in rows} | {
        r.community_id: r.community_path for r in rows
    }
    facts = [record_facts(row) for row in rows]
    if await update_and_count(session, VERIFY, parameters, facts, paths=paths) != len(rows):
        raise EditConflict("Someone else decided on these records at the same time; try again.")
    for row in rows:
        _audit_verified(session, principal, row, now)
    return {
        "status": RecordStatus.VERIFIED,
        "decided_by_id": principal.id,
        "decided_at": now,
        "updated_at": now,
    }


# Made once: the records with their members' names and organizations' paths, locked (on
# PostgreSQL) to decide on.
DECIDABLE: Select[*tuple[Any, ...]] = (
    select(
        *VolunteerRecord.__table__.c,
        Member.name.label("member_name"),
        HomeOrg.path.label("home_path"),
        CommunityOrg.path.label("community_path"),
        ActivityOrg.path.label("activity_path"),
    )
    .join(Member, Member.id == VolunteerRecord.member_id)
    .join(HomeOrg, HomeOrg.id == VolunteerRecord.organization_id)
    .join(CommunityOrg, CommunityOrg.id == VolunteerRecord.community_id)
    .outerjoin(VolunteerActivity, VolunteerActivity.id == VolunteerRecord.activity_id)
    .outerjoin(ActivityOrg, ActivityOrg.id == VolunteerActivity.organization_id)
    .where(VolunteerRecord.id.in_(bindparam("record_ids", expanding=True)))
    .with_for_update(of=VolunteerRecord)
)
_RECORDS = cast(Table, VolunteerRecord.__table__)
# Made once: verify the records named with the version they were read at (pending then).
VERIFY = (
    update(_RECORDS)
    .where(tuple_(_RECORDS.c.id, _RECORDS.c.version).in_(bindparam("records", expanding=True)))
    .values(
        status=RecordStatus.VERIFIED,
        decided_by_id=bindparam("decider"),
        decided_at=bindparam("decided"),
        updated_at=bindparam("decided"),
        version=_RECORDS.c.version + 1,
    )
)


def _row_paths(row: Row[Any]) -> list[str]:
    return [path for path in (row.home_path, row.community_path, row.activity_path) if path]


@dataclass(frozen=True)
class _Place:
    id: uuid.UUID
    path: str


def _audit_verified(
    session: AsyncSession, principal: Principal, row: Row[Any], now: datetime
) -> None:
    audit.record_update(
        session,
        VolunteerRecord,
        entity_id=row.id,
        organization=_Place(row.organization_id, row.home_path),
        changes={
            "status": (row.status, RecordStatus.VERIFIED),
            "decided_by_id": (row.decided_by_id, principal.id),
            "decided_at": (row.decided_at, now),
        },
    )


def record_facts(record: VolunteerRecord | Row[Any]) -> dict[str, Any]:
    """What the tallies need of a record."""
    return {
        "member_id": record.member_id,
        "organization_id": record.organization_id,
        "community_id": record.community_id,
        "served_on": record.served_on,
        "minutes": record.minutes,
        "kind": record.kind,
    }
