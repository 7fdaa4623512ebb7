"""The rules of grids, grid service teams and the units register: which organizations hold
grids, one grid leader per active team, who may serve on a team, and scope throughout."""

import uuid
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import ValidationError
from sqlalchemy import ColumnElement, Select, and_, exists, func, or_, select, true, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from grassroots.core import audit
from grassroots.core.db import dialect_insert, utcnow
from grassroots.core.errors import ConflictError, Forbidden, InvalidRequest, NotFoundError
from grassroots.core.phone import mask_phone
from grassroots.core.security import Permission, Principal
from grassroots.core.versioning import check_if_match
from grassroots.grids.conditions import (
    has_active_team,
    has_grid_below,
    has_leader,
    has_party_member,
)
from grassroots.grids.enums import TeamRole, UnitCoverage, UnitKind
from grassroots.grids.geometry import Boundary, measure
from grassroots.grids.models import Grid, GridIndexMarker, GridTeam, GridTeamPerson, Unit
from grassroots.grids.schemas import (
    GridCreate,
    GridRead,
    GridUpdate,
    PersonIn,
    PersonRead,
    TeamCreate,
    TeamRead,
    TeamUpdate,
    UnitCreate,
    UnitUpdate,
    check_unit,
)
from grassroots.members.models import Member
from grassroots.organizations import service as org_service
from grassroots.organizations.enums import Tier
from grassroots.organizations.models import Organization
from grassroots.volunteering import scope as volunteering_scope
from grassroots.volunteering.models import VolunteerActivity, VolunteerRecord

READ = Permission.GRIDS_READ
WRITE = Permission.GRIDS_WRITE
ENLIST = Permission.GRIDS_ENLIST
GRID_TIERS = frozenset({Tier.TOWNSHIP, Tier.STREET, Tier.VILLAGE, Tier.COMMUNITY})
GRID_ORDER = (Grid.code, Grid.id)
TEAM_ORDER = (GridTeam.name, GridTeam.id)
UNIT_ORDER = (Unit.name, Unit.id)
MARKER_ROW = 1
Residence = aliased(Organization, name="residence")


class GridNotFound(NotFoundError):
    """No grid with this id is visible to the caller."""

    code = "grid_not_found"


class GridNotLocated(NotFoundError):
    """No grid visible to the caller contains this point."""

    code = "grid_not_located"


class GridOrganizationNotFound(InvalidRequest):
    """An organization named in the body does not exist or is outside the caller's scope."""

    code = "organization_not_found"


class GridOrganizationTier(InvalidRequest):
    """Grids belong to township, street, village or community organizations only."""

    code = "grid_organization_tier"


class GridCodeTaken(ConflictError):
    """Another grid of the same organization has this code."""

    code = "grid_code_taken"


class GridHasTeams(ConflictError):
    """A grid that teams still serve cannot be deleted."""

    code = "grid_has_teams"


class GridHasRecords(ConflictError):
    """A grid that volunteer records name cannot be deleted: their hours stay in it."""

    code = "grid_has_records"


class GridReferenceNotFound(InvalidRequest):
    """The grid named in the body does not exist or is outside the caller's scope."""

    code = "grid_not_found"


class TeamNotFound(NotFoundError):
    """No grid service team with this id is visible to the caller."""

    code = "grid_team_not_found"


class TeamLeaderRequired(InvalidRequest):
    """An active team needs exactly one grid leader (网格长)."""

    code = "grid_team_leader_required"


class TeamOneLeader(InvalidRequest):
    """A team has at most one grid leader."""

    code = "grid_team_one_leader"


class TeamMemberNotFound(InvalidRequest):
    """A member named in the body does not exist or is outside the caller's scope."""

    code = "member_not_found"


class TeamMemberOutsideGrid(InvalidRequest):
    """A member from outside the grid's organization serves there only when registered at it
    as an in-service member (双报到), or when an administrator of the grid's scope adds them."""

    code = "grid_team_member_outside_grid"


class TeamPersonDuplicate(InvalidRequest):
    """The same person appears twice in the list."""

    code = "grid_team_person_duplicate"


class TeamPersonNotFound(InvalidRequest):
    """A person `id` sent is not on this team, or names someone else."""

    code = "grid_team_person_not_found"


class UnitNotFound(NotFoundError):
    """No unit with this id is visible to the caller."""

    code = "unit_not_found"


class UnitGridOutside(InvalidRequest):
    """A unit's grid must belong to the unit's organization or one below it."""

    code = "unit_grid_outside_organization"


class UnitInvalid(InvalidRequest):
    """The unit's fields contradict each other after the update."""

    code = "unit_invalid"


# Scope -------------------------------------------------------------------------------------


async def _path(session: AsyncSession, organization_id: uuid.UUID) -> str:
    path = await session.scalar(select(Organization.path).where(Organization.id == organization_id))
    assert path is not None  # a foreign key holds it
    return path


T = TypeVar("T", Grid, GridTeam, Unit)


async def _load_in_scope(
    session: AsyncSession,
    principal: Principal,
    model: type[T],
    object_id: uuid.UUID,
    *,
    permission: Permission,
    missing: NotFoundError,
    entity_type: str,
) -> T:
    """Load a row by id that lies in the caller's scope: one outside reads as missing (404),
    one the caller sees but may not change is a 403, both audited."""
    found = await session.get(model, object_id)
    if found is None:
        raise missing
    organization = await session.get(Organization, found.organization_id)
    assert organization is not None
    for needed, refusal in ((READ, missing), (permission, None)):
        if not principal.can(needed, organization.path):
            audit.record_refusal(
                session,
                principal,
                entity_type=entity_type,
                entity_id=object_id,
                organization=organization,
            )
            raise refusal or Forbidden("Your role does not allow this here.")
    return found


def scope_condition(principal: Principal, within_path: str | None) -> ColumnElement[bool]:
    """Organizations in the caller's scope, and in the `within` subtree when one is named."""
    conditions = []
    if (paths := principal.paths_for(READ)) is not None:
        conditions.append(org_service.in_any_subtree(paths))
    if within_path is not None:
        conditions.append(org_service.in_subtree(within_path))
    return and_(true(), *conditions)


async def _organization_to_write(
    session: AsyncSession, principal: Principal, organization_id: uuid.UUID
) -> Organization:
    organization = await session.get(Organization, organization_id)
    if organization is None or not principal.can(WRITE, organization.path):
        raise GridOrganizationNotFound(
            f"Organization {organization_id} does not exist or is outside your scope."
        )
    return organization


# Grids -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GridFilter:
    """Filters of the grid list."""

    within_path: str | None = None
    has_team: bool | None = None
    q: str | None = None


async def get_grid(
    session: AsyncSession,
    principal: Principal,
    grid_id: uuid.UUID,
    *,
    permission: Permission = READ,
) -> Grid:
    """Load a grid in the caller's scope (and writable, with `permission` WRITE)."""
    return await _load_in_scope(
        session,
        principal,
        Grid,
        grid_id,
        permission=permission,
        missing=GridNotFound(f"Grid {grid_id} does not exist."),
        entity_type="grid",
    )


def list_grids(principal: Principal, *, filters: GridFilter) -> Select[Grid]:
    """Build the query of grids in the caller's scope matching the filters."""
    statement = (
        select(Grid)
        .join(Organization, Organization.id == Grid.organization_id)
        .where(scope_condition(principal, filters.within_path))
    )
    if filters.has_team is not None:
        statement = statement.where(has_active_team() if filters.has_team else ~has_active_team())
    if filters.q:
        pattern = f"%{org_service.escape_like(filters.q)}%"
        statement = statement.where(
            or_(Grid.code.ilike(pattern, escape="\\"), Grid.name.ilike(pattern, escape="\\"))
        )
    return statement


async def team_counts(
    session: AsyncSession, grid_ids: list[uuid.UUID]
) -> dict[uuid.UUID, tuple[int, int]]:
    """(teams, active teams) of each grid, in one statement."""
    if not grid_ids:
        return {}
    rows = await session.execute(
        select(GridTeam.grid_id, func.count(), func.count().filter(GridTeam.active.is_(True)))
        .where(GridTeam.grid_id.in_(grid_ids))
        .group_by(GridTeam.grid_id)
    )
    return {grid_id: (int(total), int(active)) for grid_id, total, active in rows}


def present_grid(grid: Grid, counts: tuple[int, int] = (0, 0)) -> GridRead:
    """A grid as the API shows it."""
    has_box = grid.min_lng is not None
    return GridRead(
        id=grid.id,
        organization_id=grid.organization_id,
        code=grid.code,
        name=grid.name,
        description=grid.description,
        households=grid.households,
        population=grid.population,
        buildings=list(grid.buildings or []),
        boundary=grid.boundary,
        bbox=[grid.min_lng, grid.min_lat, grid.max_lng, grid.max_lat] if has_box else None,
        centroid=[grid.centroid_lng, grid.centroid_lat] if has_box else None,
        area_m2=grid.area_m2,
        team_count=counts[0],
        active_team_count=counts[1],
        version=grid.version,
        created_at=grid.created_at,
        updated_at=grid.updated_at,
    )


async def create_grid(session: AsyncSession, principal: Principal, *, data: GridCreate) -> Grid:
    """Create a grid of a township, street, village or community organization."""
    organization = await _organization_to_write(session, principal, data.organization_id)
    if organization.tier not in GRID_TIERS:
        raise GridOrganizationTier(
            "Grids belong to township, street, village or community organizations, "
            f"not to a {organization.tier.value} organization."
        )
    await _ensure_code_free(session, organization.id, data.code)
    grid = Grid(
        id=uuid.uuid4(),
        **data.model_dump(exclude={"boundary"}),
    )
    if data.boundary is not None:
        set_boundary(grid, data.boundary)
        await bump_marker(session)
    session.add(grid)
    await _flush_grid(session)
    return grid


async def update_grid(
    session: AsyncSession, grid: Grid, *, data: GridUpdate, if_match: str | None
) -> Grid:
    """Change the fields sent; a boundary sent (or null) replaces the one held."""
    check_if_match(if_match, version=grid.version)
    changes = data.model_dump(exclude_unset=True, exclude={"boundary"})
    if "code" in changes and changes["code"] != grid.code:
        await _ensure_code_free(session, grid.organization_id, changes["code"])
    for name, value in changes.items():
        setattr(grid, name, value)
    if "boundary" in data.model_fields_set:
        if data.boundary is None:
            _clear_boundary(grid)
        else:
            set_boundary(grid, data.boundary)
        await bump_marker(session)
    await _flush_grid(session)
    return grid


async def delete_grid(session: AsyncSession, grid: Grid, *, if_match: str | None) -> None:
    """Delete a grid no team serves and no record names (units and activities in it keep
    their place, without the grid)."""
    check_if_match(if_match, version=grid.version)
    if await session.scalar(select(exists().where(GridTeam.grid_id == grid.id))):
        raise GridHasTeams("Teams still serve this grid; delete or move them first.")
    if await session.scalar(select(exists().where(VolunteerRecord.grid_id == grid.id))):
        raise GridHasRecords("Volunteer records were served in this grid; it cannot be deleted.")
    # Activities that named the grid stay, without it.
    await session.execute(
        update(VolunteerActivity)
        .where(VolunteerActivity.grid_id == grid.id)
        .values(grid_id=None, version=VolunteerActivity.version + 1, updated_at=utcnow())
        .execution_options(synchronize_session="fetch")
    )
    if grid.boundary is not None:
        await bump_marker(session)
    await session.delete(grid)
    try:
        await session.flush()
    except IntegrityError as exc:
        raise GridHasTeams("Teams or records still refer to this grid.") from exc


def set_boundary(grid: Grid, boundary: Boundary) -> None:
    measured = measure(boundary)
    grid.boundary = measured.geojson
    grid.min_lng, grid.min_lat, grid.max_lng, grid.max_lat = measured.bbox
    grid.centroid_lng, grid.centroid_lat = measured.centroid
    grid.area_m2 = round(measured.area_m2, 1)


def _clear_boundary(grid: Grid) -> None:
    grid.boundary = None
    grid.min_lng = grid.min_lat = grid.max_lng = grid.max_lat = None
    grid.centroid_lng = grid.centroid_lat = grid.area_m2 = None


async def bump_marker(session: AsyncSession) -> None:
    """Move the grid index marker, in the caller's transaction: every process holding grid
    boundaries in memory reloads them on its next lookup after this commits."""
    values = {"marker": uuid.uuid4().hex, "changed_at": utcnow()}
    statement = dialect_insert(session, GridIndexMarker).values(id=MARKER_ROW, **values)
    await session.execute(statement.on_conflict_do_update(index_elements=["id"], set_=values))


async def current_marker(session: AsyncSession) -> str | None:
    """The grid index marker as committed (None before any boundary was written)."""
    return await session.scalar(
        select(GridIndexMarker.marker).where(GridIndexMarker.id == MARKER_ROW)
    )


async def _ensure_code_free(session: AsyncSession, organization_id: uuid.UUID, code: str) -> None:
    taken = await session.scalar(
        select(exists().where(Grid.organization_id == organization_id, Grid.code == code))
    )
    if taken:
        raise GridCodeTaken(f"Another grid of this organization already has the code {code!r}.")


async def _flush_grid(session: AsyncSession) -> None:
    try:
        await session.flush()
    except IntegrityError as exc:
        raise GridCodeTaken("Another grid of this organization already has this code.") from exc


async def grid_organization_path(session: AsyncSession, grid_id: uuid.UUID) -> str | None:
    """The path of a grid's organization, or None when there is no such grid."""
    return await session.scalar(
        select(Organization.path)
        .join(Grid, Grid.organization_id == Organization.id)
        .where(Grid.id == grid_id)
    )


volunteering_scope.grid_path.register(grid_organization_path)
org_service.has_grid_below.register(has_grid_below)


# Teams -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TeamFilter:
    """Filters of the team list."""

    within_path: str | None = None
    grid_id: uuid.UUID | None = None
    active: bool | None = None
    has_leader: bool | None = None
    has_party_members: bool | None = None


async def get_team(
    session: AsyncSession,
    principal: Principal,
    team_id: uuid.UUID,
    *,
    permission: Permission = READ,
) -> GridTeam:
    """Load a team in the caller's scope (the scope of its grid's organization)."""
    return await _load_in_scope(
        session,
        principal,
        GridTeam,
        team_id,
        permission=permission,
        missing=TeamNotFound(f"Grid service team {team_id} does not exist."),
        entity_type="grid_team",
    )


def list_teams(principal: Principal, *, filters: TeamFilter) -> Select[GridTeam]:
    """Build the query of teams in the caller's scope matching the filters."""
    statement = (
        select(GridTeam)
        .join(Organization, Organization.id == GridTeam.organization_id)
        .where(scope_condition(principal, filters.within_path))
    )
    if filters.grid_id is not None:
        statement = statement.where(GridTeam.grid_id == filters.grid_id)
    if filters.active is not None:
        statement = statement.where(GridTeam.active.is_(filters.active))
    if filters.has_leader is not None:
        led = has_leader()
        statement = statement.where(led if filters.has_leader else ~led)
    if filters.has_party_members is not None:
        with_members = has_party_member()
        statement = statement.where(with_members if filters.has_party_members else ~with_members)
    return statement


def present_team(team: GridTeam) -> TeamRead:
    """A team as the API shows it, volunteers' phones masked."""
    return TeamRead(
        id=team.id,
        grid_id=team.grid_id,
        organization_id=team.organization_id,
        name=team.name,
        service_kinds=list(team.service_kinds or []),
        active=team.active,
        people=[
            PersonRead(
                id=person.id,
                role=person.role,
                member_id=person.member_id,
                name=person.member.name if person.member is not None else person.name or "",
                phone=None if person.member_id is not None else mask_phone(person.phone),
                is_party_member=person.member_id is not None,
            )
            for person in team.people
        ],
        version=team.version,
        created_at=team.created_at,
        updated_at=team.updated_at,
    )


async def create_team(session: AsyncSession, principal: Principal, *, data: TeamCreate) -> GridTeam:
    """Form a team for a grid the caller may change, with its people."""
    grid = await session.get(Grid, data.grid_id)
    grid_path = await _path(session, grid.organization_id) if grid else ""
    if grid is None or not principal.can(WRITE, grid_path):
        raise GridReferenceNotFound(f"Grid {data.grid_id} does not exist or is outside your scope.")
    team = GridTeam(
        id=uuid.uuid4(),
        grid_id=grid.id,
        organization_id=grid.organization_id,
        name=data.name,
        service_kinds=list(data.service_kinds),
        active=data.active,
        people=[],
    )
    check_leader(active=data.active, roles=[person.role for person in data.people])
    session.add(team)
    await session.flush()
    await _set_people(session, principal, team, grid_path=grid_path, people=data.people)
    return team


async def update_team(
    session: AsyncSession,
    principal: Principal,
    team: GridTeam,
    *,
    data: TeamUpdate,
    if_match: str | None,
) -> GridTeam:
    """Change the fields sent; `people`, when sent, replaces the list."""
    check_if_match(if_match, version=team.version)
    active = team.active if data.active is None else data.active
    roles = (
        [person.role for person in team.people]
        if data.people is None
        else [person.role for person in data.people]
    )
    check_leader(active=active, roles=roles)
    changes = data.model_dump(exclude_unset=True, exclude={"people"})
    for name, value in changes.items():
        setattr(team, name, value)
    # The people are rows of their own: touch the team so its version (and ETag) moves too.
    team.updated_at = utcnow()
    await session.flush()
    if data.people is not None:
        grid_path = await _path(session, team.organization_id)
        await _set_people(session, principal, team, grid_path=grid_path, people=data.people)
    return team


async def delete_team(session: AsyncSession, team: GridTeam, *, if_match: str | None) -> None:
    """Disband a team, and its list of people with it."""
    check_if_match(if_match, version=team.version)
    await session.delete(team)
    await session.flush()


def check_leader(*, active: bool, roles: list[TeamRole]) -> None:
    """A team has at most one grid leader (网格长), and an active team has one."""
    leaders = roles.count(TeamRole.GRID_LEADER)
    if leaders > 1:
        raise TeamOneLeader(f"A team has one grid leader (网格长); {leaders} were given.")
    if active and leaders == 0:
        raise TeamLeaderRequired("An active team needs its grid leader (网格长).")


@dataclass(frozen=True)
class Candidate:
    member: Member
    home_path: str
    residence_path: str | None


async def member_candidates(
    session: AsyncSession, member_ids: set[uuid.UUID]
) -> dict[uuid.UUID, Candidate]:
    """The members named, with the paths of their organization and registered community."""
    if not member_ids:
        return {}
    rows = await session.execute(
        select(Member, Organization.path, Residence.path)
        .join(Organization, Organization.id == Member.organization_id)
        .outerjoin(Residence, Residence.id == Member.residence_organization_id)
        .where(Member.id.in_(member_ids))
    )
    return {
        member.id: Candidate(member, home_path, residence_path)
        for member, home_path, residence_path in rows
    }


def admit(principal: Principal, candidate: Candidate | None, grid_path: str) -> None:
    """A member serves on a grid's team when they belong to its organization's subtree, are
    an in-service member registered there (双报到), or an administrator of the grid's scope
    adds them; a member the caller cannot see reads as missing."""
    if candidate is None:
        raise TeamMemberNotFound("A member named does not exist.")
    member = candidate.member
    if candidate.home_path.startswith(grid_path):
        return
    registered = candidate.residence_path is not None and candidate.residence_path.startswith(
        grid_path
    )
    if member.is_in_service and registered:
        return
    if principal.can(ENLIST, grid_path):
        return
    visible = [candidate.home_path, candidate.residence_path]
    if not any(path and principal.can(Permission.MEMBERS_READ, path) for path in visible):
        raise TeamMemberNotFound("A member named does not exist.")
    raise TeamMemberOutsideGrid(
        f"{member.name} belongs to an organization outside this grid and is not registered "
        "here as an in-service member (双报到); an administrator of the grid's organization "
        "can still add them."
    )


async def _set_people(
    session: AsyncSession,
    principal: Principal,
    team: GridTeam,
    *,
    grid_path: str,
    people: list[PersonIn],
) -> None:
    """Replace the team's people with the list sent, keeping those named by `id`.

    Written in three steps so that no moment of the change holds two leaders or one member
    twice: the people dropped and the roles given up first, then the new leader, then the
    newcomers."""
    existing = {person.id: person for person in team.people}
    kept_ids = [p.id for p in people if p.id is not None]
    if len(set(kept_ids)) != len(kept_ids):
        raise TeamPersonDuplicate("The same person id appears twice.")
    newcomers = [p for p in people if p.id is None]
    candidates = await member_candidates(session, {p.member_id for p in newcomers if p.member_id})
    members_seen: set[uuid.UUID] = set()
    for sent in people:
        person = existing.get(sent.id) if sent.id else None
        if sent.id is not None and (
            person is None
            or (sent.member_id is not None and sent.member_id != person.member_id)
            or (person.member_id is not None and (sent.name or sent.phone))
        ):
            raise TeamPersonNotFound(f"Person {sent.id} is not on this team as given.")
        member_id = person.member_id if person else sent.member_id
        if member_id is not None:
            if member_id in members_seen:
                raise TeamPersonDuplicate("The same member appears twice.")
            members_seen.add(member_id)
        if person is None and sent.member_id is not None:
            admit(principal, candidates.get(sent.member_id), grid_path)
    kept = [existing[p.id] for p in people if p.id is not None]
    team.people = kept
    for position, sent in enumerate(people):
        if sent.id is None:
            continue
        person = existing[sent.id]
        person.position = position
        if sent.role != TeamRole.GRID_LEADER:
            person.role = sent.role
        if person.member_id is None:
            person.name = sent.name or person.name
            if sent.phone is not None:
                person.phone = sent.phone
    await session.flush()
    for sent in people:
        if sent.id is not None and sent.role == TeamRole.GRID_LEADER:
            existing[sent.id].role = sent.role
    await session.flush()
    for position, sent in enumerate(people):
        if sent.id is None:
            team.people.append(
                GridTeamPerson(
                    team_id=team.id,
                    organization_id=team.organization_id,
                    position=position,
                    role=sent.role,
                    member_id=sent.member_id,
                    name=sent.name if sent.member_id is None else None,
                    phone=sent.phone if sent.member_id is None else None,
                )
            )
    try:
        await session.flush()
    except IntegrityError as exc:
        raise TeamOneLeader("The team changed at the same time; reload it and retry.") from exc
    await session.refresh(team, attribute_names=["people"])


# Units -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitFilter:
    """Filters of the units register."""

    within_path: str | None = None
    kind: UnitKind | None = None
    covered: bool | None = None


async def get_unit(
    session: AsyncSession,
    principal: Principal,
    unit_id: uuid.UUID,
    *,
    permission: Permission = READ,
) -> Unit:
    """Load a unit of a register in the caller's scope."""
    return await _load_in_scope(
        session,
        principal,
        Unit,
        unit_id,
        permission=permission,
        missing=UnitNotFound(f"Unit {unit_id} does not exist."),
        entity_type="unit",
    )


def list_units(principal: Principal, *, filters: UnitFilter) -> Select[Unit]:
    """Build the query of units in the registers of the caller's scope, filtered."""
    statement = (
        select(Unit)
        .join(Organization, Organization.id == Unit.organization_id)
        .where(scope_condition(principal, filters.within_path))
    )
    if filters.kind is not None:
        statement = statement.where(Unit.kind == filters.kind)
    if filters.covered is not None:
        covered = Unit.coverage != UnitCoverage.NONE
        statement = statement.where(covered if filters.covered else ~covered)
    return statement


async def create_unit(session: AsyncSession, principal: Principal, *, data: UnitCreate) -> Unit:
    """Add a unit to the register of an organization in the caller's scope."""
    organization = await _organization_to_write(session, principal, data.organization_id)
    unit = Unit(id=uuid.uuid4(), **data.model_dump())
    await _check_unit_references(session, principal, unit, organization.path)
    session.add(unit)
    await session.flush()
    return unit


async def update_unit(
    session: AsyncSession,
    principal: Principal,
    unit: Unit,
    *,
    data: UnitUpdate,
    if_match: str | None,
) -> Unit:
    """Change the fields sent; the unit as a whole must stay consistent."""
    check_if_match(if_match, version=unit.version)
    changes: dict[str, Any] = data.model_dump(exclude_unset=True)
    for name, value in changes.items():
        setattr(unit, name, value)
    try:
        check_unit(unit.latitude, unit.longitude, unit.coverage, unit.covering_organization_id)
    except (ValueError, ValidationError) as exc:
        raise UnitInvalid(str(exc)) from exc
    await _check_unit_references(
        session, principal, unit, await _path(session, unit.organization_id)
    )
    await session.flush()
    return unit


async def _check_unit_references(
    session: AsyncSession, principal: Principal, unit: Unit, organization_path: str
) -> None:
    if unit.grid_id is not None:
        grid = await session.get(Grid, unit.grid_id)
        grid_path = await _path(session, grid.organization_id) if grid else ""
        if grid is None or not principal.can(READ, grid_path):
            raise GridReferenceNotFound(f"Grid {unit.grid_id} does not exist.")
        if not grid_path.startswith(organization_path):
            raise UnitGridOutside("The grid belongs to an organization outside this register.")
    if unit.covering_organization_id is not None:
        covering = await session.get(Organization, unit.covering_organization_id)
        if covering is None or not principal.can(Permission.ORGANIZATIONS_READ, covering.path):
            raise GridOrganizationNotFound(
                f"Organization {unit.covering_organization_id} does not exist."
            )


async def delete_unit(session: AsyncSession, unit: Unit, *, if_match: str | None) -> None:
    """Remove a unit from the register."""
    check_if_match(if_match, version=unit.version)
    await session.delete(unit)
    await session.flush()
