"""The rules of volunteer service: who may log, sign up and decide; the 24-hour day; the
state of a record; and the tallies every verify and revert keeps."""

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Select, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from grassroots.audit import service as audit
from grassroots.core.db import utcnow
from grassroots.core.errors import ConflictError, Forbidden, InvalidRequest, NotFoundError
from grassroots.core.security import Permission, Principal
from grassroots.core.versioning import check_if_match
from grassroots.members.models import Member
from grassroots.organizations.models import Organization, within_any_subtree, within_subtree
from grassroots.volunteering.enums import PledgeStatus, RecordStatus, ServiceKind
from grassroots.volunteering.models import (
    ActivitySignup,
    Pledge,
    VolunteerActivity,
    VolunteerRecord,
)
from grassroots.volunteering.schemas import (
    ActivityCreate,
    ActivityFields,
    PledgeCreate,
    PledgeUpdate,
    RecordCreate,
    RecordRead,
)
from grassroots.volunteering.tallies import count_records

READ = Permission.VOLUNTEER_READ
MANAGE = Permission.VOLUNTEER_MANAGE
REVERT = Permission.VOLUNTEER_REVERT
MINUTES_PER_DAY = 24 * 60
LOCAL_TIME = ZoneInfo("Asia/Shanghai")
HomeOrg = aliased(Organization, name="home_org")
CommunityOrg = aliased(Organization, name="community_org")


class ActivityNotFound(NotFoundError):
    """No activity with this id is visible to the caller."""

    code = "activity_not_found"


class ActivityFull(ConflictError):
    """Every place of the activity is taken."""

    code = "activity_full"


class AlreadySignedUp(ConflictError):
    """The member already has a place in this activity."""

    code = "activity_already_signed_up"


class SignupNotFound(NotFoundError):
    """The member has no place in this activity."""

    code = "signup_not_found"


class CapacityBelowSignups(InvalidRequest):
    """An activity cannot offer fewer places than are taken."""

    code = "activity_capacity_below_signups"


class RecordNotFound(NotFoundError):
    """No record with this id is visible to the caller."""

    code = "volunteer_record_not_found"


class RecordWrongState(ConflictError):
    """The record is not in a state that allows this."""

    code = "volunteer_record_wrong_state"


class DayOverTwentyFourHours(InvalidRequest):
    """A member cannot serve more than 24 hours in one day."""

    code = "volunteer_day_over_24_hours"


class ServedInFuture(InvalidRequest):
    """Service cannot be logged for a day that has not come."""

    code = "volunteer_served_in_future"


class MemberNeeded(InvalidRequest):
    """The request names no member, and the caller's account is linked to none."""

    code = "member_required"


class MemberOutOfReach(InvalidRequest):
    """The member does not exist or is outside the caller's scope."""

    code = "member_not_found"


class OrganizationOutOfReach(InvalidRequest):
    """The organization named in the body does not exist or is outside the caller's scope."""

    code = "organization_not_found"


class GridOutOfReach(InvalidRequest):
    """The grid named does not exist, or lies outside the organizations the record or
    activity belongs to (the same answer for both)."""

    code = "grid_not_found"


class PledgeNotFound(NotFoundError):
    """No pledge with this id is visible to the caller."""

    code = "pledge_not_found"


GridPathLookup = Callable[[AsyncSession, uuid.UUID], Awaitable[str | None]]
_grid_path: list[GridPathLookup] = []


def register_grid_lookup(lookup: GridPathLookup) -> None:
    """Let the grids domain (which sits above this one) say where a grid lies: the path of
    its organization, or None when there is no such grid."""
    _grid_path[:] = [lookup]


async def grid_path(session: AsyncSession, grid_id: uuid.UUID) -> str | None:
    """The path of a grid's organization, or None when the grid does not exist."""
    if not _grid_path:
        raise RuntimeError("the grids domain has not registered its grid lookup")
    return await _grid_path[0](session, grid_id)


async def check_grid(
    session: AsyncSession, grid_id: uuid.UUID | None, organization_paths: list[str]
) -> None:
    """A grid named by a record or activity lies in the subtree of one of its organizations
    (the member's organization or registered community; the organizer)."""
    if grid_id is None:
        return
    path = await grid_path(session, grid_id)
    if path is None or not any(path.startswith(owner) for owner in organization_paths):
        raise GridOutOfReach(
            f"Grid {grid_id} does not exist or is outside the organizations this belongs to."
        )


def local_today() -> date:
    """Today in China, where the service is done."""
    return datetime.now(LOCAL_TIME).date()


async def _paths_of(session: AsyncSession, *organization_ids: uuid.UUID | None) -> list[str]:
    ids = [org_id for org_id in organization_ids if org_id is not None]
    if not ids:
        return []
    return list(await session.scalars(select(Organization.path).where(Organization.id.in_(ids))))


async def _member(
    session: AsyncSession,
    principal: Principal,
    member_id: uuid.UUID | None,
    *,
    permission: Permission = MANAGE,
) -> Member:
    """The member a request is about: the caller's own, or one they hold `permission` over."""
    member_id = member_id or principal.member_id
    if member_id is None:
        raise MemberNeeded("Name the member, or link your account to your member record.")
    # One answer whether the member is missing or out of reach, so it tells nothing of either.
    out_of_reach = MemberOutOfReach("The member named does not exist or is outside your scope.")
    member = await session.get(Member, member_id)
    if member is None:
        raise out_of_reach
    if member.id == principal.member_id:
        return member
    paths = await _paths_of(session, member.organization_id, member.residence_organization_id)
    if not any(principal.can(permission, path) for path in paths):
        raise out_of_reach
    return member


# Activities ---------------------------------------------------------------------------------


async def _member_reach(session: AsyncSession, principal: Principal) -> list[uuid.UUID]:
    """Organizations whose activities the caller's member may join: their own organization,
    the community they registered at, and everything above both."""
    if principal.member_id is None:
        return []
    member = await session.get(Member, principal.member_id)
    if member is None:
        return []
    reach: list[uuid.UUID] = []
    for path in await _paths_of(session, member.organization_id, member.residence_organization_id):
        reach += [uuid.UUID(segment) for segment in path.strip("/").split("/")]
    return reach


async def list_activities(
    session: AsyncSession,
    principal: Principal,
    *,
    within_path: str | None,
    starts_from: datetime | None,
) -> Select[VolunteerActivity]:
    """Build the query of activities the caller may see: those in their scope, and those
    their member may join."""
    statement = select(VolunteerActivity).join(
        Organization, Organization.id == VolunteerActivity.organization_id
    )
    paths = principal.paths_for(READ)
    if paths is not None:
        reach = await _member_reach(session, principal)
        statement = statement.where(
            or_(
                within_any_subtree(Organization.path, paths),
                VolunteerActivity.organization_id.in_(reach),
            )
        )
    if within_path is not None:
        statement = statement.where(within_subtree(Organization.path, within_path))
    if starts_from is not None:
        statement = statement.where(VolunteerActivity.starts_at >= starts_from)
    return statement


async def get_activity(
    session: AsyncSession,
    principal: Principal,
    activity_id: uuid.UUID,
    *,
    permission: Permission = READ,
) -> VolunteerActivity:
    """Load an activity the caller may see (and act on with `permission`)."""
    activity = await session.get(VolunteerActivity, activity_id)
    missing = ActivityNotFound(f"Activity {activity_id} does not exist.")
    if activity is None:
        raise missing
    organization = await session.get(Organization, activity.organization_id)
    assert organization is not None
    visible = principal.can(READ, organization.path) or (
        activity.organization_id in await _member_reach(session, principal)
    )
    if not visible:
        audit.record_refusal(
            session,
            principal,
            entity_type="volunteer_activity",
            entity_id=activity_id,
            organization=organization,
        )
        raise missing
    if permission is not READ and not principal.can(permission, organization.path):
        raise Forbidden("Your role does not allow this on this activity.")
    return activity


async def create_activity(
    session: AsyncSession, principal: Principal, *, data: ActivityCreate
) -> VolunteerActivity:
    """Organize an activity for an organization within the caller's scope."""
    organization = await session.get(Organization, data.organization_id)
    if organization is None or not principal.can(MANAGE, organization.path):
        raise OrganizationOutOfReach(
            f"Organization {data.organization_id} does not exist or is outside your scope."
        )
    await check_grid(session, data.grid_id, [organization.path])
    activity = VolunteerActivity(**data.model_dump(), signed_up=0)
    session.add(activity)
    await session.flush()
    return activity


async def update_activity(
    session: AsyncSession,
    activity: VolunteerActivity,
    *,
    data: ActivityFields,
    if_match: str | None,
) -> VolunteerActivity:
    """Change an activity; its capacity never below the places taken."""
    check_if_match(if_match, version=activity.version)
    if data.capacity is not None and data.capacity < activity.signed_up:
        raise CapacityBelowSignups(
            f"{activity.signed_up} places are taken; the capacity cannot be lower."
        )
    if data.grid_id is not None and data.grid_id != activity.grid_id:
        await check_grid(session, data.grid_id, await _paths_of(session, activity.organization_id))
    for name, value in data.model_dump().items():
        setattr(activity, name, value)
    await session.flush()
    return activity


async def delete_activity(
    session: AsyncSession, activity: VolunteerActivity, *, if_match: str | None
) -> None:
    """Cancel an activity (its sign-ups go with it; records keep their hours)."""
    check_if_match(if_match, version=activity.version)
    await session.delete(activity)
    await session.flush()


async def sign_up(
    session: AsyncSession,
    principal: Principal,
    activity: VolunteerActivity,
    *,
    member_id: uuid.UUID | None,
) -> ActivitySignup:
    """Take a place, atomically: under concurrent sign-ups no more places are given than
    there are."""
    member = await _member(session, principal, member_id)
    taken = await session.execute(
        update(VolunteerActivity)
        .where(
            VolunteerActivity.id == activity.id,
            or_(
                VolunteerActivity.capacity.is_(None),
                VolunteerActivity.signed_up < VolunteerActivity.capacity,
            ),
        )
        .values(signed_up=VolunteerActivity.signed_up + 1)
        .execution_options(synchronize_session=False)
    )
    if taken.rowcount != 1:  # type: ignore[attr-defined]
        raise ActivityFull("Every place of this activity is taken.")
    signup = ActivitySignup(activity_id=activity.id, member_id=member.id)
    session.add(signup)
    try:
        await session.flush()
    except IntegrityError as exc:
        raise AlreadySignedUp("This member already has a place in this activity.") from exc
    await session.refresh(signup, attribute_names=["member"])
    return signup


async def cancel_signup(
    session: AsyncSession,
    principal: Principal,
    activity: VolunteerActivity,
    *,
    member_id: uuid.UUID,
) -> None:
    """Give a place back."""
    member = await _member(session, principal, member_id)
    signup = await session.scalar(
        select(ActivitySignup).where(
            ActivitySignup.activity_id == activity.id, ActivitySignup.member_id == member.id
        )
    )
    if signup is None:
        raise SignupNotFound("This member has no place in this activity.")
    await session.delete(signup)
    await session.execute(
        update(VolunteerActivity)
        .where(VolunteerActivity.id == activity.id)
        .values(signed_up=VolunteerActivity.signed_up - 1)
        .execution_options(synchronize_session=False)
    )
    await session.flush()


async def activities_joined(
    session: AsyncSession, principal: Principal, activity_ids: list[uuid.UUID]
) -> set[uuid.UUID]:
    """Which of these activities the caller's own member holds a place in."""
    if principal.member_id is None or not activity_ids:
        return set()
    rows = await session.scalars(
        select(ActivitySignup.activity_id).where(
            ActivitySignup.member_id == principal.member_id,
            ActivitySignup.activity_id.in_(activity_ids),
        )
    )
    return set(rows)


def list_signups(activity: VolunteerActivity) -> Select[ActivitySignup]:
    """Build the query of an activity's sign-ups."""
    return select(ActivitySignup).where(ActivitySignup.activity_id == activity.id)


# Records ------------------------------------------------------------------------------------


def present_record(record: VolunteerRecord) -> RecordRead:
    """A record as the API shows it, in hours."""
    return RecordRead(
        **{name: getattr(record, name) for name in RecordRead.model_fields if name != "hours"},
        hours=round(record.minutes / 60, 2),
    )


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
    return await _paths_of(session, record.organization_id, record.community_id, activity_org)


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
    missing = RecordNotFound(f"Record {record_id} does not exist.")
    if record is None:
        raise missing
    paths = await _record_paths(session, record)
    own = record.member_id == principal.member_id
    if not own and not any(principal.can(READ, path) for path in paths):
        audit.record_refusal(
            session, principal, entity_type="volunteer_record", entity_id=record_id
        )
        raise missing
    if permission is not READ and not any(principal.can(permission, path) for path in paths):
        raise Forbidden(
            "Only staff of the member's organization or of the organizer can decide on this record."
        )
    return record


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
    member = await _member(session, principal, data.member_id)
    if data.served_on > local_today():
        raise ServedInFuture("Service cannot be logged for a day that has not come.")
    kind = data.kind
    if data.activity_id is not None:
        activity = await get_activity(session, principal, data.activity_id)
        kind = kind or activity.kind
    if kind is None:
        raise InvalidRequest("Say what kind of service this was (or name its activity).")
    minutes = round(data.hours * 60)
    await _ensure_day_has_room(session, member, data.served_on, minutes)
    community = (
        member.residence_organization_id
        if (member.is_in_service and member.residence_organization_id)
        else member.organization_id
    )
    if data.grid_id is not None:
        await check_grid(
            session, data.grid_id, await _paths_of(session, member.organization_id, community)
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
    logged = await session.scalar(
        select(func.coalesce(func.sum(VolunteerRecord.minutes), 0)).where(
            VolunteerRecord.member_id == member.id,
            VolunteerRecord.served_on == served_on,
            VolunteerRecord.status != RecordStatus.REJECTED,
        )
    )
    if int(logged or 0) + minutes > MINUTES_PER_DAY:
        left = max(MINUTES_PER_DAY - int(logged or 0), 0) / 60
        raise DayOverTwentyFourHours(
            f"This member has already logged {int(logged or 0) / 60:g} hours on {served_on}; "
            f"at most {left:g} more can be logged for that day."
        )


def _decide(record: VolunteerRecord, principal: Principal, status: RecordStatus) -> None:
    record.status = status
    record.decided_by_id = principal.id
    record.decided_at = utcnow()


async def verify_record(
    session: AsyncSession, principal: Principal, record: VolunteerRecord
) -> VolunteerRecord:
    """Verify a pending record: from now on its hours count."""
    if record.status is not RecordStatus.PENDING:
        raise RecordWrongState(
            f"Only a pending record can be verified; this one is {record.status.value}."
        )
    _decide(record, principal, RecordStatus.VERIFIED)
    await _tally(session, record, sign=1)
    await session.flush()
    return record


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
    await _tally(session, record, sign=-1)
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
    unique_ids = list(dict.fromkeys(record_ids))
    records = [
        await get_record(session, principal, record_id, permission=MANAGE)
        for record_id in unique_ids
    ]
    not_pending = [str(r.id) for r in records if r.status is not RecordStatus.PENDING]
    if not_pending:
        raise RecordWrongState(
            "Some records are not pending; nothing was verified.", record_ids=not_pending
        )
    for record in records:
        await verify_record(session, principal, record)
    return len(records)


async def _tally(session: AsyncSession, record: VolunteerRecord, *, sign: int) -> None:
    """Add (or take away) a record's minutes in the tallies rollups read."""
    await count_records(session, [record_facts(record)], sign=sign)


def record_facts(record: VolunteerRecord) -> dict[str, Any]:
    """What the tallies need of a record."""
    return {
        "member_id": record.member_id,
        "organization_id": record.organization_id,
        "community_id": record.community_id,
        "served_on": record.served_on,
        "minutes": record.minutes,
        "kind": record.kind,
    }


# Pledges ------------------------------------------------------------------------------------


async def create_pledge(
    session: AsyncSession, principal: Principal, *, data: PledgeCreate
) -> Pledge:
    """Record a member's pledge for a year."""
    member = await _member(session, principal, data.member_id)
    pledge = Pledge(
        member_id=member.id,
        organization_id=member.organization_id,
        year=data.year,
        content=data.content,
        status=PledgeStatus.PLEDGED,
    )
    session.add(pledge)
    await session.flush()
    await session.refresh(pledge, attribute_names=["member"])
    return pledge


def list_pledges(
    principal: Principal,
    *,
    within_path: str | None,
    year: int | None,
    status: PledgeStatus | None,
    member_id: uuid.UUID | None,
) -> Select[Pledge]:
    """Build the query of pledges the caller may see: in scope, and their own."""
    statement = select(Pledge).join(Organization, Organization.id == Pledge.organization_id)
    paths = principal.paths_for(READ)
    if paths is not None:
        own = [Pledge.member_id == principal.member_id] if principal.member_id else []
        statement = statement.where(or_(within_any_subtree(Organization.path, paths), *own))
    if within_path is not None:
        statement = statement.where(within_subtree(Organization.path, within_path))
    for column, value in (
        (Pledge.year, year),
        (Pledge.status, status),
        (Pledge.member_id, member_id),
    ):
        if value is not None:
            statement = statement.where(column == value)
    return statement


async def get_pledge(session: AsyncSession, principal: Principal, pledge_id: uuid.UUID) -> Pledge:
    """Load a pledge the caller may see."""
    pledge = await session.get(Pledge, pledge_id)
    missing = PledgeNotFound(f"Pledge {pledge_id} does not exist.")
    if pledge is None:
        raise missing
    organization = await session.get(Organization, pledge.organization_id)
    own = pledge.member_id == principal.member_id
    if not own and not (organization and principal.can(READ, organization.path)):
        audit.record_refusal(
            session, principal, entity_type="pledge", entity_id=pledge_id, organization=organization
        )
        raise missing
    return pledge


MEMBER_SETTABLE = {PledgeStatus.PLEDGED, PledgeStatus.IN_PROGRESS}


async def update_pledge(
    session: AsyncSession,
    principal: Principal,
    pledge: Pledge,
    *,
    data: PledgeUpdate,
    if_match: str | None,
) -> Pledge:
    """The member reports progress; staff review it (fulfilled or not)."""
    check_if_match(if_match, version=pledge.version)
    organization = await session.get(Organization, pledge.organization_id)
    is_staff = organization is not None and principal.can(MANAGE, organization.path)
    if not is_staff and pledge.member_id != principal.member_id:
        raise Forbidden("Only the member or staff of their organization can change a pledge.")
    changes = data.model_dump(exclude_unset=True)
    if any(changes.get(name, "") is None for name in ("content", "status")):
        raise InvalidRequest("content and status cannot be cleared.")
    status = changes.get("status")
    if status is not None and status not in MEMBER_SETTABLE:
        if not is_staff:
            raise Forbidden("Only staff decide whether a pledge was fulfilled.")
        pledge.reviewed_by_id, pledge.reviewed_at = principal.id, utcnow()
    for name, value in changes.items():
        setattr(pledge, name, value)
    await session.flush()
    return pledge
