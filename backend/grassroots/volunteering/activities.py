"""Volunteer activities: who sees and organizes them, and the places members take."""

import uuid
from datetime import datetime

from sqlalchemy import Select, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.audit import service as audit
from grassroots.core.errors import Forbidden
from grassroots.core.security import Permission, Principal
from grassroots.core.versioning import check_if_match
from grassroots.members.models import Member
from grassroots.organizations.models import Organization, within_any_subtree, within_subtree
from grassroots.volunteering.exceptions import (
    ActivityFull,
    ActivityNotFound,
    AlreadySignedUp,
    CapacityBelowSignups,
    OrganizationOutOfReach,
    SignupNotFound,
)
from grassroots.volunteering.models import ActivitySignup, VolunteerActivity
from grassroots.volunteering.schemas import ActivityCreate, ActivityFields
from grassroots.volunteering.scope import MANAGE, READ, check_grid, member_for, paths_of


async def _member_reach(session: AsyncSession, principal: Principal) -> list[uuid.UUID]:
    """Organizations whose activities the caller's member may join: their own organization,
    the community they registered at, and everything above both."""
    if principal.member_id is None:
        return []
    member = await session.get(Member, principal.member_id)
    if member is None:
        return []
    reach: list[uuid.UUID] = []
    for path in await paths_of(session, member.organization_id, member.residence_organization_id):
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
        await check_grid(session, data.grid_id, await paths_of(session, activity.organization_id))
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
    member = await member_for(session, principal, member_id)
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
    member = await member_for(session, principal, member_id)
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
