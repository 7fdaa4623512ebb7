"""Grids, their service teams and the people in them, the units register, and the marker
that tells every server process when grid boundaries changed."""

import uuid
from datetime import datetime
from types import MappingProxyType
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from grassroots.core.crypto import EncryptedText
from grassroots.core.db import Base, Entity, binary_string, enum_column, utcnow
from grassroots.core.phone import mask_phone
from grassroots.grids.enums import TeamRole, UnitCoverage, UnitKind
from grassroots.members.models import Member
from grassroots.volunteering.enums import ServiceKind


class Grid(Entity):
    """A service grid (服务网格): a piece of territory under a township, street, village or
    community organization, with its households, population and optional boundary."""

    __tablename__ = "grid"
    __table_args__ = (UniqueConstraint("organization_id", "code"),)
    __audit_organization__ = "organization_id"
    # The boundary can hold thousands of positions; its measures below record the change.
    __audit_exclude__ = frozenset({"boundary"})

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organization.id"), index=True)
    code: Mapped[str] = mapped_column(binary_string(64))
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    households: Mapped[int] = mapped_column(Integer, default=0)
    population: Mapped[int] = mapped_column(Integer, default=0)
    buildings: Mapped[list[str]] = mapped_column(JSON, default=list)
    boundary: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))
    min_lng: Mapped[float | None] = mapped_column(Float)
    min_lat: Mapped[float | None] = mapped_column(Float)
    max_lng: Mapped[float | None] = mapped_column(Float)
    max_lat: Mapped[float | None] = mapped_column(Float)
    centroid_lng: Mapped[float | None] = mapped_column(Float)
    centroid_lat: Mapped[float | None] = mapped_column(Float)
    area_m2: Mapped[float | None] = mapped_column(Float)


class GridTeam(Entity):
    """A grid service team (网格服务团队) serving one grid; `organization_id` is the grid's."""

    __tablename__ = "grid_team"
    __audit_organization__ = "organization_id"

    grid_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("grid.id"), index=True)
    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organization.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    service_kinds: Mapped[list[ServiceKind]] = mapped_column(JSON, default=list)
    active: Mapped[bool] = mapped_column(default=True)

    people: Mapped[list["GridTeamPerson"]] = relationship(
        back_populates="team",
        cascade="all, delete-orphan",
        lazy="selectin",
        order_by="GridTeamPerson.position",
    )


class GridTeamPerson(Base):
    """Someone serving in a team: a Party member (`member_id`), or a resident volunteer
    without a member record (name and phone, the phone encrypted)."""

    __tablename__ = "grid_team_person"
    __table_args__ = (
        UniqueConstraint("team_id", "member_id"),
        # At most one grid leader (网格长) per team, whatever happens at the same time.
        Index(
            "ix_grid_team_person_one_leader",
            "team_id",
            unique=True,
            sqlite_where=text("role = 'grid_leader'"),
            postgresql_where=text("role = 'grid_leader'"),
        ),
        CheckConstraint("(member_id IS NULL) = (name IS NOT NULL)", name="member_or_name"),
    )
    __audit_organization__ = "organization_id"
    __audit_masked__ = MappingProxyType({"phone": mask_phone})

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    team_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("grid_team.id", ondelete="CASCADE"))
    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organization.id"))
    position: Mapped[int] = mapped_column(Integer)
    role: Mapped[TeamRole] = mapped_column(enum_column(TeamRole))
    member_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("member.id"), index=True)
    name: Mapped[str | None] = mapped_column(String(50))
    phone: Mapped[str | None] = mapped_column(EncryptedText)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    team: Mapped[GridTeam] = relationship(back_populates="people")
    member: Mapped[Member | None] = relationship(lazy="joined", viewonly=True)


class Unit(Entity):
    """A place where people work or live (enterprise, social organization, cooperative,
    building, market), kept in an organization's register, and the Party organization that
    covers it, alone or jointly (单独组建, 联建), if any."""

    __tablename__ = "unit"
    __table_args__ = (
        CheckConstraint(
            "(coverage = 'none') = (covering_organization_id IS NULL)",
            name="coverage_names_organization",
        ),
        CheckConstraint("(latitude IS NULL) = (longitude IS NULL)", name="whole_location"),
    )
    __audit_organization__ = "organization_id"

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organization.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[UnitKind] = mapped_column(enum_column(UnitKind))
    size: Mapped[int | None] = mapped_column(Integer)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    grid_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("grid.id", ondelete="SET NULL"), index=True
    )
    coverage: Mapped[UnitCoverage] = mapped_column(enum_column(UnitCoverage))
    covering_organization_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("organization.id"), index=True
    )


class GridIndexMarker(Base):
    """One row whose `marker` changes in the same transaction as any grid boundary: a
    process holding grids in memory compares it on each lookup and reloads when it moved."""

    __tablename__ = "grid_index_marker"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    marker: Mapped[str] = mapped_column(String(32))
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)
