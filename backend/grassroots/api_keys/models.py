"""The API key table."""

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from grassroots.core.db import Base, enum_column, utcnow
from grassroots.core.security import Role
from grassroots.organizations.models import Organization


class ApiKey(Base):
    """A key an integration sends as `Authorization: Bearer <key>`; only its hash is kept."""

    __tablename__ = "api_key"
    __audit_exclude__ = frozenset({"secret_hash", "last_used_at"})
    __audit_organization__ = "organization_id"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    name: Mapped[str] = mapped_column(String(100))
    prefix: Mapped[str] = mapped_column(String(16), unique=True)
    secret_hash: Mapped[str] = mapped_column(String(64))
    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organization.id"), index=True)
    role: Mapped[Role] = mapped_column(enum_column(Role))
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime | None] = mapped_column()
    last_used_at: Mapped[datetime | None] = mapped_column()
    revoked_at: Mapped[datetime | None] = mapped_column()

    organization: Mapped[Organization] = relationship(lazy="joined", viewonly=True)

    @property
    def organization_name(self) -> str:
        """The name of the organization the key acts on."""
        return self.organization.name
