"""The rules of accounts and grants: who may see, create and change whom."""

import uuid
from collections.abc import Awaitable

from sqlalchemy import Select, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.core import audit
from grassroots.core.errors import ConflictError, Forbidden, InvalidRequest, NotFoundError
from grassroots.core.hooks import Provider
from grassroots.core.security import (
    Permission,
    Principal,
    hash_password,
    password_problem,
)
from grassroots.core.validation import refuse_cleared
from grassroots.core.versioning import check_if_match
from grassroots.members import service as members_service
from grassroots.organizations import service as org_service
from grassroots.organizations.models import Organization
from grassroots.users.models import Grant, User
from grassroots.users.schemas import GrantCreate, UserCreate, UserUpdate

MANAGE = Permission.USERS_MANAGE
# The auth domain ends every session of a user (a new password, a disabled account); it
# registers this when imported.
end_sessions: Provider[[AsyncSession, uuid.UUID], Awaitable[None]] = Provider("end sessions")


class UserNotFound(NotFoundError):
    """No user with this id is visible to the caller."""

    code = "user_not_found"


class GrantNotFound(NotFoundError):
    """No such grant on this user is visible to the caller."""

    code = "grant_not_found"


class UsernameTaken(ConflictError):
    """Another account already has this username."""

    code = "username_taken"


class GrantExists(ConflictError):
    """The user already holds this role on this organization."""

    code = "grant_exists"


class ReferencedOrganizationNotFound(InvalidRequest):
    """The organization named in the body does not exist or is outside the caller's scope."""

    code = "organization_not_found"


class LinkedMemberNotFound(InvalidRequest):
    """The member named for the account does not exist or is outside the caller's scope."""

    code = "member_not_found"


class MemberAlreadyLinked(ConflictError):
    """Another account is already linked to this member."""

    code = "member_already_linked"


class WeakPassword(InvalidRequest):
    """The password is too short, too long or too common."""

    message = "The password is not acceptable."


class PasswordTooShort(WeakPassword):
    """The password is shorter than the minimum."""

    code = "password_too_short"
    message = "The password must be at least 8 characters long."


class PasswordTooLong(WeakPassword):
    """The password is longer than the maximum."""

    code = "password_too_long"
    message = "The password is too long."


class PasswordTooCommon(WeakPassword):
    """The password is on the list of common or guessable passwords."""

    code = "password_too_common"
    message = "This password is too common or too easy to guess."


WEAK_PASSWORDS = (PasswordTooShort, PasswordTooLong, PasswordTooCommon)


def list_users(principal: Principal, *, within_path: str | None, q: str | None) -> Select[User]:
    """Build the query of users whose organization lies in the caller's scope."""
    statement = select(User)
    paths = principal.paths_for(MANAGE)
    if paths is not None or within_path is not None:
        statement = statement.join(Organization, Organization.id == User.organization_id)
    if paths is not None:
        statement = statement.where(org_service.in_any_subtree(paths))
    if within_path is not None:
        statement = statement.where(org_service.in_subtree(within_path))
    if q:
        pattern = f"%{org_service.escape_like(q)}%"
        statement = statement.where(
            or_(
                User.username.ilike(pattern, escape="\\"),
                User.display_name.ilike(pattern, escape="\\"),
            )
        )
    return statement


async def get_user(session: AsyncSession, principal: Principal, user_id: uuid.UUID) -> User:
    """Load a user the caller may manage, or raise UserNotFound."""
    user = await session.get(User, user_id)
    missing = UserNotFound(f"User {user_id} does not exist.")
    if user is None:
        raise missing
    organization = await _organization_of(session, user)
    in_scope = principal.is_superuser or (
        organization is not None and principal.can(MANAGE, organization.path)
    )
    if not in_scope:
        audit.record_refusal(
            session, principal, entity_type="user", entity_id=user_id, organization=organization
        )
        raise missing
    return user


async def _organization_of(session: AsyncSession, user: User) -> Organization | None:
    if user.organization_id is None:
        return None
    return await session.get(Organization, user.organization_id)


async def organization_to_manage(
    session: AsyncSession, principal: Principal, organization_id: uuid.UUID
) -> Organization:
    """Load an organization named in a body, refusing one outside the caller's scope."""
    organization = await session.get(Organization, organization_id)
    if organization is None or not principal.can(MANAGE, organization.path):
        raise ReferencedOrganizationNotFound(
            f"Organization {organization_id} does not exist or is outside your scope."
        )
    return organization


async def ensure_manageable(session: AsyncSession, principal: Principal, user: User) -> None:
    """Refuse changes to a user who holds power beyond the caller's scope."""
    if principal.is_superuser:
        return
    if user.is_superuser:
        raise Forbidden("Only a superuser can change a superuser.")
    paths = await session.scalars(
        select(Organization.path)
        .join(Grant, Grant.organization_id == Organization.id)
        .where(Grant.user_id == user.id)
    )
    if not all(principal.can(MANAGE, path) for path in paths):
        raise Forbidden("This user holds roles beyond your scope; ask an administrator above.")


async def _member_to_link(
    session: AsyncSession, principal: Principal, member_id: uuid.UUID
) -> None:
    """A member an account may be linked to: one the caller may see, not linked elsewhere."""
    try:
        await members_service.get_member(session, principal, member_id)
    except NotFoundError as exc:
        raise LinkedMemberNotFound(
            f"Member {member_id} does not exist or is outside your scope."
        ) from exc
    linked = await session.scalar(select(func.count()).where(User.member_id == member_id))
    if linked:
        raise MemberAlreadyLinked("Another account is already linked to this member.")


def _check_password(password: str, username: str) -> str:
    if (problem := password_problem(password, username=username)) is not None:
        weak = next(error for error in WEAK_PASSWORDS if error.code == problem)
        raise weak(weak.message)
    return hash_password(password)


async def create_user(session: AsyncSession, principal: Principal, *, data: UserCreate) -> User:
    """Create an account in an organization within the caller's scope."""
    await organization_to_manage(session, principal, data.organization_id)
    await _ensure_username_free(session, data.username)
    if data.member_id is not None:
        await _member_to_link(session, principal, data.member_id)
    user = User(
        username=data.username,
        display_name=data.display_name,
        phone=data.phone,
        organization_id=data.organization_id,
        is_active=data.is_active,
        member_id=data.member_id,
        password_hash=_check_password(data.password, data.username),
    )
    session.add(user)
    await session.flush()
    return user


async def create_superuser(session: AsyncSession, *, username: str, password: str) -> User:
    """Create the installation's owner (no organization, every permission)."""
    await _ensure_username_free(session, username)
    user = User(
        username=username,
        display_name=username,
        is_superuser=True,
        password_hash=_check_password(password, username),
    )
    session.add(user)
    await session.flush()
    return user


async def _ensure_username_free(session: AsyncSession, username: str) -> None:
    taken = await session.scalar(
        select(func.count()).where(func.lower(User.username) == username.lower())
    )
    if taken:
        raise UsernameTaken(f"The username {username!r} is taken.")


async def update_user(
    session: AsyncSession,
    principal: Principal,
    user: User,
    *,
    data: UserUpdate,
    if_match: str | None,
) -> User:
    """Change an account; a new password or disabling it ends the user's sessions."""
    check_if_match(if_match, version=user.version)
    await ensure_manageable(session, principal, user)
    changes = data.model_dump(exclude_unset=True)
    refuse_cleared(changes, ("display_name", "is_active", "password"))
    if changes.get("organization_id") is not None:
        await organization_to_manage(session, principal, changes["organization_id"])
    if changes.get("member_id") is not None:
        await _member_to_link(session, principal, changes["member_id"])
    if "password" in changes:
        user.password_hash = _check_password(changes.pop("password"), user.username)
    for name, value in changes.items():
        setattr(user, name, value)
    if "password" in data.model_fields_set or user.is_active is False:
        await end_sessions(session, user.id)
    await session.flush()
    return user


async def list_grants(session: AsyncSession, principal: Principal, user: User) -> list[Grant]:
    """The user's grants that lie within the caller's scope."""
    statement = (
        select(Grant)
        .join(Organization, Organization.id == Grant.organization_id)
        .where(Grant.user_id == user.id)
        .order_by(Grant.created_at, Grant.id)
    )
    if (paths := principal.paths_for(MANAGE)) is not None:
        statement = statement.where(org_service.in_any_subtree(paths))
    return list(await session.scalars(statement))


async def create_grant(
    session: AsyncSession, principal: Principal, user: User, *, data: GrantCreate
) -> Grant:
    """Grant a role on an organization within the caller's scope."""
    await ensure_manageable(session, principal, user)
    await organization_to_manage(session, principal, data.organization_id)
    held = await session.scalar(
        select(func.count()).where(
            Grant.user_id == user.id,
            Grant.organization_id == data.organization_id,
            Grant.role == data.role,
        )
    )
    if held:
        raise GrantExists("The user already holds this role on this organization.")
    grant = Grant(user_id=user.id, organization_id=data.organization_id, role=data.role)
    session.add(grant)
    await session.flush()
    await session.refresh(grant, attribute_names=["organization"])
    return grant


async def delete_grant(
    session: AsyncSession, principal: Principal, user: User, grant_id: uuid.UUID
) -> None:
    """Withdraw a grant within the caller's scope."""
    await ensure_manageable(session, principal, user)
    grants = {grant.id: grant for grant in await list_grants(session, principal, user)}
    if grant_id not in grants:
        raise GrantNotFound(f"Grant {grant_id} does not exist.")
    await session.delete(grants[grant_id])
    await session.flush()
