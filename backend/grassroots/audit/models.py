"""The audit event table."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from grassroots.core.db import Base, binary_string, utcnow
from grassroots.organizations.models import MAX_DEPTH, SEGMENT_LENGTH


class AuditEvent(Base):
    """One write, login, refusal or key use, as it happened; never changed afterwards."""

    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_event_entity", "entity_type", "entity_id"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    occurred_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor_type: Mapped[str] = mapped_column(String(16))
    actor_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    actor_label: Mapped[str | None] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(32))
    outcome: Mapped[str] = mapped_column(String(16))
    entity_type: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[str | None] = mapped_column(String(64))
    organization_id: Mapped[uuid.UUID | None] = mapped_column()
    organization_path: Mapped[str | None] = mapped_column(
        binary_string(SEGMENT_LENGTH * MAX_DEPTH), index=True
    )
    changes: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    client_address: Mapped[str | None] = mapped_column(String(64))
    request_id: Mapped[str | None] = mapped_column(String(128))
