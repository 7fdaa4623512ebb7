"""Importing grids, grid service teams and units from tables, and grid boundaries from a
GeoJSON FeatureCollection: every row (or feature) is checked first, a dry run stops there with
the problems by row and column, and then all of them are written in one transaction, or none."""

import asyncio
import json
import uuid
from dataclasses import dataclass, field
from typing import Any

from pydantic import TypeAdapter, ValidationError
from sqlalchemy import insert, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.core import audit
from grassroots.core.crypto import cipher
from grassroots.core.db import utcnow
from grassroots.core.errors import AppError
from grassroots.core.phone import Phone
from grassroots.core.security import Permission, Principal
from grassroots.core.tabular import Column, ReadLimits, chunked
from grassroots.core.validation import ValueProblem
from grassroots.grids import service as grids
from grassroots.grids.enums import TeamRole, UnitCoverage
from grassroots.grids.geometry import Boundary, InvalidBoundary, measure
from grassroots.grids.models import Grid, GridTeam, GridTeamPerson, Unit
from grassroots.grids.schemas import GridFields, PersonName, TeamName, UnitFields
from grassroots.imports.grids_tabular import (
    GRID_COLUMNS,
    GRID_REQUIRED,
    GRID_TEMPLATE,
    TEAM_COLUMNS,
    TEAM_REQUIRED,
    TEAM_TEMPLATE,
    UNIT_COLUMNS,
    UNIT_REQUIRED,
    UNIT_TEMPLATE,
)

# The member import's machinery: reading a table, the problem list, giving the loop turns.
from grassroots.imports.service import (
    CHUNK,
    Pacer,
    Problems,
    Row,
    TableUnreadable,
    TooManyRows,
    _cells,
    _finish_check,
    _organizations_by_code,
    _parse,
    _report,
    _validation_problems,
)
from grassroots.jobs.service import Outcome, Progress
from grassroots.members.identity import normalize_id_number
from grassroots.members.models import Member
from grassroots.organizations.models import Organization

WRITE = Permission.GRIDS_WRITE
PHONE = TypeAdapter(Phone)
PERSON_NAME = TypeAdapter(PersonName)
TEAM_NAME = TypeAdapter(TeamName)


def _writable(
    organizations: dict[str, Organization], code: str | None, principal: Principal
) -> Organization | None:
    organization = organizations.get(code or "")
    if organization is None or not principal.can(WRITE, organization.path):
        return None
    return organization


def _by_key(columns: list[Column]) -> dict[str, Column]:
    return {column.key: column for column in columns}


def _not_found(problems: Problems, row: int, column: Column) -> None:
    problems.add(
        row,
        column,
        "organization_not_found",
        "no organization with this code is within your scope",
    )


async def _grids_by_code(
    session: AsyncSession, keys: set[tuple[uuid.UUID, str]]
) -> dict[tuple[uuid.UUID, str], Grid]:
    """Grids by (organization id, code), in chunks."""
    found: dict[tuple[uuid.UUID, str], Grid] = {}
    for chunk in chunked(sorted(keys), CHUNK):
        for grid in await session.scalars(
            select(Grid).where(tuple_(Grid.organization_id, Grid.code).in_(chunk))
        ):
            found[(grid.organization_id, grid.code)] = grid
    return found


# Grids -------------------------------------------------------------------------------------


async def import_grids(
    session: AsyncSession,
    progress: Progress,
    principal: Principal,
    *,
    content: bytes,
    dry_run: bool,
    limits: ReadLimits | None = None,
) -> Outcome:
    """Check, then (unless a dry run) add every grid of the table, or none."""
    rows = await _parse(content, GRID_TEMPLATE, limits)
    await progress.update(total_rows=len(rows))
    columns = _by_key(GRID_COLUMNS)
    organizations = await _organizations_by_code(
        session, {row.cells.get("organization_code", "") for row in rows}
    )
    problems = Problems.of(rows)
    pacer = Pacer()
    checked: list[tuple[Row, Organization, GridFields]] = []
    for row in rows:
        await pacer.tick()
        values = _cells(row, columns, GRID_REQUIRED, problems)
        organization = _writable(organizations, values.pop("organization_code", None), principal)
        if organization is None:
            if "organization_code" in row.cells:
                _not_found(problems, row.number, columns["organization_code"])
        elif organization.tier not in grids.GRID_TIERS:
            problems.add(
                row.number,
                columns["organization_code"],
                "grid_organization_tier",
                "grids belong to township, street, village or community organizations",
                {"tier": organization.tier.value},
            )
        try:
            data = GridFields.model_validate(values)
        except ValidationError as error:
            _validation_problems(row, error, columns, problems)
            continue
        if organization is not None and row.number not in problems.rows:
            checked.append((row, organization, data))
    await _refuse_grid_codes(session, checked, columns["code"], problems)
    await _report(progress, len(rows), problems)
    if (finished := _finish_check(len(rows), problems, dry_run)) is not None:
        return finished
    now = utcnow()
    for chunk in chunked(checked, CHUNK):
        await session.execute(
            insert(Grid),
            [
                {
                    **data.model_dump(exclude={"boundary"}),
                    "organization_id": organization.id,
                    "id": uuid.uuid4(),
                    "version": 1,
                    "created_at": now,
                    "updated_at": now,
                }
                for _, organization, data in chunk
            ],
        )
    audit.record(
        session,
        action="import",
        entity_type="grid",
        changes={"rows": len(checked), "job_id": str(progress.job_id)},
    )
    return Outcome(f"{len(checked)} grids imported.", created_rows=len(checked))


async def _refuse_grid_codes(
    session: AsyncSession,
    checked: list[tuple[Row, Organization, GridFields]],
    column: Column,
    problems: Problems,
) -> None:
    """Refuse a code given twice for one organization in the table, or already held there."""
    first: dict[tuple[uuid.UUID, str], int] = {}
    for row, organization, data in checked:
        key = (organization.id, data.code)
        if key in first:
            problems.add(
                row.number,
                column,
                "grid_code_duplicate",
                f"row {first[key]} has the same code for the same organization",
                {"row": first[key]},
            )
        else:
            first[key] = row.number
    taken = await _grids_by_code(session, set(first))
    for row, organization, data in checked:
        if (organization.id, data.code) in taken:
            problems.add(
                row.number,
                column,
                "grid_code_taken",
                "the organization already has a grid with this code",
            )
    checked[:] = [item for item in checked if item[0].number not in problems.rows]


# Teams -------------------------------------------------------------------------------------


@dataclass
class _Person:
    row: Row
    role: TeamRole
    member_id: uuid.UUID | None = None
    name: str | None = None
    phone: str | None = None


@dataclass
class _Team:
    first: Row
    grid: Grid
    grid_path: str
    name: str
    service_kinds: list[Any] | None = None
    active: bool | None = None
    people: list[_Person] = field(default_factory=list)


async def import_teams(
    session: AsyncSession,
    progress: Progress,
    principal: Principal,
    *,
    content: bytes,
    dry_run: bool,
    limits: ReadLimits | None = None,
) -> Outcome:
    """Check, then (unless a dry run) form every team of the table with its people, or none.
    Each row is one person; rows with the same organization, grid and team name form a team."""
    rows = await _parse(content, TEAM_TEMPLATE, limits)
    await progress.update(total_rows=len(rows))
    columns = _by_key(TEAM_COLUMNS)
    problems = Problems.of(rows)
    organizations = await _organizations_by_code(
        session, {row.cells.get("organization_code", "") for row in rows}
    )
    wanted = {
        (organizations[row.cells["organization_code"]].id, row.cells["grid_code"])
        for row in rows
        if row.cells.get("organization_code") in organizations and row.cells.get("grid_code")
    }
    found = await _grids_by_code(session, wanted)
    paths = {organization.id: organization.path for organization in organizations.values()}
    members = await _members_by_id_number(session, rows, columns["id_number"], problems)
    candidates = await grids.member_candidates(session, set(members.values()))
    teams: dict[tuple[uuid.UUID, str], _Team] = {}
    pacer = Pacer()
    for row in rows:
        await pacer.tick()
        values = _cells(row, columns, TEAM_REQUIRED, problems)
        team = _team_of(row, values, columns, organizations, found, paths, principal, problems)
        if team is not None:
            team = teams.setdefault((team.grid.id, team.name), team)
            _agree(team, row, values, columns, problems)
        if values.get("role") is None or team is None:
            continue
        person = _person_of(row, values, columns, members, problems)
        if person is not None:
            member = candidates.get(person.member_id) if person.member_id else None
            if person.member_id is not None:
                try:
                    grids.admit(principal, member, team.grid_path)
                except AppError as error:
                    problems.add(row.number, columns["id_number"], error.code, error.detail)
            team.people.append(person)
    await _check_teams(session, list(teams.values()), columns, problems)
    await _report(progress, len(rows), problems)
    if (finished := _finish_check(len(rows), problems, dry_run)) is not None:
        return finished
    people = 0
    for team in teams.values():
        await pacer.tick()
        people += len(team.people)
        session.add(
            GridTeam(
                id=uuid.uuid4(),
                grid_id=team.grid.id,
                organization_id=team.grid.organization_id,
                name=team.name,
                service_kinds=list(team.service_kinds or []),
                active=True if team.active is None else team.active,
                people=[
                    GridTeamPerson(
                        organization_id=team.grid.organization_id,
                        position=position,
                        role=person.role,
                        member_id=person.member_id,
                        name=person.name if person.member_id is None else None,
                        phone=person.phone if person.member_id is None else None,
                    )
                    for position, person in enumerate(team.people)
                ],
            )
        )
    await session.flush()
    audit.record(
        session,
        action="import",
        entity_type="grid_team",
        changes={"teams": len(teams), "people": people, "job_id": str(progress.job_id)},
    )
    return Outcome(f"{len(teams)} teams with {people} people imported.", created_rows=people)


async def _members_by_id_number(
    session: AsyncSession, rows: list[Row], column: Column, problems: Problems
) -> dict[int, uuid.UUID]:
    """The member each row names by identity number (rows without one are volunteers); a
    number that is malformed or that no member holds is reported."""
    hashes: dict[int, str] = {}
    for row in rows:
        text = row.cells.get("id_number")
        if not text:
            continue
        try:
            hashes[row.number] = cipher().lookup_hash(normalize_id_number(text))
        except ValueProblem as error:
            problems.add(row.number, column, error.code, str(error), error.params)
    by_hash: dict[str, uuid.UUID] = {}
    for chunk in chunked(sorted(set(hashes.values())), CHUNK):
        for member_id, hashed in await session.execute(
            select(Member.id, Member.id_number_hash).where(Member.id_number_hash.in_(chunk))
        ):
            if hashed is not None:
                by_hash[hashed] = member_id
    found: dict[int, uuid.UUID] = {}
    for number, hashed in hashes.items():
        if hashed in by_hash:
            found[number] = by_hash[hashed]
        else:
            problems.add(
                number,
                column,
                "member_not_found",
                "no member with this identity number is within your scope",
            )
    return found


def _team_of(
    row: Row,
    values: dict[str, Any],
    columns: dict[str, Column],
    organizations: dict[str, Organization],
    found: dict[tuple[uuid.UUID, str], Grid],
    paths: dict[uuid.UUID, str],
    principal: Principal,
    problems: Problems,
) -> _Team | None:
    """The team a row belongs to (its grid found within the caller's scope), or None."""
    organization = _writable(organizations, values.get("organization_code"), principal)
    if organization is None:
        if "organization_code" in row.cells:
            _not_found(problems, row.number, columns["organization_code"])
        return None
    grid = found.get((organization.id, values.get("grid_code") or ""))
    if grid is None:
        if "grid_code" in row.cells:
            problems.add(
                row.number,
                columns["grid_code"],
                "grid_not_found",
                "the organization has no grid with this code",
            )
        return None
    try:
        name = TEAM_NAME.validate_python(values.get("team_name") or "")
    except ValidationError as error:
        _one_problem(problems, row.number, columns["team_name"], error)
        return None
    return _Team(first=row, grid=grid, grid_path=paths[organization.id], name=name)


def _one_problem(problems: Problems, number: int, column: Column, error: ValidationError) -> None:
    detail = error.errors()[0]
    kind = str(detail["type"])
    context = detail.get("ctx") or {}
    if kind == "string_too_long":
        code, params = "too_long", {"max_length": context.get("max_length")}
    elif kind == "string_too_short":
        code, params = "missing", {}
    else:
        code, params = kind, {}
    problems.add(number, column, code, detail["msg"], params)


def _agree(
    team: _Team,
    row: Row,
    values: dict[str, Any],
    columns: dict[str, Column],
    problems: Problems,
) -> None:
    """A team's service kinds and whether it is active are the same on each of its rows that
    fills them in."""
    for key in ("service_kinds", "active"):
        value = values.get(key)
        if value is None or (key == "service_kinds" and not value):
            continue
        held = getattr(team, key)
        if key == "service_kinds":
            value = sorted(set(value))
        if held is None:
            setattr(team, key, value)
        elif held != value:
            problems.add(
                row.number,
                columns[key],
                "grid_team_rows_disagree",
                f"an earlier row of the same team (row {team.first.number}) says otherwise",
                {"row": team.first.number},
            )


def _person_of(
    row: Row,
    values: dict[str, Any],
    columns: dict[str, Column],
    members: dict[int, uuid.UUID],
    problems: Problems,
) -> _Person | None:
    role = TeamRole(values["role"])
    if "id_number" in row.cells:
        member_id = members.get(row.number)
        if member_id is None:
            return None  # reported already
        if "phone" in row.cells:
            problems.add(
                row.number,
                columns["phone"],
                "grid_team_member_phone",
                "a Party member's phone is kept in their member record; leave this blank",
            )
        return _Person(row, role, member_id=member_id)
    name = row.cells.get("person_name")
    if not name:
        problems.add(
            row.number,
            columns["person_name"],
            "missing",
            "a volunteer without an identity number needs a name",
        )
        return None
    try:
        name = PERSON_NAME.validate_python(name)
    except ValidationError as error:
        _one_problem(problems, row.number, columns["person_name"], error)
        return None
    phone = None
    if "phone" in row.cells:
        try:
            phone = PHONE.validate_python(row.cells["phone"])
        except ValidationError:
            problems.add(row.number, columns["phone"], "phone_invalid", "not a valid phone number")
            return None
    return _Person(row, role, name=name, phone=phone)


async def _check_teams(
    session: AsyncSession, teams: list[_Team], columns: dict[str, Column], problems: Problems
) -> None:
    """The rules of a team as a whole: one grid leader (exactly one when active), each member
    once, and a name no team of the grid already has."""
    role = columns["role"]
    for team in teams:
        leaders = [person for person in team.people if person.role == TeamRole.GRID_LEADER]
        for extra in leaders[1:]:
            problems.add(
                extra.row.number,
                role,
                "grid_team_one_leader",
                f"the team already has a grid leader (row {leaders[0].row.number})",
                {"row": leaders[0].row.number},
            )
        if not leaders and team.active is not False:
            problems.add(
                team.first.number,
                role,
                "grid_team_leader_required",
                "an active team needs one grid leader (网格长); none of its rows names one",
            )
        seen: dict[uuid.UUID, int] = {}
        for person in team.people:
            if person.member_id is None:
                continue
            if person.member_id in seen:
                problems.add(
                    person.row.number,
                    columns["id_number"],
                    "grid_team_person_duplicate",
                    f"this member is on the team already (row {seen[person.member_id]})",
                    {"row": seen[person.member_id]},
                )
            else:
                seen[person.member_id] = person.row.number
    taken: set[tuple[uuid.UUID, str]] = set()
    for chunk in chunked(sorted({(team.grid.id, team.name) for team in teams}), CHUNK):
        taken.update(
            (grid_id, name)
            for grid_id, name in await session.execute(
                select(GridTeam.grid_id, GridTeam.name).where(
                    tuple_(GridTeam.grid_id, GridTeam.name).in_(chunk)
                )
            )
        )
    for team in teams:
        if (team.grid.id, team.name) in taken:
            problems.add(
                team.first.number,
                columns["team_name"],
                "grid_team_name_taken",
                "the grid already has a team with this name",
            )


# Units -------------------------------------------------------------------------------------


async def import_units(
    session: AsyncSession,
    progress: Progress,
    principal: Principal,
    *,
    content: bytes,
    dry_run: bool,
    limits: ReadLimits | None = None,
) -> Outcome:
    """Check, then (unless a dry run) add every unit of the table to its register, or none."""
    rows = await _parse(content, UNIT_TEMPLATE, limits)
    await progress.update(total_rows=len(rows))
    columns = _by_key(UNIT_COLUMNS)
    problems = Problems.of(rows)
    codes = {
        row.cells.get(key, "")
        for row in rows
        for key in ("organization_code", "grid_organization_code", "covering_code")
    }
    organizations = await _organizations_by_code(session, codes)
    by_id = {organization.id: organization for organization in organizations.values()}

    def grid_key(row: Row) -> tuple[uuid.UUID, str] | None:
        owner = row.cells.get("grid_organization_code") or row.cells.get("organization_code")
        if owner in organizations and row.cells.get("grid_code"):
            return organizations[owner].id, row.cells["grid_code"]
        return None

    found = await _grids_by_code(session, {key for row in rows if (key := grid_key(row))})
    pacer = Pacer()
    units: list[tuple[Row, dict[str, Any]]] = []
    for row in rows:
        await pacer.tick()
        values = _cells(row, columns, UNIT_REQUIRED, problems)
        organization = _writable(organizations, values.pop("organization_code", None), principal)
        if organization is None and "organization_code" in row.cells:
            _not_found(problems, row.number, columns["organization_code"])
        grid_id = None
        if "grid_code" in row.cells:
            grid = found.get(grid_key(row) or (uuid.UUID(int=0), ""))
            grid_path = by_id[grid.organization_id].path if grid else ""
            if grid is None or not principal.can(grids.READ, grid_path):
                problems.add(
                    row.number,
                    columns["grid_code"],
                    "grid_not_found",
                    "no grid in your scope has this code in this organization",
                )
            elif organization is not None and not grid_path.startswith(organization.path):
                problems.add(
                    row.number,
                    columns["grid_code"],
                    "unit_grid_outside_organization",
                    "the grid belongs to an organization outside this unit's",
                )
            else:
                grid_id = grid.id
        covering = None
        if covering_code := values.get("covering_code"):
            covering = organizations.get(covering_code)
            if covering is None or not principal.can(Permission.ORGANIZATIONS_READ, covering.path):
                covering = None
                problems.add(
                    row.number,
                    columns["covering_code"],
                    "organization_not_found",
                    "no organization has this code",
                )
        unit = _unit_of(row, values, columns, covering, problems)
        if organization is not None and unit is not None and row.number not in problems.rows:
            units.append((row, {**unit, "organization_id": organization.id, "grid_id": grid_id}))
    await _report(progress, len(rows), problems)
    if (finished := _finish_check(len(rows), problems, dry_run)) is not None:
        return finished
    now = utcnow()
    for chunk in chunked(units, CHUNK):
        await session.execute(
            insert(Unit),
            [
                {**unit, "id": uuid.uuid4(), "version": 1, "created_at": now, "updated_at": now}
                for _, unit in chunk
            ],
        )
    audit.record(
        session,
        action="import",
        entity_type="unit",
        changes={"rows": len(units), "job_id": str(progress.job_id)},
    )
    return Outcome(f"{len(units)} units imported.", created_rows=len(units))


def _unit_of(
    row: Row,
    values: dict[str, Any],
    columns: dict[str, Column],
    covering: Organization | None,
    problems: Problems,
) -> dict[str, Any] | None:
    coverage = values.get("coverage") or UnitCoverage.NONE.value
    try:
        data = UnitFields.model_validate(
            {
                key: values[key]
                for key in ("name", "kind", "size", "latitude", "longitude")
                if values.get(key) is not None
            }
            | {"coverage": coverage}
        )
    except ValidationError as error:
        _validation_problems(row, error, columns, problems)
        return None
    if (data.latitude is None) != (data.longitude is None):
        missing = "latitude" if data.latitude is None else "longitude"
        problems.add(
            row.number, columns[missing], "unit_location_incomplete", "give both coordinates"
        )
    if data.coverage != UnitCoverage.NONE and covering is None and "covering_code" not in row.cells:
        problems.add(
            row.number,
            columns["covering_code"],
            "missing",
            "a covered unit names the organization that covers it",
        )
    if data.coverage == UnitCoverage.NONE and "covering_code" in row.cells:
        problems.add(
            row.number,
            columns["covering_code"],
            "unit_covering_without_coverage",
            "an uncovered unit names no covering organization; leave this blank",
        )
    return {
        **data.model_dump(exclude={"grid_id", "covering_organization_id"}),
        "covering_organization_id": covering.id if covering else None,
    }


# Boundaries --------------------------------------------------------------------------------

FEATURE_CODE = Column("code", "网格编码", "code", aliases=("grid_code",))
FEATURE_ORGANIZATION = Column(
    "organization_code", "所属组织编码", "organization_code", aliases=("org_code",)
)
FEATURE = Column("feature", "feature", "feature")
GEOMETRY = "geometry"


def parse_feature_collection(content: bytes, limits: ReadLimits) -> list[dict[str, Any]]:
    """The features of a GeoJSON FeatureCollection, refusing anything else or more features
    than an import may hold. Work for the processor: run it off the event loop."""
    try:
        document = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        raise TableUnreadable("The file is not GeoJSON (UTF-8 JSON).") from error
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise TableUnreadable("The file is not a GeoJSON FeatureCollection.")
    features = document.get("features")
    if not isinstance(features, list):
        raise TableUnreadable("The FeatureCollection has no list of features.")
    if len(features) > limits.max_rows:
        raise TooManyRows(
            f"The file has more than {limits.max_rows} features; import it in parts.",
            max_rows=limits.max_rows,
        )
    return features


def _property(properties: dict[str, Any], column: Column) -> str | None:
    for name, value in properties.items():
        if isinstance(name, str) and column.matches(name) and value not in (None, ""):
            return str(value).strip()
    return None


def _geometry_column(field_path: str) -> Column:
    """A problem's place in a geometry, as the column of the problem table:
    `geometry.coordinates.<polygon>.<ring>.<position>`."""
    where = GEOMETRY + field_path.removeprefix("boundary")
    return Column(where, where, where)


async def import_boundaries(
    session: AsyncSession,
    progress: Progress,
    principal: Principal,
    *,
    content: bytes,
    dry_run: bool,
    organization_code: str | None = None,
    limits: ReadLimits | None = None,
) -> Outcome:
    """Check, then (unless a dry run) set the boundary of every grid a feature names (by its
    `网格编码`/`code` property within the organization of `所属组织编码`/`organization_code`,
    or of `organization_code` given for the whole file), or of none. Row n of the problems is
    the n-th feature."""
    features = await asyncio.to_thread(parse_feature_collection, content, limits or ReadLimits())
    await progress.update(total_rows=len(features))
    problems = Problems.of([])
    keyed: list[tuple[int, str, str, dict[str, Any]]] = []
    for number, feature in enumerate(features, start=1):
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            problems.add(number, FEATURE, "grid_boundary_feature_invalid", "not a GeoJSON Feature")
            continue
        properties = feature.get("properties")
        properties = properties if isinstance(properties, dict) else {}
        code = _property(properties, FEATURE_CODE)
        owner = _property(properties, FEATURE_ORGANIZATION) or organization_code
        if code is None:
            problems.add(number, FEATURE_CODE, "missing", "the feature has no grid code property")
        if owner is None:
            problems.add(
                number, FEATURE_ORGANIZATION, "missing", "the feature names no organization"
            )
        if code is not None and owner is not None:
            keyed.append((number, owner, code, feature))
    organizations = await _organizations_by_code(session, {owner for _, owner, _, _ in keyed})
    found = await _grids_by_code(
        session,
        {(organizations[owner].id, code) for _, owner, code, _ in keyed if owner in organizations},
    )
    pacer = Pacer()
    first: dict[uuid.UUID, int] = {}
    checked: list[tuple[Grid, Boundary]] = []
    for number, owner, code, feature in keyed:
        await pacer.tick()
        organization = _writable(organizations, owner, principal)
        if organization is None:
            _not_found(problems, number, FEATURE_ORGANIZATION)
            continue
        grid = found.get((organization.id, code))
        if grid is None:
            problems.add(
                number,
                FEATURE_CODE,
                "grid_not_found",
                "the organization has no grid with this code",
                value=code,
            )
            continue
        if grid.id in first:
            problems.add(
                number,
                FEATURE_CODE,
                "grid_code_duplicate",
                f"feature {first[grid.id]} is for the same grid",
                {"row": first[grid.id]},
                value=code,
            )
            continue
        first[grid.id] = number
        boundary = await asyncio.to_thread(
            _checked_boundary, feature.get(GEOMETRY), number, problems
        )
        if boundary is not None:
            checked.append((grid, boundary))
    await _report(progress, len(features), problems)
    if (finished := _finish_check(len(features), problems, dry_run)) is not None:
        return finished
    for grid, boundary in checked:
        await pacer.tick()
        grids.set_boundary(grid, boundary)
    if checked:
        await grids.bump_marker(session)
    await session.flush()
    audit.record(
        session,
        action="import",
        entity_type="grid_boundary",
        changes={"rows": len(checked), "job_id": str(progress.job_id)},
    )
    return Outcome(f"{len(checked)} grid boundaries imported.", created_rows=len(checked))


def _checked_boundary(geometry: Any, number: int, problems: Problems) -> Boundary | None:
    """A feature's geometry as a valid boundary, or None after reporting where it fails."""
    try:
        boundary = Boundary.model_validate(geometry)
    except ValidationError:
        problems.add(
            number,
            Column(GEOMETRY, GEOMETRY, GEOMETRY),
            "grid_boundary_invalid",
            "the geometry is not a GeoJSON Polygon or MultiPolygon",
        )
        return None
    try:
        measure(boundary)
    except InvalidBoundary as error:
        for item in error.extra.get("errors", []):
            problems.add(
                number,
                _geometry_column(item["field"]),
                item["code"],
                item["message"],
                {"field": item["field"]},
            )
        return None
    return boundary
