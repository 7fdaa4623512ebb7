"""Request and response bodies of the organization endpoints."""

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, field_validator, model_validator

from grassroots.core.localtime import local_today
from grassroots.core.phone import Phone
from grassroots.core.text import NoControlChars, bounded
from grassroots.core.validation import refuse_cleared
from grassroots.organizations.enums import Domain, Flag, Formation, Kind, Tier

Name = Annotated[str, bounded(200, min_length=1), NoControlChars]
ShortName = Annotated[str, bounded(100, min_length=1), NoControlChars]
Address = Annotated[str, bounded(300), NoControlChars]
Description = Annotated[str, bounded(5000), NoControlChars]
Code = Annotated[
    str,
    Field(
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$",
        description="Unique code, e.g. the administrative division code.",
    ),
]
Yuan = Annotated[
    Decimal,
    Field(ge=0, max_digits=14, decimal_places=2),
    PlainSerializer(float, return_type=float, when_used="json"),
]
Headcount = Annotated[int, Field(ge=0, le=100_000_000)]
Area = Annotated[float, Field(ge=0, le=10_000_000, allow_inf_nan=False)]
FoundedOn = Annotated[
    date, Field(ge=date(1921, 7, 1), description="Date the organization was founded.")
]

REQUIRED_ON_UPDATE = ("name", "code", "kind", "tier", "domain", "formation", "flags")


class OrganizationFields(BaseModel):
    """Fields an organization's keeper may set."""

    model_config = ConfigDict(extra="forbid")

    name: Name
    short_name: ShortName | None = None
    code: Code
    kind: Kind
    tier: Tier
    domain: Domain
    formation: Formation = Formation.STANDALONE
    flags: list[Flag] = Field(default_factory=list, max_length=len(Flag))
    venue_address: Address | None = None
    venue_area_m2: Area | None = None
    annual_funds: Yuan | None = None
    founded_on: FoundedOn | None = None
    contact_phone: Phone | None = None
    households: Headcount | None = Field(
        default=None, description="Households the organization declares for its area (户数)."
    )
    population: Headcount | None = Field(
        default=None, description="Population the organization declares for its area (人口)."
    )
    description: Description | None = None

    @field_validator("flags")
    @classmethod
    def _distinct_flags(cls, flags: list[Flag]) -> list[Flag]:
        return [flag for flag in Flag if flag in flags]

    @field_validator("founded_on")
    @classmethod
    def _not_in_future(cls, founded_on: date | None) -> date | None:
        if founded_on is not None and founded_on > local_today():
            raise ValueError("must not be in the future")
        return founded_on


class OrganizationCreate(OrganizationFields):
    """A new organization, under `parent_id` or as a root when it is null."""

    parent_id: uuid.UUID | None = None


class OrganizationUpdate(OrganizationFields):
    """A partial update: only the fields sent are changed. Use `move` to change the parent."""

    name: Name | None = None  # type: ignore[assignment]
    code: Code | None = None  # type: ignore[assignment]
    kind: Kind | None = None  # type: ignore[assignment]
    tier: Tier | None = None  # type: ignore[assignment]
    domain: Domain | None = None  # type: ignore[assignment]
    formation: Formation | None = None  # type: ignore[assignment]
    flags: list[Flag] | None = Field(default=None, max_length=len(Flag))  # type: ignore[assignment]

    @model_validator(mode="before")
    @classmethod
    def _required_fields_not_null(cls, data: Any) -> Any:
        return refuse_cleared(data, REQUIRED_ON_UPDATE)


class OrganizationMove(BaseModel):
    """The new parent of an organization (null makes it a root)."""

    model_config = ConfigDict(extra="forbid")

    parent_id: uuid.UUID | None


class OrganizationRead(BaseModel):
    """An organization as the API returns it."""

    model_config = ConfigDict(
        from_attributes=True, json_schema_serialization_defaults_required=True
    )

    id: uuid.UUID
    parent_id: uuid.UUID | None
    depth: int = Field(description="0 for a root, 1 for its children, and so on.")
    child_count: int = Field(default=0, description="How many direct children it has.")
    name: str
    short_name: str | None
    code: str
    kind: Kind
    tier: Tier
    domain: Domain
    formation: Formation
    flags: list[Flag]
    venue_address: str | None
    venue_area_m2: float | None
    annual_funds: Yuan | None
    founded_on: date | None
    contact_phone: str | None
    households: int | None
    population: int | None
    description: str | None
    version: int
    created_at: datetime
    updated_at: datetime


class OrganizationStats(BaseModel):
    """Counts over an organization's subtree, itself included."""

    organization_id: uuid.UUID
    total: int
    by_domain: dict[Domain, int]
    by_kind: dict[Kind, int]
    by_tier: dict[Tier, int]
    by_flag: dict[Flag, int]
    secretaries_in_place: int = Field(
        description="Organizations (committees and branches) with a secretary in office."
    )
    secretary_vacancies: int = Field(description="Organizations with no secretary in office.")
    first_secretaries: int = Field(description="First secretaries dispatched and serving.")
