"""Who and where volunteer service reaches: the permissions it asks for, the members a
caller may act for, and the grids a record or activity may name."""

import uuid
from collections.abc import Awaitable, Callable

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.core.security import Permission, Principal
from grassroots.members.models import Member
from grassroots.organizations.models import Organization
from grassroots.volunteering.exceptions import GridOutOfReach, MemberNeeded, MemberOutOfReach

READ = Permission.VOLUNTEER_READ
MANAGE = Permission.VOLUNTEER_MANAGE
REVERT = Permission.VOLUNTEER_REVERT

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


async def paths_of(session: AsyncSession, *organization_ids: uuid.UUID | None) -> list[str]:
    """The paths of these organizations (None ids are skipped)."""
    ids = [org_id for org_id in organization_ids if org_id is not None]
    if not ids:
        return []
    return list(await session.scalars(select(Organization.path).where(Organization.id.in_(ids))))


async def member_for(
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
    paths = await paths_of(session, member.organization_id, member.residence_organization_id)
    if not any(principal.can(permission, path) for path in paths):
        raise out_of_reach
    return member
