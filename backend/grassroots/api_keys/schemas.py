"""Bodies of the API key endpoints."""

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from grassroots.core.security import Role
from grassroots.core.text import NoControlChars, bounded


class ApiKeyCreate(BaseModel):
    """A new key for an integration, acting with a role on an organization's subtree."""

    model_config = ConfigDict(extra="forbid")

    name: Annotated[str, bounded(100, min_length=1), NoControlChars]
    organization_id: uuid.UUID
    role: Role
    expires_at: AwareDatetime | None = None


class ApiKeyRead(BaseModel):
    """An API key as listed: its prefix identifies it, the secret is never shown again."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    prefix: str
    organization_id: uuid.UUID
    organization_name: str
    role: Role
    created_at: datetime
    expires_at: datetime | None
    last_used_at: datetime | None
    revoked_at: datetime | None


class ApiKeyCreated(ApiKeyRead):
    """A new key with its secret, shown this once."""

    secret: str = Field(description="Send as `Authorization: Bearer <secret>`; shown only now.")
