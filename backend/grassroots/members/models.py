"""Members, their positions and their transfers between organizations."""

import uuid
from datetime import date, datetime
from types import MappingProxyType

from sqlalchemy import Date, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from grassroots.core.crypto import EncryptedText
from grassroots.core.db import Base, Entity, enum_column, utcnow
from grassroots.members.enums import Gender, MemberStatus, Position
from grassroots.members.identity import mask_birth_date, mask_id_number, mask_phone


class Member(Entity):
    """A Party member (党员), belonging to one organization."""

    __tablename__ = "member"
    __audit_organization__ = "organization_id"
    __audit_masked__ = MappingProxyType(
        {"phone": mask_phone, "id_number": mask_id_number, "birth_date": mask_birth_date}
    )
    __audit_exclude__ = frozenset({"id_number_hash"})

    name: Mapped[str] = mapped_column(String(50), index=True)
    gender: Mapped[Gender | None] = mapped_column(enum_column(Gender))
    birth_date: Mapped[date | None] = mapped_column(Date)
    ethnicity: Mapped[str | None] = mapped_column(String(20))
    phone: Mapped[str | None] = mapped_column(EncryptedText)
    id_number: Mapped[str | None] = mapped_column(EncryptedText)
    id_number_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organization.id"), index=True)
    status: Mapped[MemberStatus] = mapped_column(enum_column(MemberStatus))
    joined_on: Mapped[date | None] = mapped_column(Date)
    is_migrant: Mapped[bool] = mapped_column(default=False)
    current_location: Mapped[str | None] = mapped_column(String(200))
    is_in_service: Mapped[bool] = mapped_column(default=False)
    work_unit: Mapped[str | None] = mapped_column(String(200))
    residence_organization_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("organization.id"), index=True
    )
    registered_on: Mapped[date | None] = mapped_column(Date)
    is_elderly: Mapped[bool] = mapped_column(default=False)
    is_in_hardship: Mapped[bool] = mapped_column(default=False)

    positions: Mapped[list["MemberPosition"]] = relationship(
        back_populates="member",
        cascade="all, delete-orphan",
        lazy="selectin",
        order_by="MemberPosition.started_on",
    )


class MemberPosition(Base):
    """A position held in an organization; a first secretary names who dispatched them.
    A transfer ends the positions held in the organization left."""

    __tablename__ = "member_position"
    __audit_organization__ = "organization_id"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    member_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("member.id", ondelete="CASCADE"), index=True
    )
    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organization.id"), index=True)
    position: Mapped[Position] = mapped_column(enum_column(Position), index=True)
    dispatched_by: Mapped[str | None] = mapped_column(String(200))
    started_on: Mapped[date | None] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)

    member: Mapped[Member] = relationship(back_populates="positions")


class MemberTransfer(Base):
    """A move of a member's organizational relationship (组织关系转接), kept as history."""

    __tablename__ = "member_transfer"
    __table_args__ = (UniqueConstraint("member_id", "created_at"),)
    __audit_organization__ = "to_organization_id"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    member_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("member.id", ondelete="CASCADE"), index=True
    )
    from_organization_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("organization.id", ondelete="SET NULL")
    )
    to_organization_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("organization.id", ondelete="SET NULL")
    )
    transferred_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
