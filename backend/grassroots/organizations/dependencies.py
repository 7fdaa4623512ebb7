"""Loading an organization named in the path, within the caller's scope."""

import uuid
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Path
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.core.access import requires
from grassroots.core.db import SessionDep
from grassroots.core.security import Permission, Principal
from grassroots.organizations import service
from grassroots.organizations.models import Organization

OrganizationId = Annotated[uuid.UUID, Path(description="The organization's id.")]
Reader = Annotated[Principal, Depends(requires(Permission.ORGANIZATIONS_READ))]
Writer = Annotated[Principal, Depends(requires(Permission.ORGANIZATIONS_WRITE))]


@dataclass(frozen=True, slots=True)
class Addressed:
    """The organization a route works on, with who asked and the request's session.

    One dependency hands a route all three: FastAPI solves a dependency's whole chain again
    each time a route declares it, before finding it solved, so a route declaring the caller
    and session beside the organization paid for the caller twice (bench/README)."""

    organization: Organization
    caller: Principal
    session: AsyncSession


async def _readable(
    organization_id: OrganizationId, session: SessionDep, caller: Reader
) -> Addressed:
    organization = await service.get_organization(session, caller, organization_id)
    return Addressed(organization, caller, session)


async def _writable(
    organization_id: OrganizationId, session: SessionDep, caller: Writer
) -> Addressed:
    organization = await service.get_organization(
        session, caller, organization_id, permission=Permission.ORGANIZATIONS_WRITE
    )
    return Addressed(organization, caller, session)


ReadableOrganization = Annotated[Addressed, Depends(_readable)]
WritableOrganization = Annotated[Addressed, Depends(_writable)]
