"""Who the caller is, from the bearer credential (an access token or an API key), for
`core.access`; and the throttle of the login routes."""

from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.auth import service
from grassroots.auth.principals import PrincipalCache
from grassroots.auth.throttle import Throttle
from grassroots.core import access, audit
from grassroots.core.errors import SessionEnded, TokenExpired, Unauthorized
from grassroots.core.security import API_KEY_PREFIX, AccessToken, Principal, TokenError
from grassroots.core.security import decode_access_token as decode


async def authenticate(request: Request, session: AsyncSession, token: str) -> Principal:
    """The principal a bearer credential stands for; refused (and audited) if none."""
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
            principal = await _principal_for_user(request, session, claims)
        except SessionEnded:
            _refuse(session, "session ended")
            raise
    if principal is None:
        _refuse(session, "unknown, disabled or revoked credentials")
        raise Unauthorized("The credentials are not valid.")
    return principal


async def _principal_for_user(
    request: Request, session: AsyncSession, claims: AccessToken
) -> Principal | None:
    """The caller of an access token: remembered (see `principals`), or loaded."""
    cache: PrincipalCache = request.app.state.principals
    key = (claims.user_id, claims.session_id)
    principal = cache.get(key)
    if principal is None:
        generation = cache.generation
        principal = await service.principal_for_user(session, *key)
        if principal is not None:
            cache.put(key, principal, generation)
    return principal


def _refuse(session: AsyncSession, reason: str) -> None:
    audit.record_on_failure(
        session,
        action="authenticate",
        outcome="denied",
        entity_type="credentials",
        changes={"reason": reason},
    )


async def _throttle(request: Request) -> Throttle:
    # A coroutine: FastAPI runs a plain function dependency in a thread, a hop per request.
    throttle: Throttle = request.app.state.throttle
    return throttle


access.authenticator.register(authenticate)
ThrottleDep = Annotated[Throttle, Depends(_throttle)]
