"""Users and their grants."""

import uuid
from datetime import datetime
from types import MappingProxyType

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from grassroots.core.db import Base, Entity, enum_column, utcnow
from grassroots.core.phone import mask_phone
from grassroots.core.security import Role
from grassroots.organizations.models import Organization


class User(Entity):
    """An account: a person who logs in."""

    __tablename__ = "user_account"
    __audit_entity__ = "user"
    __audit_organization__ = "organization_id"
    __audit_exclude__ = frozenset({"password_hash", "last_login_at"})
    __audit_masked__ = MappingProxyType({"phone": mask_phone})

    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    phone: Mapped[str | None] = mapped_column(String(32))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    is_active: Mapped[bool] = mapped_column(default=True)
    is_superuser: Mapped[bool] = mapped_column(default=False)
    organization_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("organization.id"), index=True
    )
    last_login_at: Mapped[datetime | None] = mapped_column()
    member_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("member.id", ondelete="SET NULL"), unique=True
    )


class Grant(Base):
    """A role a user holds on an organization and everything below it."""

    __tablename__ = "grant"
    __audit_organization__ = "organization_id"
    __table_args__ = (UniqueConstraint("user_id", "organization_id", "role"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organization.id"), index=True)
    role: Mapped[Role] = mapped_column(enum_column(Role))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    organization: Mapped[Organization] = relationship(lazy="joined", viewonly=True)

    @property
    def organization_name(self) -> str:
        """The name of the organization the role is held on."""
        return self.organization.name
