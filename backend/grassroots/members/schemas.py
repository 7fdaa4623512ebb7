"""Request and response bodies of members."""

import uuid
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from grassroots.core.localtime import local_today
from grassroots.core.phone import Phone
from grassroots.core.text import NoControlChars, bounded
from grassroots.core.validation import ValueProblem, refuse_cleared
from grassroots.members.enums import Gender, MemberStatus, Position
from grassroots.members.identity import normalize_id_number

Name = Annotated[str, bounded(50, min_length=1), NoControlChars]
Place = Annotated[str, bounded(200), NoControlChars]
IdNumber = Annotated[
    str,
    Field(
        min_length=18,
        max_length=18,
        description="18-character resident identity number (GB 11643).",
    ),
]
PastDate = Annotated[date, Field(ge=date(1900, 1, 1))]

REQUIRED_ON_UPDATE = (
    "name",
    "status",
    "organization_id",
    "is_migrant",
    "is_in_service",
    "is_elderly",
    "is_in_hardship",
    "positions",
)


class PositionIn(BaseModel):
    """A position held in the member's organization."""

    model_config = ConfigDict(extra="forbid")

    position: Position
    dispatched_by: Place | None = Field(
        default=None, description="For a first secretary: the organization that sent them."
    )
    started_on: PastDate | None = None
    ended_on: PastDate | None = None

    @model_validator(mode="after")
    def _ordered_dates(self) -> "PositionIn":
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            raise ValueError("ended_on is before started_on")
        return self


class PositionRead(PositionIn):
    """A position as the API shows it."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    organization_id: uuid.UUID


class MemberFields(BaseModel):
    """Fields a member's keeper may set."""

    model_config = ConfigDict(extra="forbid")

    name: Name
    gender: Gender | None = None
    birth_date: PastDate | None = None
    ethnicity: Annotated[str, bounded(20), NoControlChars] | None = None
    phone: Phone | None = None
    id_number: IdNumber | None = None
    status: MemberStatus = MemberStatus.FULL
    joined_on: PastDate | None = None
    is_migrant: bool = False
    current_location: Place | None = None
    is_in_service: bool = False
    work_unit: Place | None = None
    residence_organization_id: uuid.UUID | None = Field(
        default=None, description="The community an in-service member registered at."
    )
    registered_on: PastDate | None = None
    is_elderly: bool = False
    is_in_hardship: bool = False
    positions: list[PositionIn] = Field(default_factory=list, max_length=10)

    @field_validator("id_number")
    @classmethod
    def _valid_id_number(cls, value: str | None) -> str | None:
        return None if value is None else normalize_id_number(value)

    @field_validator("birth_date", "joined_on", "registered_on")
    @classmethod
    def _not_in_future(cls, value: date | None) -> date | None:
        if value is not None and value > local_today():
            raise ValueProblem("date_in_future", "must not be in the future")
        return value


class MemberCreate(MemberFields):
    """A new member of an organization within the caller's scope."""

    organization_id: uuid.UUID


class MemberUpdate(MemberFields):
    """A partial update; `positions`, when sent, replaces the list. Use `transfer` to move a
    member to another organization."""

    name: Name | None = None  # type: ignore[assignment]
    status: MemberStatus | None = None  # type: ignore[assignment]
    is_migrant: bool | None = None  # type: ignore[assignment]
    is_in_service: bool | None = None  # type: ignore[assignment]
    is_elderly: bool | None = None  # type: ignore[assignment]
    is_in_hardship: bool | None = None  # type: ignore[assignment]
    positions: list[PositionIn] | None = Field(default=None, max_length=10)  # type: ignore[assignment]

    @model_validator(mode="before")
    @classmethod
    def _required_fields_not_null(cls, data: Any) -> Any:
        return refuse_cleared(data, REQUIRED_ON_UPDATE)


class MemberRead(BaseModel):
    """A member; `phone` and `id_number` are masked and `birth_date` is null unless revealed
    by an administrator of the member's organization (`?reveal=`, audited)."""

    id: uuid.UUID
    name: str
    gender: Gender | None
    birth_date: date | None = Field(
        description="Null unless revealed: the birth date is the part of the identity number "
        "its mask hides, so it is shown only with `reveal=birth_date` or `reveal=id_number`."
    )
    ethnicity: str | None
    phone: str | None
    id_number: str | None
    revealed: list[str] = Field(description="Fields shown unmasked in this response.")
    organization_id: uuid.UUID
    status: MemberStatus
    joined_on: date | None
    is_migrant: bool
    current_location: str | None
    is_in_service: bool
    work_unit: str | None
    residence_organization_id: uuid.UUID | None
    registered_on: date | None
    is_elderly: bool
    is_in_hardship: bool
    positions: list[PositionRead]
    version: int
    created_at: datetime
    updated_at: datetime


class MemberTransferCreate(BaseModel):
    """Move a member's organizational relationship to another organization."""

    model_config = ConfigDict(extra="forbid")

    organization_id: uuid.UUID
    transferred_on: PastDate | None = Field(default=None, description="Defaults to today.")
    reason: Annotated[str, bounded(500), NoControlChars] | None = None


class MemberTransferRead(BaseModel):
    """One transfer in a member's history."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    member_id: uuid.UUID
    from_organization_id: uuid.UUID | None
    to_organization_id: uuid.UUID | None
    transferred_on: date
    reason: str | None
    created_at: datetime
