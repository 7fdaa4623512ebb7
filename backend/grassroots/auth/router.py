"""Token endpoints and `/me`."""

from typing import Annotated

from fastapi import Depends, Form, Request, status
from sqlalchemy import select

from grassroots.auth import service
from grassroots.auth.dependencies import ThrottleDep
from grassroots.auth.schemas import Me, MyGrant, RefreshRequest, TokenPair
from grassroots.core.access import CurrentPrincipal, public
from grassroots.core.caching import no_store
from grassroots.core.db import SessionDep
from grassroots.core.errors import SIGNED_IN, Forbidden, ValidationFailed, problems
from grassroots.core.routing import Router
from grassroots.core.security import Permission, role_permissions
from grassroots.organizations.models import Organization
from grassroots.users.models import Grant, User
from grassroots.users.schemas import UserRead

router = Router(tags=["auth"])


async def _token_settings(request: Request) -> service.TokenSettings:
    settings = request.app.state.settings
    return service.TokenSettings(
        key=settings.signing_key,
        access_minutes=settings.access_token_minutes,
        refresh_days=settings.refresh_token_days,
    )


TokenSettingsDep = Annotated[service.TokenSettings, Depends(_token_settings)]


@router.post(
    "/auth/token",
    responses=problems(ValidationFailed, service.InvalidCredentials, service.TooManyAttempts),
    dependencies=[Depends(public), Depends(no_store)],
)
async def issue_token(
    request: Request,
    session: SessionDep,
    throttle: ThrottleDep,
    tokens: TokenSettingsDep,
    username: Annotated[str, Form(min_length=1, max_length=64)],
    password: Annotated[str, Form(min_length=1, max_length=256)],
) -> TokenPair:
    """Log in with a username and password (OAuth2 password flow); failures are throttled."""
    client_address = request.client.host if request.client else None
    return await service.login(
        session,
        throttle,
        tokens,
        username=username,
        password=password,
        client_address=client_address,
    )


@router.post(
    "/auth/refresh",
    responses=problems(ValidationFailed, service.InvalidRefreshToken),
    dependencies=[Depends(public), Depends(no_store)],
)
async def refresh_token(
    data: RefreshRequest, session: SessionDep, tokens: TokenSettingsDep
) -> TokenPair:
    """Spend a refresh token for a new pair; store the new refresh token, the old one is spent."""
    return await service.refresh(session, tokens, refresh_token=data.refresh_token)


@router.post(
    "/auth/logout",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problems(ValidationFailed),
    dependencies=[Depends(public)],
)
async def logout(data: RefreshRequest, session: SessionDep) -> None:
    """End the session of this refresh token, and every other session of its user."""
    await service.logout(session, refresh_token=data.refresh_token)


@router.get("/me", responses=problems(SIGNED_IN, Forbidden))
async def get_me(caller: CurrentPrincipal, session: SessionDep) -> Me:
    """The calling user, their grants, and what each grant lets them do in its subtree."""
    if caller.kind != "user":
        raise Forbidden("API keys have no user profile.")
    user = await session.get(User, caller.id)
    rows = await session.execute(
        select(Grant, Organization.name)
        .join(Organization, Organization.id == Grant.organization_id)
        .where(Grant.user_id == caller.id)
        .order_by(Grant.created_at, Grant.id)
    )
    grants = [
        MyGrant(
            id=grant.id,
            user_id=grant.user_id,
            organization_id=grant.organization_id,
            organization_name=name,
            role=grant.role,
            permissions=role_permissions(grant.role),
            created_at=grant.created_at,
        )
        for grant, name in rows
    ]
    held = {permission for grant in grants for permission in grant.permissions}
    permissions = [p for p in Permission if caller.is_superuser or p in held]
    return Me(**UserRead.model_validate(user).model_dump(), grants=grants, permissions=permissions)
