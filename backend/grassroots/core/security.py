"""Passwords, tokens, roles, and the caller's scope in the organization tree."""

import hashlib
import secrets
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from functools import lru_cache
from importlib import resources
from typing import Any

import jwt
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

from grassroots.core.enums import LabeledEnum

# OWASP's Argon2id baseline: 19 MiB of memory, 2 iterations, 1 lane.
password_hasher = PasswordHash((Argon2Hasher(memory_cost=19456, time_cost=2, parallelism=1),))

MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 256
TOKEN_AUDIENCE = "grassroots-api"  # noqa: S105 (a name, not a secret)
TOKEN_ALGORITHM = "HS256"  # noqa: S105
API_KEY_PREFIX = "grk_"


class Role(LabeledEnum):
    """What a grant lets its holder do within an organization's subtree."""

    ADMIN = "admin", "管理员", "Administrator"
    REVIEWER = "reviewer", "考评员", "Reviewer"
    ORG_STAFF = "org_staff", "党务工作者", "Organization staff"
    MEMBER = "member", "党员", "Member"


class Permission(StrEnum):
    """An action on data within a scope; each route requires exactly one."""

    ORGANIZATIONS_READ = "organizations:read"
    ORGANIZATIONS_WRITE = "organizations:write"
    USERS_MANAGE = "users:manage"
    API_KEYS_MANAGE = "api_keys:manage"
    AUDIT_READ = "audit:read"
    MEMBERS_READ = "members:read"
    MEMBERS_WRITE = "members:write"
    MEMBERS_REVEAL = "members:reveal"
    VOLUNTEER_READ = "volunteer:read"
    VOLUNTEER_MANAGE = "volunteer:manage"
    VOLUNTEER_REVERT = "volunteer:revert"
    GRIDS_READ = "grids:read"
    GRIDS_WRITE = "grids:write"
    # Put someone from outside a grid's subtree on its team (not a 双报到 member there).
    GRIDS_ENLIST = "grids:enlist"
    EVALUATIONS_READ = "evaluations:read"
    EVALUATIONS_MANAGE = "evaluations:manage"
    EVALUATIONS_SELF = "evaluations:self"
    EVALUATIONS_REVIEW = "evaluations:review"


# Integrations act on data; people manage people and keys.
USER_ONLY_PERMISSIONS = frozenset(
    {
        Permission.USERS_MANAGE,
        Permission.API_KEYS_MANAGE,
        Permission.MEMBERS_REVEAL,
        Permission.EVALUATIONS_REVIEW,
    }
)

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.REVIEWER: frozenset(
        {
            Permission.ORGANIZATIONS_READ,
            Permission.MEMBERS_READ,
            Permission.VOLUNTEER_READ,
            Permission.GRIDS_READ,
            Permission.EVALUATIONS_REVIEW,
        }
    ),
    Role.ORG_STAFF: frozenset(
        {
            Permission.ORGANIZATIONS_READ,
            Permission.ORGANIZATIONS_WRITE,
            Permission.MEMBERS_READ,
            Permission.MEMBERS_WRITE,
            Permission.VOLUNTEER_READ,
            Permission.VOLUNTEER_MANAGE,
            Permission.GRIDS_READ,
            Permission.GRIDS_WRITE,
            Permission.EVALUATIONS_READ,
            Permission.EVALUATIONS_SELF,
        }
    ),
    Role.MEMBER: frozenset({Permission.ORGANIZATIONS_READ, Permission.GRIDS_READ}),
}


def role_permissions(role: Role) -> list[Permission]:
    """What a user holding `role` may do in its subtree, in the order `Permission` lists them."""
    return [permission for permission in Permission if permission in ROLE_PERMISSIONS[role]]


@dataclass(frozen=True)
class ScopeGrant:
    """A role held on an organization, with that organization's path in the tree."""

    organization_id: uuid.UUID
    organization_path: str
    role: Role


@dataclass(frozen=True)
class Principal:
    """Who is calling: a user or an API key, with the grants that set their scope."""

    kind: str  # "user" or "api_key"
    id: uuid.UUID
    label: str
    is_superuser: bool = False
    grants: tuple[ScopeGrant, ...] = field(default_factory=tuple)
    member_id: uuid.UUID | None = None

    def paths_for(self, permission: Permission) -> list[str] | None:
        """Subtree roots where `permission` holds; None means everywhere (a superuser)."""
        if self.is_superuser:
            return None
        if self.kind == "api_key" and permission in USER_ONLY_PERMISSIONS:
            return []
        return [g.organization_path for g in self.grants if permission in ROLE_PERMISSIONS[g.role]]

    def can(self, permission: Permission, organization_path: str) -> bool:
        """Whether `permission` holds on the organization at `organization_path`."""
        paths = self.paths_for(permission)
        return paths is None or any(organization_path.startswith(root) for root in paths)

    def has_any(self, permission: Permission) -> bool:
        """Whether `permission` holds anywhere at all."""
        paths = self.paths_for(permission)
        return paths is None or bool(paths)


# The actor of command-line work such as seeding: every permission, recorded as "system".
SYSTEM = Principal(kind="system", id=uuid.UUID(int=0), label="system", is_superuser=True)


@lru_cache
def common_passwords() -> frozenset[str]:
    """Passwords too common to allow (lower-cased)."""
    text = resources.files("grassroots.core.data").joinpath("common-passwords.txt").read_text()
    lines = (line.strip().lower() for line in text.splitlines())
    return frozenset(line for line in lines if line and not line.startswith("#"))


def password_problem(password: str, *, username: str = "") -> str | None:
    """Return why a password is refused (a problem code), or None when it is acceptable."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return "password_too_short"
    if len(password) > MAX_PASSWORD_LENGTH:
        return "password_too_long"
    lowered = password.lower()
    if lowered in common_passwords() or len(set(password)) <= 2:
        return "password_too_common"
    if username and username.lower() in lowered:
        return "password_too_common"
    return None


def hash_password(password: str) -> str:
    """Hash a password with Argon2id."""
    return password_hasher.hash(password)


def verify_password(password: str, password_hash: str | None) -> bool:
    """Check a password against its hash; without a hash, spend the same time and fail."""
    if password_hash is None:
        password_hasher.hash(password)
        return False
    return password_hasher.verify(password, password_hash)


def new_secret(prefix: str = "") -> str:
    """A fresh random secret (256 bits), optionally prefixed."""
    return f"{prefix}{secrets.token_urlsafe(32)}"


def digest(secret: str) -> str:
    """The SHA-256 of a high-entropy secret, as stored in the database."""
    return hashlib.sha256(secret.encode()).hexdigest()


def encode_access_token(
    *, user_id: uuid.UUID, session_id: uuid.UUID, key: str, minutes: int
) -> str:
    """A signed, short-lived access token for a user, valid only while its session lasts
    (`sid`: the refresh-token family it was issued with)."""
    now = datetime.now(UTC)
    claims = {
        "sub": str(user_id),
        "sid": str(session_id),
        "aud": TOKEN_AUDIENCE,
        "typ": "access",
        "iat": now,
        "exp": now + timedelta(minutes=minutes),
        "jti": uuid.uuid4().hex,
    }
    return jwt.encode(claims, key, algorithm=TOKEN_ALGORITHM)


class TokenError(Exception):
    """An access token that is not valid; `expired` tells the client to refresh."""

    def __init__(self, *, expired: bool):
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


@dataclass(frozen=True)
class AccessToken:
    """What a valid access token says: whose it is, and of which session."""

    user_id: uuid.UUID
    session_id: uuid.UUID


def decode_access_token(token: str, *, key: str) -> AccessToken:
    """Return the user and session of a valid access token, or raise TokenError."""
    access, expires_at = _verified_access_token(token, key)
    if expires_at <= time.time():
        raise TokenError(expired=True)
    return access


# Every request of a signed-in caller presents the same token until it expires, and checking
# its signature cost more than loading the caller; a token verified once is remembered (its
# expiry still checked on each use). Refused tokens are not remembered: the cache does not
# cache exceptions.
@lru_cache(maxsize=4096)
def _verified_access_token(token: str, key: str) -> tuple[AccessToken, float]:
    try:
        claims: dict[str, Any] = jwt.decode(
            token,
            key,
            algorithms=[TOKEN_ALGORITHM],
            audience=TOKEN_AUDIENCE,
            options={"require": ["exp", "sub", "sid", "aud", "typ"]},
        )
    except jwt.ExpiredSignatureError as exc:
        raise TokenError(expired=True) from exc
    except jwt.PyJWTError as exc:
        raise TokenError(expired=False) from exc
    if claims.get("typ") != "access":
        raise TokenError(expired=False)
    try:
        access = AccessToken(uuid.UUID(str(claims["sub"])), uuid.UUID(str(claims["sid"])))
        return access, float(claims["exp"])
    except (ValueError, TypeError) as exc:
        raise TokenError(expired=False) from exc
