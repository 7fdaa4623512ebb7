"""Loading an organization named in the path, within the caller's scope."""

import uuid
from typing import Annotated

from fastapi import Depends, Path

from grassroots.core.access import requires
from grassroots.core.db import SessionDep
from grassroots.core.security import Permission, Principal
from grassroots.organizations import service
from grassroots.organizations.models import Organization

OrganizationId = Annotated[uuid.UUID, Path(description="The organization's id.")]
Reader = Annotated[Principal, Depends(requires(Permission.ORGANIZATIONS_READ))]
Writer = Annotated[Principal, Depends(requires(Permission.ORGANIZATIONS_WRITE))]


async def _readable(
    organization_id: OrganizationId, session: SessionDep, caller: Reader
) -> Organization:
    return await service.get_organization(session, caller, organization_id)


async def _writable(
    organization_id: OrganizationId, session: SessionDep, caller: Writer
) -> Organization:
    return await service.get_organization(
        session, caller, organization_id, permission=Permission.ORGANIZATIONS_WRITE
    )


ReadableOrganization = Annotated[Organization, Depends(_readable)]
WritableOrganization = Annotated[Organization, Depends(_writable)]
