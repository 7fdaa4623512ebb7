"""Loading an organization named in the path."""

import uuid
from typing import Annotated

from fastapi import Depends, Path

from grassroots.core.db import SessionDep
from grassroots.organizations import service
from grassroots.organizations.models import Organization


async def _organization(
    session: SessionDep,
    organization_id: Annotated[uuid.UUID, Path(description="The organization's id.")],
) -> Organization:
    return await service.get_organization(session, organization_id)


OrganizationDep = Annotated[Organization, Depends(_organization)]
