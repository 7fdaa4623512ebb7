"""Activities, sign-ups, records, pledges, and the tallies that rollups read."""

import uuid
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import BigInteger, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from grassroots.core.db import Base, Entity, enum_column, utcnow
from grassroots.members.models import Member
from grassroots.volunteering.enums import PledgeStatus, RecordStatus, ServiceKind


class VolunteerActivity(Entity):
    """A service activity organized by an organization; members sign up for its places."""

    __tablename__ = "volunteer_activity"
    __audit_organization__ = "organization_id"

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organization.id"), index=True)
    kind: Mapped[ServiceKind] = mapped_column(enum_column(ServiceKind))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    place: Mapped[str | None] = mapped_column(String(200))
    starts_at: Mapped[datetime] = mapped_column(index=True)
    ends_at: Mapped[datetime] = mapped_column()
    capacity: Mapped[int | None] = mapped_column(Integer)
    signed_up: Mapped[int] = mapped_column(Integer, default=0)
    # The grid the activity serves, if any; deleting the grid clears it (grids' service).
    grid_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("grid.id"), index=True)


class NamesItsMember:
    """Rows that belong to a member, and show the member's name."""

    if TYPE_CHECKING:
        member: Member

    @property
    def member_name(self) -> str:
        """The name of the member the row belongs to."""
        return self.member.name


class ActivitySignup(NamesItsMember, Base):
    """A member's place in an activity."""

    __tablename__ = "activity_signup"
    __table_args__ = (UniqueConstraint("activity_id", "member_id"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    activity_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("volunteer_activity.id", ondelete="CASCADE"), index=True
    )
    member_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("member.id"), index=True)
    member: Mapped[Member] = relationship(lazy="joined", innerjoin=True, viewonly=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class VolunteerRecord(NamesItsMember, Entity):
    """Who served, when, how long, what kind, for how many; counted once verified.

    `organization_id` is the member's organization when the service was logged, and
    `community_id` the community an in-service member is registered at (else the same
    organization): the hours count for both."""

    __tablename__ = "volunteer_record"
    __audit_organization__ = "organization_id"

    member_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("member.id"), index=True)
    member: Mapped[Member] = relationship(lazy="joined", innerjoin=True, viewonly=True)
    activity_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("volunteer_activity.id", ondelete="SET NULL"), index=True
    )
    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organization.id"), index=True)
    community_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organization.id"), index=True)
    # The grid served in, if any: a grid with records cannot be deleted.
    grid_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("grid.id"), index=True)
    served_on: Mapped[date] = mapped_column(Date, index=True)
    minutes: Mapped[int] = mapped_column(Integer)
    kind: Mapped[ServiceKind] = mapped_column(enum_column(ServiceKind))
    beneficiaries: Mapped[int] = mapped_column(Integer, default=0)
    description: Mapped[str | None] = mapped_column(Text)
    status: Mapped[RecordStatus] = mapped_column(enum_column(RecordStatus), index=True)
    reject_reason: Mapped[str | None] = mapped_column(String(500))
    logged_by_id: Mapped[uuid.UUID | None] = mapped_column()
    decided_by_id: Mapped[uuid.UUID | None] = mapped_column()
    decided_at: Mapped[datetime | None] = mapped_column()
    # Kept by the evidence functions, so lists show it without counting photos per row.
    photo_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class Pledge(NamesItsMember, Entity):
    """A member's yearly pledge (承诺) and how it was fulfilled (践诺)."""

    __tablename__ = "pledge"
    __audit_organization__ = "organization_id"

    member_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("member.id"), index=True)
    member: Mapped[Member] = relationship(lazy="joined", innerjoin=True, viewonly=True)
    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organization.id"), index=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    content: Mapped[str] = mapped_column(Text)
    status: Mapped[PledgeStatus] = mapped_column(enum_column(PledgeStatus))
    fulfilment_note: Mapped[str | None] = mapped_column(Text)
    reviewed_by_id: Mapped[uuid.UUID | None] = mapped_column()
    reviewed_at: Mapped[datetime | None] = mapped_column()


class VolunteerTally(Base):
    """Verified minutes and records per (organization, community, month, kind): what rollups
    read, kept by every verify and revert instead of scanning records."""

    __tablename__ = "volunteer_tally"

    organization_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organization.id"), primary_key=True
    )
    community_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organization.id"), primary_key=True)
    month: Mapped[date] = mapped_column(Date, primary_key=True)
    kind: Mapped[ServiceKind] = mapped_column(enum_column(ServiceKind), primary_key=True)
    minutes: Mapped[int] = mapped_column(BigInteger, default=0)
    records: Mapped[int] = mapped_column(Integer, default=0)


class VolunteerRollup(Base):
    """Verified minutes and records per subtree (the organization and all below it), month
    and kind: a record counts once in each subtree that holds its member's organization or
    community. The hot rollups read one row per month and kind from here."""

    __tablename__ = "volunteer_rollup"

    # Derived data: it goes with its organization.
    organization_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organization.id", ondelete="CASCADE"), primary_key=True
    )
    month: Mapped[date] = mapped_column(Date, primary_key=True)
    kind: Mapped[ServiceKind] = mapped_column(enum_column(ServiceKind), primary_key=True)
    minutes: Mapped[int] = mapped_column(BigInteger, default=0)
    records: Mapped[int] = mapped_column(Integer, default=0)


class MemberTally(Base):
    """Verified minutes and records per member and month, with the same attribution."""

    __tablename__ = "member_tally"

    member_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("member.id"), primary_key=True)
    organization_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organization.id"), primary_key=True
    )
    community_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organization.id"), primary_key=True)
    month: Mapped[date] = mapped_column(Date, primary_key=True, index=True)
    minutes: Mapped[int] = mapped_column(BigInteger, default=0)
    records: Mapped[int] = mapped_column(Integer, default=0)


class Evidence(Base):
    """A photo proving a record, kept as a file under the upload directory."""

    __tablename__ = "volunteer_evidence"
    __audit_organization__ = "organization_id"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    record_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("volunteer_record.id", ondelete="CASCADE"), index=True
    )
    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organization.id"))
    content_type: Mapped[str] = mapped_column(String(32))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    stored_name: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
