"""Request and response bodies of users and grants."""

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from grassroots.core.phone import Phone
from grassroots.core.security import MAX_PASSWORD_LENGTH, Role
from grassroots.core.text import NoControlChars, bounded

Username = Annotated[
    str,
    Field(
        pattern=r"^[A-Za-z0-9][A-Za-z0-9_.@-]{2,63}$",
        description="3 to 64 letters, digits, or _ . @ -",
    ),
]
DisplayName = Annotated[str, bounded(100, min_length=1), NoControlChars]
Password = Annotated[
    str,
    Field(
        min_length=1,
        max_length=MAX_PASSWORD_LENGTH,
        description="At least 8 characters; common passwords are refused.",
    ),
]


class UserCreate(BaseModel):
    """A new account, belonging to an organization within the caller's scope."""

    model_config = ConfigDict(extra="forbid")

    username: Username
    display_name: DisplayName
    password: Password
    phone: Phone | None = None
    organization_id: uuid.UUID
    is_active: bool = True
    member_id: uuid.UUID | None = Field(
        default=None, description="The member this account belongs to (for the member role)."
    )


class UserUpdate(BaseModel):
    """Fields of an account to change; a new password ends the user's sessions."""

    model_config = ConfigDict(extra="forbid")

    display_name: DisplayName | None = None
    password: Password | None = None
    phone: Phone | None = None
    organization_id: uuid.UUID | None = None
    is_active: bool | None = None
    member_id: uuid.UUID | None = None


class UserRead(BaseModel):
    """An account as the API shows it (never its password or hash)."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    username: str
    display_name: str
    phone: str | None
    is_active: bool
    is_superuser: bool
    organization_id: uuid.UUID | None
    member_id: uuid.UUID | None
    last_login_at: datetime | None
    version: int
    created_at: datetime
    updated_at: datetime


class GrantCreate(BaseModel):
    """A role to grant on an organization (and its whole subtree)."""

    model_config = ConfigDict(extra="forbid")

    organization_id: uuid.UUID
    role: Role


class GrantRead(BaseModel):
    """A role a user holds on an organization."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    user_id: uuid.UUID
    organization_id: uuid.UUID
    organization_name: str
    role: Role
    created_at: datetime
