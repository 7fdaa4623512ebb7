"""HTTP endpoints of API keys (administrators)."""

import uuid
from typing import Annotated

from fastapi import Depends, status

from grassroots.api_keys import service
from grassroots.api_keys.models import ApiKey
from grassroots.api_keys.schemas import ApiKeyCreate, ApiKeyCreated, ApiKeyRead
from grassroots.core.access import requires
from grassroots.core.caching import no_store
from grassroots.core.db import SessionDep
from grassroots.core.errors import PERMITTED, ValidationFailed, problems
from grassroots.core.pagination import InvalidCursor, Page, PageDep, paginate
from grassroots.core.routing import Router
from grassroots.core.security import Permission, Principal

router = Router(prefix="/api-keys", tags=["api_keys"])

Manager = Annotated[Principal, Depends(requires(Permission.API_KEYS_MANAGE))]


@router.get("", responses=problems(PERMITTED, InvalidCursor, ValidationFailed))
async def list_api_keys(caller: Manager, session: SessionDep, page: PageDep) -> Page[ApiKeyRead]:
    """List the keys on organizations within your scope, oldest first."""
    return await paginate(
        session,
        service.list_keys(caller),
        order_by=(ApiKey.created_at, ApiKey.id),
        params=page,
        to_item=ApiKeyRead.model_validate,
    )


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    responses=problems(
        PERMITTED, ValidationFailed, service.KeyOrganizationNotFound, service.ExpiryPassed
    ),
    dependencies=[Depends(no_store)],
)
async def create_api_key(data: ApiKeyCreate, caller: Manager, session: SessionDep) -> ApiKeyCreated:
    """Create a key; the response holds its secret, which is never shown again.

    `Idempotency-Key` is not honoured here: replaying would mean storing the secret. A retry
    after a lost response creates a second key; revoke the one you did not receive."""
    key, secret = await service.create_key(session, caller, data=data)
    return ApiKeyCreated(**ApiKeyRead.model_validate(key).model_dump(), secret=secret)


@router.delete(
    "/{api_key_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problems(PERMITTED, ValidationFailed, service.ApiKeyNotFound),
)
async def revoke_api_key(api_key_id: uuid.UUID, caller: Manager, session: SessionDep) -> None:
    """Revoke a key: requests with it are refused from now on."""
    key = await service.get_key(session, caller, api_key_id)
    await service.revoke_key(session, key)
