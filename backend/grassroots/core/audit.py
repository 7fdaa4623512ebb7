"""The audit trail's table and the writing of it: automatically for every ORM write of an
audited row, and explicitly for the rest. Every domain writes here; reading the trail is the
audit domain's."""

import enum
import uuid
from collections.abc import Callable, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Protocol

from sqlalchemy import JSON, Index, String, event, inspect
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, Session, UOWTransaction, mapped_column

from grassroots.core.db import Base, binary_string, keep_on_failure, utcnow
from grassroots.core.hooks import Provider
from grassroots.core.logging import request_id_var
from grassroots.core.security import Principal
from grassroots.core.tree import MAX_DEPTH, SEGMENT_LENGTH

ALWAYS_EXCLUDED = frozenset({"id", "version", "created_at", "updated_at", "path", "depth"})


class Placed(Protocol):
    """Where an event happened: an organization, by its id and path in the tree."""

    @property
    def id(self) -> uuid.UUID: ...

    @property
    def path(self) -> str: ...


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


# The organizations domain says which organization an audited row belongs to.
place_of: Provider[[Session, object], Placed | None] = Provider("audit placement")


class AuditRecordsAreFinal(Exception):
    """Audit records cannot be changed or deleted."""


def set_actor(session: AsyncSession, principal: Principal | None) -> None:
    """Name who is acting in this session, for every audit record it writes."""
    session.info["actor"] = principal


def new_event(
    session: AsyncSession | Session,
    *,
    action: str,
    entity_type: str,
    entity_id: object = None,
    outcome: str = "success",
    organization: Placed | None = None,
    changes: dict[str, Any] | None = None,
    actor: Principal | None = None,
    actor_label: str | None = None,
) -> AuditEvent:
    """Build an audit event for the session's actor and request."""
    actor = actor or session.info.get("actor")
    return AuditEvent(
        actor_type=actor.kind if actor else "anonymous",
        actor_id=actor.id if actor else None,
        actor_label=actor.label if actor else actor_label,
        action=action,
        outcome=outcome,
        entity_type=entity_type,
        entity_id=str(entity_id) if entity_id is not None else None,
        organization_id=organization.id if organization else None,
        organization_path=organization.path if organization else None,
        changes=changes,
        client_address=session.info.get("client_address"),
        request_id=request_id_var.get(),
    )


def record(session: AsyncSession, **fields: Any) -> AuditEvent:
    """Add an audit event to the session's transaction."""
    audit_event = new_event(session, **fields)
    session.add(audit_event)
    return audit_event


def record_on_failure(session: AsyncSession, **fields: Any) -> None:
    """Record an audit event that survives the request's rollback (refusals, failed logins)."""
    audit_event = new_event(session, **fields)

    async def add(failed_session: AsyncSession) -> None:
        failed_session.add(audit_event)

    keep_on_failure(session, add)


def record_refusal(
    session: AsyncSession,
    principal: Principal,
    *,
    entity_type: str,
    entity_id: object,
    organization: Placed | None = None,
) -> None:
    """Record that the caller was refused access; it survives the request's rollback."""
    record_on_failure(
        session,
        action="access",
        outcome="denied",
        actor=principal,
        entity_type=entity_type,
        entity_id=entity_id,
        organization=organization,
    )


def _audited(instance: object) -> bool:
    return hasattr(type(instance), "__audit_organization__")


def _json_value(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, uuid.UUID | Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _changes(instance: object, action: str) -> dict[str, Any]:
    model = type(instance)
    excluded = ALWAYS_EXCLUDED | getattr(model, "__audit_exclude__", frozenset())
    masked = _masks(model)
    state = inspect(instance)
    changes: dict[str, Any] = {}
    for attribute in state.mapper.column_attrs:
        name = attribute.key
        if name in excluded:
            continue
        history = state.attrs[name].history
        if action == "update" and not history.has_changes():
            continue
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        if action == "create":
            old, new = None, getattr(instance, name)
        elif action == "delete":
            old, new = getattr(instance, name), None
        if old is None and new is None:
            continue
        changes[name] = _change(masked, name, old, new)
    return changes


def _masks(model: type) -> Mapping[str, Callable[[Any], Any]]:
    # Each model masks its personal fields with the very function its API uses, so that the
    # trail shows no digit a response hides.
    return getattr(model, "__audit_masked__", {})


def _change(
    masked: Mapping[str, Callable[[Any], Any]], name: str, old: Any, new: Any
) -> dict[str, Any]:
    if name in masked:
        old, new = masked[name](old), masked[name](new)
    return {"old": _json_value(old), "new": _json_value(new)}


def record_update(
    session: AsyncSession,
    model: type,
    *,
    entity_id: uuid.UUID,
    organization: Placed | None,
    changes: Mapping[str, tuple[Any, Any]],
) -> None:
    """Record a bulk UPDATE of one row as the ORM's automatic record of it would read."""
    masked = _masks(model)
    session.add(
        new_event(
            session,
            action="update",
            entity_type=_entity_type_of(model),
            entity_id=entity_id,
            organization=organization,
            changes={
                name: _change(masked, name, old, new)
                for name, (old, new) in changes.items()
                if old != new
            },
        )
    )


@event.listens_for(Session, "before_flush")
def _audit_writes(session: Session, _context: UOWTransaction, _instances: object) -> None:
    """Write an audit event for every audited row created, changed or deleted."""
    for instance in [*session.dirty, *session.deleted]:
        if isinstance(instance, AuditEvent):
            raise AuditRecordsAreFinal("audit records cannot be changed or deleted")
    for action, instances in (
        ("create", session.new),
        ("update", session.dirty),
        ("delete", session.deleted),
    ):
        for instance in list(instances):
            if not _audited(instance):
                continue
            changes = _changes(instance, action)
            if action == "update" and not changes:
                continue
            session.add(
                new_event(
                    session,
                    action=action,
                    entity_type=entity_type(instance),
                    entity_id=_ensure_id(instance),
                    organization=place_of(session, instance),
                    changes=changes,
                )
            )


def entity_type(instance: object) -> str:
    """The name an audited row goes by in the audit trail."""
    return _entity_type_of(type(instance))


def _entity_type_of(model: type) -> str:
    return str(getattr(model, "__audit_entity__", None) or model.__tablename__)  # type: ignore[attr-defined]


def _ensure_id(instance: Any) -> uuid.UUID:
    # Column defaults apply at INSERT, after this hook; give new rows their id now.
    if instance.id is None:
        instance.id = uuid.uuid4()
    return uuid.UUID(str(instance.id))
