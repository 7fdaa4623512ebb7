"""The rules of the organization tree: create, edit, move, delete, search, count."""

import uuid
from dataclasses import dataclass, field

from sqlalchemy import (
    ColumnElement,
    Select,
    Subquery,
    bindparam,
    case,
    exists,
    func,
    or_,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased, with_expression
from sqlalchemy.orm.attributes import set_committed_value

from grassroots.core import audit
from grassroots.core.errors import ConflictError, Forbidden, InvalidRequest, NotFoundError
from grassroots.core.hooks import Event, Provider
from grassroots.core.security import Permission, Principal
from grassroots.core.tree import MAX_DEPTH, SEGMENT_LENGTH
from grassroots.core.versioning import check_if_match
from grassroots.organizations.enums import RESIDENT_TIERS, Domain, Flag, Kind, Tier
from grassroots.organizations.models import (
    Organization,
    child_path,
    flag_column,
    within_any_subtree,
    within_subtree,
)
from grassroots.organizations.schemas import (
    OrganizationCreate,
    OrganizationStats,
    OrganizationUpdate,
)


@dataclass(frozen=True)
class Leadership:
    """The leaders in office per organization of a subtree (`held`, to outer-join on its
    `organization_id`), and the leadership counts of the stats as aggregates over the
    organizations joined to it, by the stats' field names."""

    held: Subquery
    counts: dict[str, ColumnElement[int]]


# The members domain knows who holds a secretary's post; it answers these when imported.
secretary_vacant: Provider[[], ColumnElement[bool]] = Provider("secretary vacancy")
leadership: Provider[[str], Leadership] = Provider("leadership")
# The grids domain knows whether an organization or one below it holds a grid.
has_grid_below: Provider[[], ColumnElement[bool]] = Provider("grid below")
# Domains that keep rollups over subtrees recount these organizations when a subtree moved
# out of or into them.
subtrees_changed: Event[[AsyncSession, list[uuid.UUID]]] = Event("subtrees changed")


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
    """An organization that still has children, or data that belongs to it, cannot be deleted."""

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
    root: bool = False
    # True: only organizations without a secretary in office; False: only those with one.
    secretary_vacant: bool | None = None
    # True: only village and community organizations with a grid in their subtree; False: only
    # those without one (the coverage gap).
    has_grid: bool | None = None


ORDER = (Organization.code, Organization.id)
READ = Permission.ORGANIZATIONS_READ
WRITE = Permission.ORGANIZATIONS_WRITE
_CHILD = aliased(Organization)
# Loads each organization's number of children with the row itself (the index on parent_id
# answers it), sparing the read of one organization a second round trip.
WITH_CHILD_COUNT = with_expression(
    Organization.child_count,
    select(func.count())
    .where(_CHILD.parent_id == Organization.id)
    .correlate_except(_CHILD)
    .scalar_subquery(),
)

# Built once: reading one organization is the commonest request there is.
_BY_ID = (
    select(Organization)
    .where(Organization.id == bindparam("organization_id"))
    .options(WITH_CHILD_COUNT)
    .execution_options(populate_existing=True)
)


async def get_organization(
    session: AsyncSession,
    principal: Principal,
    organization_id: uuid.UUID,
    *,
    permission: Permission = READ,
) -> Organization:
    """Load an organization the caller can see and holds `permission` on.

    One outside the caller's scope is refused exactly as a missing one (404); one they can
    see but not act on is a 403."""
    organization = await session.scalar(_BY_ID, {"organization_id": organization_id})
    missing = OrganizationNotFound(f"Organization {organization_id} does not exist.")
    if organization is None:
        raise missing
    if not principal.can(READ, organization.path):
        audit.record_refusal(
            session,
            principal,
            entity_type="organization",
            entity_id=organization_id,
            organization=organization,
        )
        raise missing
    if not principal.can(permission, organization.path):
        audit.record_refusal(
            session,
            principal,
            entity_type="organization",
            entity_id=organization_id,
            organization=organization,
        )
        raise Forbidden("Your role does not allow this on this organization.")
    return organization


async def subtree_path(
    session: AsyncSession, principal: Principal, organization_id: uuid.UUID | None
) -> str | None:
    """The path of the organization a `within` filter names (None when none is named);
    one outside the caller's scope is refused as missing."""
    if organization_id is None:
        return None
    return (await get_organization(session, principal, organization_id)).path


async def _parent_to_write(
    session: AsyncSession, principal: Principal, parent_id: uuid.UUID | None
) -> Organization | None:
    """The parent named in a request, which the caller must be able to write under."""
    if parent_id is None:
        if not principal.is_superuser:
            raise Forbidden("Only a superuser can create or move a top-level organization.")
        return None
    parent = await session.get(Organization, parent_id)
    if parent is None or not principal.can(READ, parent.path):
        raise ParentNotFound(f"Parent organization {parent_id} does not exist.")
    if not principal.can(WRITE, parent.path):
        raise Forbidden("Your role does not allow changes under this organization.")
    return parent


def _ensure_structure_change_allowed(principal: Principal, organization: Organization) -> None:
    """Moving or deleting an organization is decided from above: within the caller's scope,
    but never the organization a grant is held on."""
    parent_path = organization.path[:-SEGMENT_LENGTH]
    if principal.is_superuser or (parent_path and principal.can(WRITE, parent_path)):
        return
    raise Forbidden("Only an organization above this one can move or delete it.")


def visible_parent_id(principal: Principal, organization: Organization) -> uuid.UUID | None:
    """The parent's id, or None when the parent lies outside the caller's scope: the root of
    a caller's scope shows as a root, and no id from beyond it leaks."""
    parent_path = organization.path[:-SEGMENT_LENGTH]
    if organization.parent_id is None or not principal.can(READ, parent_path):
        return None
    return organization.parent_id


def in_subtree(path: str) -> ColumnElement[bool]:
    """The condition matching an organization and everything below it, as a range scan."""
    return within_subtree(Organization.path, path)


def in_any_subtree(paths: list[str]) -> ColumnElement[bool]:
    """The condition matching organizations below any of these roots (none: nothing)."""
    return within_any_subtree(Organization.path, paths)


async def list_organizations(
    session: AsyncSession,
    principal: Principal,
    *,
    filters: OrganizationFilter,
) -> Select[Organization]:
    """Build the query of organizations in the caller's scope matching the filters."""
    statement = select(Organization).options(WITH_CHILD_COUNT)
    if (paths := principal.paths_for(READ)) is not None:
        statement = statement.where(in_any_subtree(paths))
    if filters.within is not None:
        root = await get_organization(session, principal, filters.within)
        statement = statement.where(in_subtree(root.path))
    if filters.root:
        statement = statement.where(
            Organization.parent_id.is_(None)
            if paths is None
            else Organization.path.in_(scope_roots(paths))
        )
    if filters.domain is not None:
        statement = statement.where(Organization.domain == filters.domain)
    if filters.kind is not None:
        statement = statement.where(Organization.kind == filters.kind)
    if filters.tier is not None:
        statement = statement.where(Organization.tier == filters.tier)
    for flag in filters.flags:
        statement = statement.where(getattr(Organization, flag_column(flag)).is_(True))
    if filters.q:
        pattern = f"%{escape_like(filters.q)}%"
        statement = statement.where(
            or_(
                Organization.name.ilike(pattern, escape="\\"),
                Organization.short_name.ilike(pattern, escape="\\"),
                Organization.code.ilike(pattern, escape="\\"),
            )
        )
    if filters.secretary_vacant is not None:
        vacancy = secretary_vacant()
        statement = statement.where(vacancy if filters.secretary_vacant else ~vacancy)
    if filters.has_grid is not None:
        gridded = has_grid_below()
        statement = statement.where(
            Organization.tier.in_(RESIDENT_TIERS), gridded if filters.has_grid else ~gridded
        )
    return statement


def scope_roots(paths: list[str]) -> list[str]:
    """The tops of a scope: the granted subtrees not inside another one."""
    return [
        path
        for path in paths
        if not any(path != other and path.startswith(other) for other in paths)
    ]


async def count_children(session: AsyncSession, organizations: list[Organization]) -> None:
    """Fill in `child_count` where the rows were loaded without WITH_CHILD_COUNT (a new or
    moved organization), in one statement for all of them."""
    uncounted = {o.id: o for o in organizations if o.child_count is None}
    if not uncounted:
        return
    rows = await session.execute(
        select(Organization.parent_id, func.count())
        .where(Organization.parent_id.in_(uncounted))
        .group_by(Organization.parent_id)
    )
    counts = {parent_id: count for parent_id, count in rows}
    for organization_id, organization in uncounted.items():
        set_committed_value(organization, "child_count", counts.get(organization_id, 0))


def escape_like(text: str) -> str:
    """Escape LIKE wildcards so that user text matches literally (with escape='\\')."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def list_children(organization: Organization) -> Select[Organization]:
    """Build the query of an organization's direct children."""
    return (
        select(Organization)
        .where(Organization.parent_id == organization.id)
        .options(WITH_CHILD_COUNT)
    )


async def list_ancestors(
    session: AsyncSession, principal: Principal, organization: Organization
) -> list[Organization]:
    """Return the ancestors the caller may see, root first, the organization itself excluded."""
    ids = organization.ancestor_ids
    if not ids:
        return []
    rows = await session.scalars(
        select(Organization)
        .where(Organization.id.in_(ids))
        .order_by(Organization.depth)
        .options(WITH_CHILD_COUNT)
    )
    return [ancestor for ancestor in rows if principal.can(READ, ancestor.path)]


async def create_organization(
    session: AsyncSession, principal: Principal, *, data: OrganizationCreate
) -> Organization:
    """Create an organization under a parent the caller may write under (or as a root)."""
    parent = await _parent_to_write(session, principal, data.parent_id)
    parent_path, depth = (parent.path, parent.depth + 1) if parent else ("", 0)
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
    principal: Principal,
    organization: Organization,
    *,
    parent_id: uuid.UUID | None,
    if_match: str | None,
) -> Organization:
    """Move an organization and its whole subtree under a new parent."""
    check_if_match(if_match, version=organization.version)
    _ensure_structure_change_allowed(principal, organization)
    if parent_id == organization.parent_id:
        return organization
    parent = await _parent_to_write(session, principal, parent_id)
    if parent is not None and parent.path.startswith(organization.path):
        raise OrganizationMoveCycle(
            "An organization cannot be moved under itself or one of its descendants."
        )
    parent_path, parent_depth = (parent.path, parent.depth) if parent else ("", -1)
    left = organization.ancestor_ids
    organization.parent_id = parent_id
    await session.flush()
    await _move_subtree(session, organization, parent_path=parent_path, parent_depth=parent_depth)
    await session.refresh(organization)
    # The subtrees it left and joined count its volunteer hours differently now.
    await subtrees_changed(session, [*left, *organization.ancestor_ids])
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
    session: AsyncSession, principal: Principal, organization: Organization, *, if_match: str | None
) -> None:
    """Delete an organization that has no children and nothing else belonging to it."""
    check_if_match(if_match, version=organization.version)
    _ensure_structure_change_allowed(principal, organization)
    has_children = await session.scalar(
        select(exists().where(Organization.parent_id == organization.id))
    )
    if has_children:
        raise OrganizationNotEmpty(
            "This organization still has subordinate organizations; move or delete them first."
        )
    await session.delete(organization)
    try:
        await session.flush()
    except IntegrityError as exc:
        # Whatever else refers to it (accounts, grants, keys, and later members and grids)
        # is found by the database's own foreign keys.
        raise OrganizationNotEmpty(
            "Accounts or other records still belong to this organization; "
            "move or remove them first."
        ) from exc


async def subtree_stats(session: AsyncSession, organization: Organization) -> OrganizationStats:
    """Count the subtree by domain, kind, tier and flag, and its leadership, in one statement:
    one pass over the subtree's organizations and the leaders' positions, whatever the number
    of members."""
    leaders = leadership(organization.path)
    flag_sums = [
        func.sum(case((getattr(Organization, flag_column(flag)).is_(True), 1), else_=0))
        for flag in Flag
    ]
    rows = await session.execute(
        select(
            Organization.domain,
            Organization.kind,
            Organization.tier,
            func.count(),
            *flag_sums,
            *leaders.counts.values(),
        )
        .outerjoin(leaders.held, leaders.held.c.organization_id == Organization.id)
        .where(in_subtree(organization.path))
        .group_by(Organization.domain, Organization.kind, Organization.tier)
    )
    by_domain = dict.fromkeys(Domain, 0)
    by_kind = dict.fromkeys(Kind, 0)
    by_tier = dict.fromkeys(Tier, 0)
    by_flag = dict.fromkeys(Flag, 0)
    led = dict.fromkeys(leaders.counts, 0)
    for domain, kind, tier, count, *sums in rows:
        by_domain[domain] += count
        by_kind[kind] += count
        by_tier[tier] += count
        for flag, flag_count in zip(Flag, sums[: len(Flag)], strict=True):
            by_flag[flag] += int(flag_count or 0)
        for name, led_count in zip(leaders.counts, sums[len(Flag) :], strict=True):
            led[name] += int(led_count or 0)
    return OrganizationStats(
        organization_id=organization.id,
        total=sum(by_domain.values()),
        by_domain=by_domain,
        by_kind=by_kind,
        by_tier=by_tier,
        by_flag=by_flag,
        **led,
    )


async def _ensure_code_free(session: AsyncSession, code: str) -> None:
    taken = await session.scalar(select(exists().where(Organization.code == code)))
    if taken:
        raise OrganizationCodeTaken(f"Another organization already has the code {code!r}.")
