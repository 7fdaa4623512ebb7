"""Bodies of the token endpoints and of `/me`."""

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from grassroots.core.security import Permission, Role
from grassroots.users.schemas import UserRead


class TokenPair(BaseModel):
    """An access token for API calls and a refresh token to get the next pair."""

    access_token: str
    refresh_token: str
    token_type: str = "bearer"  # noqa: S105 (the OAuth2 token type, not a secret)
    expires_in: int = Field(description="Seconds until the access token expires.")


class RefreshRequest(BaseModel):
    """A refresh token to spend (refresh) or revoke (logout)."""

    model_config = ConfigDict(extra="forbid")

    refresh_token: str = Field(min_length=1, max_length=200)


class MyGrant(BaseModel):
    """A grant of the caller, with the organization's name for display."""

    id: uuid.UUID
    user_id: uuid.UUID
    organization_id: uuid.UUID
    organization_name: str
    role: Role
    permissions: list[Permission] = Field(
        description="What the role lets the caller do in this organization and every one below it."
    )
    created_at: datetime


class Me(UserRead):
    """The calling user, every grant they hold, and what they may do."""

    grants: list[MyGrant]
    permissions: list[Permission] = Field(
        description=(
            "Every permission the caller holds somewhere: all of them for a superuser (in every "
            "organization), else those of their grants, each within its grant's subtree."
        )
    )
