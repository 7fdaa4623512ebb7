"""Reading the audit trail: what a caller may see of it, filtered."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, Select, select

from grassroots.core.audit import AuditEvent
from grassroots.organizations.models import within_any_subtree, within_subtree


@dataclass(frozen=True)
class AuditFilter:
    """Filters of the audit trail."""

    within_path: str | None = None
    actor_id: uuid.UUID | None = None
    entity_type: str | None = None
    entity_id: str | None = None
    since: datetime | None = None
    until: datetime | None = None


def scope_condition(paths: list[str] | None) -> ColumnElement[bool] | None:
    """Audit events under any of these subtree roots (None: everything)."""
    if paths is None:
        return None
    return within_any_subtree(AuditEvent.organization_path, paths)


def list_events(*, filters: AuditFilter, paths: list[str] | None) -> Select[AuditEvent]:
    """Build the query of audit events the caller may read, filtered."""
    statement = select(AuditEvent)
    if (condition := scope_condition(paths)) is not None:
        statement = statement.where(condition)
    if filters.within_path is not None:
        statement = statement.where(
            within_subtree(AuditEvent.organization_path, filters.within_path)
        )
    if filters.actor_id is not None:
        statement = statement.where(AuditEvent.actor_id == filters.actor_id)
    if filters.entity_type is not None:
        statement = statement.where(AuditEvent.entity_type == filters.entity_type)
    if filters.entity_id is not None:
        statement = statement.where(AuditEvent.entity_id == filters.entity_id)
    if filters.since is not None:
        statement = statement.where(AuditEvent.occurred_at >= filters.since)
    if filters.until is not None:
        statement = statement.where(AuditEvent.occurred_at < filters.until)
    return statement
