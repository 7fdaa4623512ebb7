"""The rules of the organization tree: create, edit, move, delete, search, count."""

import uuid
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, Select, and_, case, exists, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.core.errors import ConflictError, InvalidRequest, NotFoundError
from grassroots.core.versioning import check_if_match
from grassroots.organizations.enums import Domain, Flag, Kind, Tier
from grassroots.organizations.models import (
    MAX_DEPTH,
    Organization,
    child_path,
    flag_column,
    subtree_bounds,
)
from grassroots.organizations.schemas import (
    OrganizationCreate,
    OrganizationStats,
    OrganizationUpdate,
)


class OrganizationNotFound(NotFoundError):
    """No organization with this id is visible to the caller."""

    code = "organization_not_found"


class ParentNotFound(InvalidRequest):
    """The parent named in the request does not exist."""

    code = "organization_parent_not_found"


class OrganizationCodeTaken(ConflictError):
    """Another organization already has this code."""

    code = "organization_code_taken"


class OrganizationMoveCycle(ConflictError):
    """An organization cannot move under itself or its own descendants."""

    code = "organization_move_cycle"


class OrganizationNotEmpty(ConflictError):
    """An organization that still has children cannot be deleted."""

    code = "organization_not_empty"


class OrganizationTooDeep(InvalidRequest):
    """The tree would grow deeper than the path can hold."""

    code = "organization_too_deep"


@dataclass(frozen=True)
class OrganizationFilter:
    """Filters of the organization list; each one given narrows the result."""

    within: uuid.UUID | None = None
    domain: Domain | None = None
    kind: Kind | None = None
    tier: Tier | None = None
    flags: list[Flag] = field(default_factory=list)
    q: str | None = None


ORDER = (Organization.code, Organization.id)


async def get_organization(session: AsyncSession, organization_id: uuid.UUID) -> Organization:
    """Load an organization or raise OrganizationNotFound."""
    organization = await session.get(Organization, organization_id)
    if organization is None:
        raise OrganizationNotFound(f"Organization {organization_id} does not exist.")
    return organization


def in_subtree(path: str) -> ColumnElement[bool]:
    """The condition matching an organization and everything below it, as a range scan."""
    low, high = subtree_bounds(path)
    return and_(Organization.path >= low, Organization.path < high)


async def list_organizations(
    session: AsyncSession, *, filters: OrganizationFilter
) -> Select[Organization]:
    """Build the query of organizations matching the filters."""
    statement = select(Organization)
    if filters.within is not None:
        root = await get_organization(session, filters.within)
        statement = statement.where(in_subtree(root.path))
    if filters.domain is not None:
        statement = statement.where(Organization.domain == filters.domain)
    if filters.kind is not None:
        statement = statement.where(Organization.kind == filters.kind)
    if filters.tier is not None:
        statement = statement.where(Organization.tier == filters.tier)
    for flag in filters.flags:
        statement = statement.where(getattr(Organization, flag_column(flag)).is_(True))
    if filters.q:
        pattern = f"%{_escape_like(filters.q)}%"
        statement = statement.where(
            or_(
                Organization.name.ilike(pattern, escape="\\"),
                Organization.short_name.ilike(pattern, escape="\\"),
                Organization.code.ilike(pattern, escape="\\"),
            )
        )
    return statement


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def list_children(organization: Organization) -> Select[Organization]:
    """Build the query of an organization's direct children."""
    return select(Organization).where(Organization.parent_id == organization.id)


async def list_ancestors(session: AsyncSession, organization: Organization) -> list[Organization]:
    """Return the organization's ancestors, root first, itself excluded."""
    ids = organization.ancestor_ids
    if not ids:
        return []
    rows = await session.scalars(
        select(Organization).where(Organization.id.in_(ids)).order_by(Organization.depth)
    )
    return list(rows)


async def create_organization(session: AsyncSession, *, data: OrganizationCreate) -> Organization:
    """Create an organization under its parent (or as a root)."""
    parent_path, depth = "", 0
    if data.parent_id is not None:
        parent = await session.get(Organization, data.parent_id)
        if parent is None:
            raise ParentNotFound(f"Parent organization {data.parent_id} does not exist.")
        parent_path, depth = parent.path, parent.depth + 1
    if depth >= MAX_DEPTH:
        raise OrganizationTooDeep(f"The tree can be at most {MAX_DEPTH} levels deep.")
    await _ensure_code_free(session, data.code)
    fields = data.model_dump(exclude={"parent_id", "flags"})
    organization = Organization(id=uuid.uuid4(), parent_id=data.parent_id, depth=depth, **fields)
    organization.flags = data.flags
    organization.path = child_path(parent_path, organization.id)
    session.add(organization)
    await session.flush()
    return organization


async def update_organization(
    session: AsyncSession,
    organization: Organization,
    *,
    data: OrganizationUpdate,
    if_match: str | None,
) -> Organization:
    """Apply the fields sent in a partial update."""
    check_if_match(if_match, version=organization.version)
    changes = data.model_dump(exclude_unset=True)
    if "code" in changes and changes["code"] != organization.code:
        await _ensure_code_free(session, changes["code"])
    if "flags" in changes:
        organization.flags = data.flags or []
        del changes["flags"]
    for name, value in changes.items():
        setattr(organization, name, value)
    await session.flush()
    return organization


async def move_organization(
    session: AsyncSession,
    organization: Organization,
    *,
    parent_id: uuid.UUID | None,
    if_match: str | None,
) -> Organization:
    """Move an organization and its whole subtree under a new parent."""
    check_if_match(if_match, version=organization.version)
    if parent_id == organization.parent_id:
        return organization
    parent_path, parent_depth = "", -1
    if parent_id is not None:
        parent = await session.get(Organization, parent_id)
        if parent is None:
            raise ParentNotFound(f"Parent organization {parent_id} does not exist.")
        if parent.path.startswith(organization.path):
            raise OrganizationMoveCycle(
                "An organization cannot be moved under itself or one of its descendants."
            )
        parent_path, parent_depth = parent.path, parent.depth
    organization.parent_id = parent_id
    await session.flush()
    await _move_subtree(session, organization, parent_path=parent_path, parent_depth=parent_depth)
    await session.refresh(organization)
    return organization


async def _move_subtree(
    session: AsyncSession, organization: Organization, *, parent_path: str, parent_depth: int
) -> None:
    old_path = organization.path
    new_path = child_path(parent_path, organization.id)
    depth_change = parent_depth + 1 - organization.depth
    deepest = await session.scalar(select(func.max(Organization.depth)).where(in_subtree(old_path)))
    if (deepest or 0) + depth_change >= MAX_DEPTH:
        raise OrganizationTooDeep(f"The tree can be at most {MAX_DEPTH} levels deep.")
    await session.execute(
        update(Organization)
        .where(in_subtree(old_path))
        .values(
            path=new_path + func.substr(Organization.path, len(old_path) + 1),
            depth=Organization.depth + depth_change,
        )
        .execution_options(synchronize_session=False)
    )


async def delete_organization(
    session: AsyncSession, organization: Organization, *, if_match: str | None
) -> None:
    """Delete an organization that has no children."""
    check_if_match(if_match, version=organization.version)
    has_children = await session.scalar(
        select(exists().where(Organization.parent_id == organization.id))
    )
    if has_children:
        raise OrganizationNotEmpty(
            "This organization still has subordinate organizations; move or delete them first."
        )
    await session.delete(organization)
    await session.flush()


async def subtree_stats(session: AsyncSession, organization: Organization) -> OrganizationStats:
    """Count the subtree by domain, kind, tier and flag in one statement."""
    flag_sums = [
        func.sum(case((getattr(Organization, flag_column(flag)).is_(True), 1), else_=0))
        for flag in Flag
    ]
    rows = await session.execute(
        select(Organization.domain, Organization.kind, Organization.tier, func.count(), *flag_sums)
        .where(in_subtree(organization.path))
        .group_by(Organization.domain, Organization.kind, Organization.tier)
    )
    by_domain = dict.fromkeys(Domain, 0)
    by_kind = dict.fromkeys(Kind, 0)
    by_tier = dict.fromkeys(Tier, 0)
    by_flag = dict.fromkeys(Flag, 0)
    for domain, kind, tier, count, *flag_counts in rows:
        by_domain[domain] += count
        by_kind[kind] += count
        by_tier[tier] += count
        for flag, flag_count in zip(Flag, flag_counts, strict=True):
            by_flag[flag] += int(flag_count or 0)
    return OrganizationStats(
        organization_id=organization.id,
        total=sum(by_domain.values()),
        by_domain=by_domain,
        by_kind=by_kind,
        by_tier=by_tier,
        by_flag=by_flag,
    )


async def _ensure_code_free(session: AsyncSession, code: str) -> None:
    taken = await session.scalar(select(exists().where(Organization.code == code)))
    if taken:
        raise OrganizationCodeTaken(f"Another organization already has the code {code!r}.")
