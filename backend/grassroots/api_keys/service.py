"""Creating, listing and revoking API keys within an administrator's scope."""

import secrets
import string
import uuid

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.api_keys.models import ApiKey
from grassroots.api_keys.schemas import ApiKeyCreate
from grassroots.core import audit
from grassroots.core.db import utcnow
from grassroots.core.errors import InvalidRequest, NotFoundError
from grassroots.core.security import API_KEY_PREFIX, Permission, Principal, digest
from grassroots.organizations import service as org_service
from grassroots.organizations.models import Organization

MANAGE = Permission.API_KEYS_MANAGE
PREFIX_ALPHABET = string.ascii_letters + string.digits


class ApiKeyNotFound(NotFoundError):
    """No API key with this id is visible to the caller."""

    code = "api_key_not_found"


class KeyOrganizationNotFound(InvalidRequest):
    """The organization named for the key does not exist or is outside the caller's scope."""

    code = "organization_not_found"


class ExpiryPassed(InvalidRequest):
    """A new key's `expires_at` is not in the future."""

    code = "api_key_expiry_passed"


def list_keys(principal: Principal) -> Select[ApiKey]:
    """Build the query of keys on organizations within the caller's scope."""
    statement = select(ApiKey)
    if (paths := principal.paths_for(MANAGE)) is not None:
        statement = statement.join(Organization, Organization.id == ApiKey.organization_id).where(
            org_service.in_any_subtree(paths)
        )
    return statement


async def create_key(
    session: AsyncSession, principal: Principal, *, data: ApiKeyCreate
) -> tuple[ApiKey, str]:
    """Create a key and return it with its secret (which is stored only as a hash)."""
    organization = await session.get(Organization, data.organization_id)
    if organization is None or not principal.can(MANAGE, organization.path):
        raise KeyOrganizationNotFound(
            f"Organization {data.organization_id} does not exist or is outside your scope."
        )
    if data.expires_at is not None and data.expires_at <= utcnow():
        raise ExpiryPassed("expires_at must be in the future.")
    prefix = API_KEY_PREFIX + "".join(secrets.choice(PREFIX_ALPHABET) for _ in range(8))
    secret = f"{prefix}_{secrets.token_urlsafe(32)}"
    key = ApiKey(
        name=data.name,
        prefix=prefix,
        secret_hash=digest(secret),
        organization_id=organization.id,
        role=data.role,
        expires_at=data.expires_at,
        created_by_id=principal.id if principal.kind == "user" else None,
    )
    session.add(key)
    await session.flush()
    await session.refresh(key, attribute_names=["organization"])
    return key, secret


async def get_key(session: AsyncSession, principal: Principal, key_id: uuid.UUID) -> ApiKey:
    """Load a key on an organization within the caller's scope."""
    key = await session.get(ApiKey, key_id)
    missing = ApiKeyNotFound(f"API key {key_id} does not exist.")
    if key is None:
        raise missing
    organization = await session.get(Organization, key.organization_id)
    if organization is None or not principal.can(MANAGE, organization.path):
        audit.record_refusal(
            session, principal, entity_type="api_key", entity_id=key_id, organization=organization
        )
        raise missing
    return key


async def revoke_key(session: AsyncSession, key: ApiKey) -> None:
    """Revoke a key for good (revoking twice changes nothing)."""
    if key.revoked_at is None:
        key.revoked_at = utcnow()
        await session.flush()
