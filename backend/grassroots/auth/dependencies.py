"""The one way every route declares who may call it: `requires(permission)`, `authenticated`
or `public`. A test walks the route table and fails on a route that declares none."""

from collections.abc import Awaitable, Callable
from functools import lru_cache
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer

from grassroots.audit import service as audit
from grassroots.auth import service
from grassroots.auth.throttle import Throttle
from grassroots.core.db import SessionDep
from grassroots.core.errors import Forbidden, SessionEnded, TokenExpired, Unauthorized
from grassroots.core.security import API_KEY_PREFIX, Permission, Principal, TokenError
from grassroots.core.security import decode_access_token as decode

bearer = OAuth2PasswordBearer(
    tokenUrl="/api/v1/auth/token", auto_error=False, description="An access token, or an API key."
)


async def _principal(
    request: Request, session: SessionDep, token: Annotated[str | None, Depends(bearer)]
) -> Principal:
    if not token:
        # Not a refusal worth the audit trail: the app asks who is signed in before anyone is.
        raise Unauthorized("Log in or send an API key to use this endpoint.")
    if token.startswith(API_KEY_PREFIX):
        principal = await service.principal_for_api_key(session, token)
    else:
        try:
            claims = decode(token, key=request.app.state.settings.signing_key)
        except TokenError as exc:
            _refuse(session, "expired token" if exc.expired else "invalid token")
            if exc.expired:
                raise TokenExpired("Your session token has expired; refresh it.") from exc
            raise Unauthorized("The credentials are not valid.") from exc
        try:
            principal = await service.principal_for_user(session, claims.user_id, claims.session_id)
        except SessionEnded:
            _refuse(session, "session ended")
            raise
    if principal is None:
        _refuse(session, "unknown, disabled or revoked credentials")
        raise Unauthorized("The credentials are not valid.")
    audit.set_actor(session, principal)
    # Whatever is keyed by the caller (idempotency keys) finds them here.
    request.state.principal = principal
    return principal


def _refuse(session: SessionDep, reason: str) -> None:
    audit.record_on_failure(
        session,
        action="authenticate",
        outcome="denied",
        entity_type="credentials",
        changes={"reason": reason},
    )


def _mark(dependency: Callable[..., Awaitable[Any]], rule: str) -> None:
    dependency.access_rule = rule  # type: ignore[attr-defined]


@lru_cache
def requires(permission: Permission) -> Callable[..., Awaitable[Principal]]:
    """A dependency admitting callers who hold `permission` on some organization."""

    async def dependency(
        principal: Annotated[Principal, Depends(_principal)], session: SessionDep
    ) -> Principal:
        if not principal.has_any(permission):
            audit.record_refusal(
                session, principal, entity_type="permission", entity_id=permission.value
            )
            raise Forbidden("Your role does not allow this.")
        return principal

    _mark(dependency, permission.value)
    return dependency


async def authenticated(principal: Annotated[Principal, Depends(_principal)]) -> Principal:
    """A dependency admitting any authenticated caller."""
    return principal


async def public() -> None:
    """A dependency admitting anyone: the route needs no credentials."""


_mark(authenticated, "authenticated")
_mark(public, "public")


def _throttle(request: Request) -> Throttle:
    throttle: Throttle = request.app.state.throttle
    return throttle


CurrentPrincipal = Annotated[Principal, Depends(authenticated)]
ThrottleDep = Annotated[Throttle, Depends(_throttle)]
Public = Depends(public)
