"""Request and response bodies of grids, grid service teams, coverage and units."""

import uuid
from datetime import datetime
from typing import Annotated, Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from grassroots.core.phone import Phone
from grassroots.core.text import NoControlChars, bounded
from grassroots.core.validation import refuse_cleared
from grassroots.grids.enums import TeamRole, UnitCoverage, UnitKind
from grassroots.grids.geometry import Boundary
from grassroots.organizations.enums import Tier
from grassroots.volunteering.enums import ServiceKind

Name = Annotated[str, bounded(200, min_length=1), NoControlChars]
Description = Annotated[str, bounded(5000), NoControlChars]
Building = Annotated[str, bounded(200, min_length=1), NoControlChars]
Code = Annotated[
    str,
    Field(
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$",
        description="Code of the grid, unique within its organization.",
    ),
]
Count = Annotated[int, Field(ge=0, le=100_000_000)]
PersonName = Annotated[str, bounded(50, min_length=1), NoControlChars]
TeamName = Annotated[str, bounded(100, min_length=1), NoControlChars]
Latitude = Annotated[float, Field(ge=-90, le=90, allow_inf_nan=False)]
Longitude = Annotated[float, Field(ge=-180, le=180, allow_inf_nan=False)]

T = TypeVar("T")
MAX_BUILDINGS = 500
MAX_PEOPLE = 200


# Grids -------------------------------------------------------------------------------------


class GridFields(BaseModel):
    """Fields a grid's keeper may set."""

    model_config = ConfigDict(extra="forbid")

    code: Code
    name: Name
    description: Description | None = None
    households: Count = 0
    population: Count = 0
    buildings: list[Building] = Field(
        default_factory=list,
        max_length=MAX_BUILDINGS,
        description="Names or addresses of the buildings in the grid.",
    )
    boundary: Boundary | None = Field(
        default=None, description="GeoJSON Polygon or MultiPolygon, WGS 84 [lng, lat]."
    )


class GridCreate(GridFields):
    """A new grid of a township, street, village or community organization."""

    organization_id: uuid.UUID


class GridUpdate(GridFields):
    """A partial update; `boundary: null` removes the boundary. A grid keeps its organization."""

    code: Code | None = None  # type: ignore[assignment]
    name: Name | None = None  # type: ignore[assignment]
    households: Count | None = None  # type: ignore[assignment]
    population: Count | None = None  # type: ignore[assignment]
    buildings: list[Building] | None = Field(default=None, max_length=MAX_BUILDINGS)  # type: ignore[assignment]

    @model_validator(mode="before")
    @classmethod
    def _required_fields_not_null(cls, data: Any) -> Any:
        return refuse_cleared(data, ("code", "name", "households", "population", "buildings"))


class GridRead(BaseModel):
    """A grid; `bbox`, `centroid` and `area_m2` are computed from the boundary (null without
    one). The area is on the authalic sphere of WGS 84 (within 0.5% of the ellipsoid)."""

    id: uuid.UUID
    organization_id: uuid.UUID
    code: str
    name: str
    description: str | None
    households: int
    population: int
    buildings: list[str]
    boundary: dict[str, Any] | None
    bbox: list[float] | None = Field(description="[min_lng, min_lat, max_lng, max_lat].")
    centroid: list[float] | None = Field(description="[lng, lat] of the area's centroid.")
    area_m2: float | None = Field(description="Area in square metres.")
    team_count: int = Field(description="Teams serving the grid, active or not.")
    active_team_count: int
    version: int
    created_at: datetime
    updated_at: datetime


class GridLocated(BaseModel):
    """The grid containing a point (its border included)."""

    id: uuid.UUID
    organization_id: uuid.UUID
    code: str
    name: str


# Teams -------------------------------------------------------------------------------------


class PersonIn(BaseModel):
    """Someone on a team: a Party member by `member_id`, or a volunteer without a member
    record by `name` and `phone`. Send `id` to keep a person already on the team (a
    volunteer's phone is kept when `phone` is left out)."""

    model_config = ConfigDict(extra="forbid")

    id: uuid.UUID | None = Field(default=None, description="An existing person of this team.")
    role: TeamRole
    member_id: uuid.UUID | None = None
    name: PersonName | None = Field(default=None, description="Only for a non-member.")
    phone: Phone | None = Field(default=None, description="Only for a non-member.")

    @model_validator(mode="after")
    def _member_or_name(self) -> "PersonIn":
        if self.member_id is not None and (self.name is not None or self.phone is not None):
            raise ValueError("a member is named by member_id alone; name and phone are theirs")
        if self.member_id is None and self.name is None and self.id is None:
            raise ValueError("give member_id for a Party member, or name (and phone) otherwise")
        return self


class TeamFields(BaseModel):
    """Fields of a team; `people` replaces the whole list when sent."""

    model_config = ConfigDict(extra="forbid")

    name: TeamName
    service_kinds: list[ServiceKind] = Field(default_factory=list, max_length=len(ServiceKind))
    active: bool = True
    people: list[PersonIn] = Field(default_factory=list, max_length=MAX_PEOPLE)

    @field_validator("service_kinds")
    @classmethod
    def _distinct_kinds(cls, kinds: list[ServiceKind]) -> list[ServiceKind]:
        return [kind for kind in ServiceKind if kind in kinds]


class TeamCreate(TeamFields):
    """A new team for a grid. An active team needs exactly one grid leader."""

    grid_id: uuid.UUID


class TeamUpdate(TeamFields):
    """A partial update; `people`, when sent, replaces the list (send `id` to keep someone)."""

    name: TeamName | None = None  # type: ignore[assignment]
    service_kinds: list[ServiceKind] | None = Field(default=None, max_length=len(ServiceKind))  # type: ignore[assignment]
    active: bool | None = None  # type: ignore[assignment]
    people: list[PersonIn] | None = Field(default=None, max_length=MAX_PEOPLE)  # type: ignore[assignment]

    @model_validator(mode="before")
    @classmethod
    def _required_fields_not_null(cls, data: Any) -> Any:
        return refuse_cleared(data, ("name", "service_kinds", "active", "people"))


class PersonRead(BaseModel):
    """Someone on a team; a volunteer's phone is masked as members' phones are."""

    id: uuid.UUID
    role: TeamRole
    member_id: uuid.UUID | None
    name: str = Field(description="The member's name, or the volunteer's.")
    phone: str | None = Field(description="Masked: 138****1234. Members' phones stay with them.")
    is_party_member: bool


class TeamRead(BaseModel):
    """A grid service team and the people in it."""

    id: uuid.UUID
    grid_id: uuid.UUID
    organization_id: uuid.UUID
    name: str
    service_kinds: list[ServiceKind]
    active: bool
    people: list[PersonRead]
    version: int
    created_at: datetime
    updated_at: datetime


# Units -------------------------------------------------------------------------------------


class UnitFields(BaseModel):
    """Fields of a unit in the register."""

    model_config = ConfigDict(extra="forbid")

    name: Name
    kind: UnitKind
    size: Count | None = Field(default=None, description="Employees or residents.")
    latitude: Latitude | None = None
    longitude: Longitude | None = None
    grid_id: uuid.UUID | None = Field(default=None, description="A grid of this organization.")
    coverage: UnitCoverage = UnitCoverage.NONE
    covering_organization_id: uuid.UUID | None = Field(
        default=None, description="The Party organization covering it (not with `none`)."
    )


class UnitCreate(UnitFields):
    """A new unit in an organization's register."""

    organization_id: uuid.UUID

    @model_validator(mode="after")
    def _consistent(self) -> "UnitCreate":
        check_unit(self.latitude, self.longitude, self.coverage, self.covering_organization_id)
        return self


class UnitUpdate(UnitFields):
    """A partial update of a unit; the combined result must still be consistent."""

    name: Name | None = None  # type: ignore[assignment]
    kind: UnitKind | None = None  # type: ignore[assignment]
    coverage: UnitCoverage | None = None  # type: ignore[assignment]

    @model_validator(mode="before")
    @classmethod
    def _required_fields_not_null(cls, data: Any) -> Any:
        return refuse_cleared(data, ("name", "kind", "coverage"))


def check_unit(
    latitude: float | None,
    longitude: float | None,
    coverage: UnitCoverage,
    covering_organization_id: uuid.UUID | None,
) -> None:
    """A location is both coordinates or neither; a covered unit names its organization."""
    if (latitude is None) != (longitude is None):
        raise ValueError("give both latitude and longitude, or neither")
    if (coverage == UnitCoverage.NONE) != (covering_organization_id is None):
        raise ValueError(
            "covering_organization_id is required with coverage own or joint, "
            "and must be empty with none"
        )


class UnitRead(BaseModel):
    """A unit of the register."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    organization_id: uuid.UUID
    name: str
    kind: UnitKind
    size: int | None
    latitude: float | None
    longitude: float | None
    grid_id: uuid.UUID | None
    coverage: UnitCoverage
    covering_organization_id: uuid.UUID | None
    version: int
    created_at: datetime
    updated_at: datetime


# Coverage ----------------------------------------------------------------------------------


class GridRef(BaseModel):
    """A grid named in a gap."""

    id: uuid.UUID
    organization_id: uuid.UUID
    code: str
    name: str


class TeamRef(BaseModel):
    """A team named in a gap."""

    id: uuid.UUID
    grid_id: uuid.UUID
    name: str


class OrganizationRef(BaseModel):
    """An organization named in a gap."""

    id: uuid.UUID
    code: str
    name: str
    tier: Tier


class UnitRef(BaseModel):
    """A unit named in a gap."""

    id: uuid.UUID
    organization_id: uuid.UUID
    name: str
    kind: UnitKind


class Gap(BaseModel, Generic[T]):
    """How many have the gap, and the first of them (by code or name, at most 500)."""

    count: int
    items: list[T]


class Tally(BaseModel):
    """People counted in grids against the totals organizations declare in their profile."""

    in_grids: int = Field(description="Sum over the grids of the subtree.")
    declared: int = Field(
        description="Sum of what village and community organizations of the subtree declare."
    )


class UnitCoverageFigures(BaseModel):
    """Units of the register and the Party organizations covering them."""

    total: int
    covered: int = Field(description="Units with a Party organization covering them.")
    by_coverage: dict[UnitCoverage, int]
    uncovered: Gap[UnitRef]


class Coverage(BaseModel):
    """Coverage figures for a subtree (网格覆盖, 组织覆盖), each gap listed with ids."""

    organization_id: uuid.UUID | None = Field(description="The `within` organization, if any.")
    grids: int
    grids_with_active_team: int
    grids_without_active_team: Gap[GridRef]
    teams: int
    active_teams: int
    active_teams_without_leader: Gap[TeamRef]
    active_teams_without_party_members: Gap[TeamRef] = Field(
        description="Active teams with nobody who is a member record (any role)."
    )
    grid_organizations: int = Field(description="Village and community organizations.")
    organizations_without_grid: Gap[OrganizationRef] = Field(
        description="Village and community organizations with no grid in their subtree."
    )
    households: Tally
    population: Tally
    units: UnitCoverageFigures
