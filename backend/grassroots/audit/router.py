"""The audit trail, read-only (administrators)."""

import uuid
from datetime import datetime
from typing import Annotated, Any

from fastapi import Depends, Query
from pydantic import AwareDatetime, BaseModel, ConfigDict

from grassroots.audit import service
from grassroots.core.access import requires
from grassroots.core.audit import AuditEvent
from grassroots.core.db import SessionDep
from grassroots.core.errors import PERMITTED, ValidationFailed, problems
from grassroots.core.pagination import InvalidCursor, Page, PageDep, paginate
from grassroots.core.routing import Router
from grassroots.core.security import Permission, Principal
from grassroots.organizations import service as org_service

router = Router(prefix="/audit-events", tags=["audit"])

Auditor = Annotated[Principal, Depends(requires(Permission.AUDIT_READ))]


class AuditEventRead(BaseModel):
    """One event of the audit trail; personal data in `changes` is masked."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    occurred_at: datetime
    actor_type: str
    actor_id: uuid.UUID | None
    actor_label: str | None
    action: str
    outcome: str
    entity_type: str
    entity_id: str | None
    organization_id: uuid.UUID | None
    changes: dict[str, Any] | None
    client_address: str | None
    request_id: str | None


@router.get(
    "",
    responses=problems(
        PERMITTED, ValidationFailed, InvalidCursor, org_service.OrganizationNotFound
    ),
)
async def list_audit_events(
    caller: Auditor,
    session: SessionDep,
    page: PageDep,
    within: Annotated[
        uuid.UUID | None,
        Query(description="Only events about this organization and those below it."),
    ] = None,
    actor_id: uuid.UUID | None = None,
    entity_type: Annotated[str | None, Query(max_length=64)] = None,
    entity_id: Annotated[str | None, Query(max_length=64)] = None,
    since: Annotated[AwareDatetime | None, Query(description="From this instant on.")] = None,
    until: Annotated[AwareDatetime | None, Query(description="Before this instant.")] = None,
) -> Page[AuditEventRead]:
    """List audit events about organizations in your scope, newest first."""
    within_path = await org_service.subtree_path(session, caller, within)
    filters = service.AuditFilter(
        within_path=within_path,
        actor_id=actor_id,
        entity_type=entity_type,
        entity_id=entity_id,
        since=since,
        until=until,
    )
    statement = service.list_events(filters=filters, paths=caller.paths_for(Permission.AUDIT_READ))
    return await paginate(
        session,
        statement,
        order_by=(AuditEvent.occurred_at, AuditEvent.id),
        params=page,
        to_item=AuditEventRead.model_validate,
        descending=True,
    )
