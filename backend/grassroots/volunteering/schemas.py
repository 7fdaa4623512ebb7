"""Request and response bodies of volunteer service."""

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, model_validator

from grassroots.core.text import NoControlChars, bounded
from grassroots.volunteering.enums import PledgeStatus, RecordStatus, ServiceKind

Title = Annotated[str, bounded(200, min_length=1), NoControlChars]
Place = Annotated[str, bounded(200), NoControlChars]
LongText = Annotated[str, bounded(5000), NoControlChars]
Reason = Annotated[str, bounded(500, min_length=1), NoControlChars]
Hours = Annotated[
    Decimal,
    Field(gt=0, le=24, decimal_places=2, description="Hours served, e.g. 1.5; at most 24 a day."),
]


class ActivityFields(BaseModel):
    """Fields of an activity its organizer may set."""

    model_config = ConfigDict(extra="forbid")

    kind: ServiceKind
    title: Title
    description: LongText | None = None
    place: Place | None = None
    starts_at: AwareDatetime
    ends_at: AwareDatetime
    capacity: Annotated[int, Field(ge=1, le=100_000)] | None = Field(
        default=None, description="Places available; null for no limit."
    )
    grid_id: uuid.UUID | None = Field(
        default=None, description="The grid served: one of the organizer's subtree."
    )

    @model_validator(mode="after")
    def _ends_after_start(self) -> "ActivityFields":
        if self.ends_at <= self.starts_at:
            raise ValueError("ends_at must be after starts_at")
        return self


class ActivityCreate(ActivityFields):
    """A new activity organized by an organization within the caller's scope."""

    organization_id: uuid.UUID


class ActivityRead(BaseModel):
    """An activity and how many places are taken."""

    model_config = ConfigDict(
        from_attributes=True, json_schema_serialization_defaults_required=True
    )

    id: uuid.UUID
    organization_id: uuid.UUID
    kind: ServiceKind
    title: str
    description: str | None
    place: str | None
    starts_at: datetime
    ends_at: datetime
    capacity: int | None
    grid_id: uuid.UUID | None
    signed_up: int
    signed_up_by_me: bool = Field(
        default=False, description="Whether your own member holds a place in it."
    )
    version: int
    created_at: datetime
    updated_at: datetime


class SignupCreate(BaseModel):
    """Take a place: for yourself (no body) or, for staff, for a member."""

    model_config = ConfigDict(extra="forbid")

    member_id: uuid.UUID | None = None


class SignupRead(BaseModel):
    """A member's place in an activity."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    activity_id: uuid.UUID
    member_id: uuid.UUID
    member_name: str
    created_at: datetime


class RecordCreate(BaseModel):
    """Service to log: your own (no `member_id`) or, for staff, a member's."""

    model_config = ConfigDict(extra="forbid")

    member_id: uuid.UUID | None = None
    activity_id: uuid.UUID | None = None
    served_on: date
    hours: Hours
    kind: ServiceKind | None = Field(default=None, description="Defaults to the activity's kind.")
    beneficiaries: Annotated[int, Field(ge=0, le=1_000_000)] = 0
    description: LongText | None = None
    grid_id: uuid.UUID | None = Field(
        default=None,
        description="The grid served in: one of the subtree of the member's organization or "
        "of the community they are registered at.",
    )


class RecordRead(BaseModel):
    """A volunteer record."""

    id: uuid.UUID
    member_id: uuid.UUID
    member_name: str
    activity_id: uuid.UUID | None
    organization_id: uuid.UUID
    community_id: uuid.UUID
    grid_id: uuid.UUID | None
    served_on: date
    hours: float
    kind: ServiceKind
    beneficiaries: int
    description: str | None
    status: RecordStatus
    reject_reason: str | None
    decided_by_id: uuid.UUID | None
    decided_at: datetime | None
    photo_count: int = Field(description="How many evidence photos the record has.")
    version: int
    created_at: datetime
    updated_at: datetime


class Rejection(BaseModel):
    """Why a record is sent back."""

    model_config = ConfigDict(extra="forbid")

    reason: Reason


class BulkVerify(BaseModel):
    """Records to verify together: all of them, or none if any cannot be."""

    model_config = ConfigDict(extra="forbid")

    record_ids: list[uuid.UUID] = Field(min_length=1, max_length=500)


class BulkVerified(BaseModel):
    """How many records were verified."""

    verified: int


class PledgeCreate(BaseModel):
    """A pledge for a year: your own, or for staff, a member's."""

    model_config = ConfigDict(extra="forbid")

    member_id: uuid.UUID | None = None
    year: Annotated[int, Field(ge=2000, le=2100)]
    content: Annotated[str, bounded(2000, min_length=1), NoControlChars]


class PledgeUpdate(BaseModel):
    """What the member reports: the content, progress, and a note on fulfilment."""

    model_config = ConfigDict(extra="forbid")

    content: Annotated[str, bounded(2000, min_length=1), NoControlChars] | None = None
    status: PledgeStatus | None = Field(
        default=None, description="A member may set pledged or in_progress; staff any."
    )
    fulfilment_note: LongText | None = None


class PledgeRead(BaseModel):
    """A pledge and how it stands."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    member_id: uuid.UUID
    member_name: str
    organization_id: uuid.UUID
    year: int
    content: str
    status: PledgeStatus
    fulfilment_note: str | None
    reviewed_by_id: uuid.UUID | None
    reviewed_at: datetime | None
    version: int
    created_at: datetime
    updated_at: datetime


class StatsGroup(BaseModel):
    """One group of a rollup."""

    key: str
    label: str | None = None
    hours: float
    records: int


class MemberWithoutHours(BaseModel):
    """A member in scope who served no verified hours in the period."""

    id: uuid.UUID
    name: str
    organization_id: uuid.UUID


class VolunteerStats(BaseModel):
    """Verified hours in a subtree and period, grouped, with top volunteers and the idle."""

    within: uuid.UUID | None
    grid_id: uuid.UUID | None = Field(
        default=None, description="The grid whose records were counted, when one was named."
    )
    date_from: date = Field(alias="from")
    date_to: date = Field(alias="to")
    group_by: str
    total_hours: float
    total_records: int
    groups: list[StatsGroup]
    top_volunteers: list[StatsGroup] | None = Field(
        default=None, description="With group_by=member: the ten who served most."
    )
    members_without_hours_count: int | None = Field(
        default=None, description="With group_by=member: members who served no verified hours."
    )
    members_without_hours: list[MemberWithoutHours] | None = Field(
        default=None, description="With group_by=member: the first twenty of them, by name."
    )

    model_config = ConfigDict(populate_by_name=True, serialize_by_alias=True)


class EvidenceRead(BaseModel):
    """A photo of a record; fetch its bytes from `/photos/{id}`."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    record_id: uuid.UUID
    content_type: str
    size: int
    created_at: datetime
