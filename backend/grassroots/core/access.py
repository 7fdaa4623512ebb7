"""The one way every route declares who may call it: `requires(permission)`, `authenticated`
or `public`. A test walks the route table and fails on a route that declares none.

Who the caller is, the auth domain answers: it registers `authenticator`, which turns the
bearer credential (an access token or an API key) into a principal or refuses it."""

from collections.abc import Awaitable, Callable
from functools import lru_cache
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.core import audit
from grassroots.core.db import SessionDep
from grassroots.core.errors import Forbidden, Unauthorized
from grassroots.core.hooks import Provider
from grassroots.core.security import Permission, Principal

bearer = OAuth2PasswordBearer(
    tokenUrl="/api/v1/auth/token", auto_error=False, description="An access token, or an API key."
)
authenticator: Provider[[Request, AsyncSession, str], Awaitable[Principal]] = Provider(
    "authenticator"
)


async def _principal(
    request: Request, session: SessionDep, token: Annotated[str | None, Depends(bearer)]
) -> Principal:
    if not token:
        # Not a refusal worth the audit trail: the app asks who is signed in before anyone is.
        raise Unauthorized("Log in or send an API key to use this endpoint.")
    principal = await authenticator(request, session, token)
    audit.set_actor(session, principal)
    # Whatever is keyed by the caller (idempotency keys) finds them here.
    request.state.principal = principal
    return principal


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

CurrentPrincipal = Annotated[Principal, Depends(authenticated)]
