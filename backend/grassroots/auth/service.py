"""Logging in and out, refreshing tokens, and turning credentials into a Principal."""

import hmac
import uuid
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.api_keys.models import ApiKey
from grassroots.auth.models import RefreshToken
from grassroots.auth.schemas import TokenPair
from grassroots.auth.throttle import Throttle, login_limits
from grassroots.core import audit
from grassroots.core.db import keep_on_failure, utcnow
from grassroots.core.errors import SessionEnded, TooManyRequests, Unauthorized
from grassroots.core.security import (
    API_KEY_PREFIX,
    Principal,
    ScopeGrant,
    digest,
    encode_access_token,
    new_secret,
    verify_password,
)
from grassroots.organizations.models import Organization
from grassroots.users import service as users_service
from grassroots.users.models import Grant, User


class InvalidCredentials(Unauthorized):
    """The username or password is wrong (the response never says which)."""

    code = "invalid_credentials"


class InvalidRefreshToken(Unauthorized):
    """The refresh token is unknown, expired, spent or revoked."""

    code = "invalid_refresh_token"


class TooManyAttempts(TooManyRequests):
    """Too many failed logins for this account or from this address."""

    code = "too_many_attempts"


@dataclass(frozen=True)
class TokenSettings:
    """Lifetimes and signing key of the tokens this installation issues."""

    key: str
    access_minutes: int
    refresh_days: int


API_KEY_LOOKUP_LENGTH = len(API_KEY_PREFIX) + 8


async def login(
    session: AsyncSession,
    throttle: Throttle,
    tokens: TokenSettings,
    *,
    username: str,
    password: str,
    client_address: str | None,
) -> TokenPair:
    """Check a username and password and issue tokens, counting failures against the account
    from this address, the account, and the client address."""
    limits = login_limits(username, client_address)
    wait = await throttle.blocked_for(session, limits)
    if wait is not None:
        audit.record_on_failure(
            session,
            action="login",
            outcome="throttled",
            entity_type="user",
            actor_label=username[:100],
        )
        raise TooManyAttempts(
            "Too many failed logins; wait before trying again.",
            headers={"Retry-After": str(wait)},
        )
    user = await session.scalar(select(User).where(func.lower(User.username) == username.lower()))
    if not verify_password(password, user.password_hash if user else None) or not (
        user and user.is_active
    ):
        await _count_failure(session, throttle, [key for key, _ in limits], username, user)
        raise InvalidCredentials("The username or password is incorrect.")
    # The owner got in from here; the failures of the account as a whole stay counted, or
    # one success would hand a distributed guesser a fresh allowance.
    account_from_here, _ = limits[0]
    await throttle.clear(session, account_from_here)
    # A plain UPDATE: logging in is not an edit, so the account's version and ETag stay.
    await session.execute(update(User).where(User.id == user.id).values(last_login_at=utcnow()))
    principal = Principal(kind="user", id=user.id, label=user.username)
    audit.record(
        session,
        action="login",
        entity_type="user",
        entity_id=user.id,
        actor=principal,
        organization=await _organization(session, user),
    )
    return await issue_tokens(session, tokens, user_id=user.id, family_id=uuid.uuid4())


async def _count_failure(
    session: AsyncSession, throttle: Throttle, keys: list[str], username: str, user: User | None
) -> None:
    async def count(failed_session: AsyncSession) -> None:
        await throttle.add_failure(failed_session, keys)

    keep_on_failure(session, count)
    audit.record_on_failure(
        session,
        action="login",
        outcome="failure",
        entity_type="user",
        entity_id=user.id if user else None,
        actor_label=username[:100],
        organization=await _organization(session, user) if user else None,
    )


async def _organization(session: AsyncSession, user: User) -> Organization | None:
    if user.organization_id is None:
        return None
    return await session.get(Organization, user.organization_id)


async def issue_tokens(
    session: AsyncSession, tokens: TokenSettings, *, user_id: uuid.UUID, family_id: uuid.UUID
) -> TokenPair:
    """Issue an access token and a new refresh token of a family."""
    refresh_token = new_secret()
    session.add(
        RefreshToken(
            user_id=user_id,
            family_id=family_id,
            token_hash=digest(refresh_token),
            expires_at=utcnow() + timedelta(days=tokens.refresh_days),
        )
    )
    await session.flush()
    access_token = encode_access_token(
        user_id=user_id, session_id=family_id, key=tokens.key, minutes=tokens.access_minutes
    )
    return TokenPair(
        access_token=access_token,
        refresh_token=refresh_token,
        expires_in=tokens.access_minutes * 60,
    )


async def refresh(session: AsyncSession, tokens: TokenSettings, *, refresh_token: str) -> TokenPair:
    """Spend a refresh token for a new pair; a spent token used again revokes its family."""
    stored = await session.scalar(
        select(RefreshToken)
        .where(RefreshToken.token_hash == digest(refresh_token))
        .with_for_update()
    )
    if stored is None or stored.expires_at <= utcnow():
        raise InvalidRefreshToken("This session has expired; log in again.")
    if stored.spent_at is not None or stored.revoked_at is not None:
        _revoke_family_on_failure(session, stored)
        raise InvalidRefreshToken("This session has ended; log in again.")
    user = await session.get(User, stored.user_id)
    if user is None or not user.is_active:
        raise InvalidRefreshToken("This account is disabled.")
    stored.spent_at = utcnow()
    return await issue_tokens(session, tokens, user_id=user.id, family_id=stored.family_id)


def _revoke_family_on_failure(session: AsyncSession, stored: RefreshToken) -> None:
    family_id, user_id = stored.family_id, stored.user_id

    async def revoke(failed_session: AsyncSession) -> None:
        await failed_session.execute(
            update(RefreshToken)
            .where(RefreshToken.family_id == family_id, RefreshToken.revoked_at.is_(None))
            .values(revoked_at=utcnow())
        )

    keep_on_failure(session, revoke)
    audit.record_on_failure(
        session,
        action="refresh_token_reuse",
        outcome="denied",
        entity_type="user",
        entity_id=user_id,
        actor=Principal(kind="user", id=user_id, label=str(user_id)),
    )


async def logout(session: AsyncSession, *, refresh_token: str) -> None:
    """Revoke every refresh token of the user who holds this one."""
    stored = await session.scalar(
        select(RefreshToken).where(RefreshToken.token_hash == digest(refresh_token))
    )
    if stored is None:
        return
    await revoke_refresh_tokens(session, user_id=stored.user_id)
    audit.record(
        session,
        action="logout",
        entity_type="user",
        entity_id=stored.user_id,
        actor=Principal(kind="user", id=stored.user_id, label=str(stored.user_id)),
    )


async def revoke_refresh_tokens(session: AsyncSession, *, user_id: uuid.UUID) -> None:
    """End every session of a user (logout, disabling, a new password)."""
    await session.execute(
        update(RefreshToken)
        .where(RefreshToken.user_id == user_id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )


users_service.end_sessions.register(
    lambda session, user_id: revoke_refresh_tokens(session, user_id=user_id)
)


# Whether the session still lives is asked in the same statement that loads the user.
_SESSION_ALIVE = (
    select(RefreshToken.id)
    .where(
        RefreshToken.family_id == bindparam("session_id"),
        RefreshToken.user_id == bindparam("user_id"),
        RefreshToken.revoked_at.is_(None),
        RefreshToken.expires_at > bindparam("now"),
    )
    .exists()
)
# The account and its grants in one statement: a row per grant, or one without a grant.
# Built once: it runs on every authenticated request, and building it cost more than running it.
_PRINCIPAL_ROWS = (
    select(
        User.username,
        User.is_active,
        User.is_superuser,
        User.member_id,
        _SESSION_ALIVE,
        Grant.organization_id,
        Organization.path,
        Grant.role,
    )
    .select_from(User)
    .outerjoin(Grant, Grant.user_id == User.id)
    .outerjoin(Organization, Organization.id == Grant.organization_id)
    .where(User.id == bindparam("user_id"))
)


async def principal_for_user(
    session: AsyncSession, user_id: uuid.UUID, session_id: uuid.UUID
) -> Principal | None:
    """The principal of an active user, with their grants, or None; raises SessionEnded when
    the session (refresh-token family) the access token belongs to has ended."""
    rows = (
        await session.execute(
            _PRINCIPAL_ROWS, {"user_id": user_id, "session_id": session_id, "now": utcnow()}
        )
    ).all()
    if not rows or not rows[0].is_active:
        return None
    if not rows[0][4]:
        raise SessionEnded("This session has ended; log in again.")
    account = rows[0]
    return Principal(
        kind="user",
        id=user_id,
        label=account.username,
        is_superuser=account.is_superuser,
        grants=tuple(
            ScopeGrant(row.organization_id, row.path, row.role)
            for row in rows
            if row.organization_id is not None
        ),
        member_id=account.member_id,
    )


async def principal_for_api_key(session: AsyncSession, secret: str) -> Principal | None:
    """The principal of a valid, unexpired, unrevoked API key, or None; records its use."""
    key = await session.scalar(
        select(ApiKey).where(ApiKey.prefix == secret[:API_KEY_LOOKUP_LENGTH])
    )
    if key is None or not hmac.compare_digest(key.secret_hash, digest(secret)):
        return None
    now = utcnow()
    if key.revoked_at is not None or (key.expires_at is not None and key.expires_at <= now):
        return None
    organization = await session.get(Organization, key.organization_id)
    if organization is None:
        return None
    key.last_used_at = now
    principal = Principal(
        kind="api_key",
        id=key.id,
        label=key.name,
        grants=(ScopeGrant(organization.id, organization.path, key.role),),
    )
    audit.record(
        session,
        action="api_key_use",
        entity_type="api_key",
        entity_id=key.id,
        actor=principal,
        organization=organization,
    )
    return principal
