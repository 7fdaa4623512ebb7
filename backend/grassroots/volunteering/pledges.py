"""Pledges: what a member promises for a year, their progress, and staff's review."""

import uuid

from sqlalchemy import Select, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.core import audit
from grassroots.core.db import utcnow
from grassroots.core.errors import Forbidden
from grassroots.core.security import Principal
from grassroots.core.validation import refuse_cleared
from grassroots.core.versioning import check_if_match
from grassroots.organizations.models import Organization, within_any_subtree, within_subtree
from grassroots.volunteering.enums import PledgeStatus
from grassroots.volunteering.exceptions import PledgeNotFound
from grassroots.volunteering.models import Pledge
from grassroots.volunteering.schemas import PledgeCreate, PledgeUpdate
from grassroots.volunteering.scope import MANAGE, READ, member_for


async def create_pledge(
    session: AsyncSession, principal: Principal, *, data: PledgeCreate
) -> Pledge:
    """Record a member's pledge for a year."""
    member = await member_for(session, principal, data.member_id)
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
    refuse_cleared(changes, ("content", "status"))
    status = changes.get("status")
    if status is not None and status not in MEMBER_SETTABLE:
        if not is_staff:
            raise Forbidden("Only staff decide whether a pledge was fulfilled.")
        pledge.reviewed_by_id, pledge.reviewed_at = principal.id, utcnow()
    for name, value in changes.items():
        setattr(pledge, name, value)
    await session.flush()
    return pledge
