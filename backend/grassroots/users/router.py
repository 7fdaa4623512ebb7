"""HTTP endpoints of accounts and their grants (administrators)."""

import uuid
from typing import Annotated

from fastapi import Depends, Path, Query, Request, Response, status

from grassroots.core.access import requires
from grassroots.core.db import SessionDep
from grassroots.core.errors import PERMITTED, ValidationFailed, problems
from grassroots.core.idempotency import IDEMPOTENT, IdempotencyDep
from grassroots.core.pagination import InvalidCursor, Page, PageDep, paginate
from grassroots.core.routing import Router
from grassroots.core.security import Permission, Principal
from grassroots.core.text import NoControlChars, bounded
from grassroots.core.validation import FieldCannotBeCleared
from grassroots.core.versioning import VERSIONED_WRITE, IfMatch, respond_with_etag
from grassroots.organizations import service as org_service
from grassroots.users import service
from grassroots.users.models import User
from grassroots.users.schemas import GrantCreate, GrantRead, UserCreate, UserRead, UserUpdate

router = Router(prefix="/users", tags=["users"])

KNOWN = (PERMITTED, ValidationFailed, service.UserNotFound)
LINKS = (
    service.ReferencedOrganizationNotFound,
    service.LinkedMemberNotFound,
    service.MemberAlreadyLinked,
    service.WEAK_PASSWORDS,
)
Manager = Annotated[Principal, Depends(requires(Permission.USERS_MANAGE))]


async def _user(
    user_id: Annotated[uuid.UUID, Path(description="The user's id.")],
    session: SessionDep,
    caller: Manager,
) -> User:
    return await service.get_user(session, caller, user_id)


UserDep = Annotated[User, Depends(_user)]


def _respond(
    user: User, *, status_code: int = 200, headers: dict[str, str] | None = None
) -> Response:
    return respond_with_etag(
        UserRead.model_validate(user),
        version=user.version,
        status_code=status_code,
        headers=headers,
    )


@router.get(
    "",
    responses=problems(
        PERMITTED, ValidationFailed, InvalidCursor, org_service.OrganizationNotFound
    ),
)
async def list_users(
    caller: Manager,
    session: SessionDep,
    page: PageDep,
    within: Annotated[
        uuid.UUID | None, Query(description="Only users of this organization and those below it.")
    ] = None,
    q: Annotated[
        str | None,
        Query(max_length=100, description="Text in the username or name."),
        NoControlChars,
        bounded(100),
    ] = None,
) -> Page[UserRead]:
    """List the accounts of organizations in your scope, ordered by username."""
    within_path = await org_service.subtree_path(session, caller, within)
    statement = service.list_users(caller, within_path=within_path, q=q)
    return await paginate(
        session,
        statement,
        order_by=(User.username, User.id),
        params=page,
        to_item=UserRead.model_validate,
    )


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    responses=problems(PERMITTED, ValidationFailed, IDEMPOTENT, LINKS, service.UsernameTaken),
    response_model=UserRead,
)
async def create_user(
    request: Request,
    data: UserCreate,
    caller: Manager,
    session: SessionDep,
    idempotency: IdempotencyDep,
) -> Response:
    """Create an account in an organization within your scope."""
    if (replay := await idempotency.replay(data)) is not None:
        return replay
    user = await service.create_user(session, caller, data=data)
    location = request.url_for("get_user", user_id=user.id).path
    return await idempotency.record(_respond(user, status_code=201, headers={"Location": location}))


@router.get("/{user_id}", responses=problems(KNOWN), response_model=UserRead)
async def get_user(user: UserDep) -> Response:
    """Read one account."""
    return _respond(user)


@router.patch(
    "/{user_id}",
    responses=problems(KNOWN, VERSIONED_WRITE, FieldCannotBeCleared, LINKS),
    response_model=UserRead,
)
async def update_user(
    user: UserDep, data: UserUpdate, caller: Manager, session: SessionDep, if_match: IfMatch = None
) -> Response:
    """Change an account; a new password or disabling it ends all of the user's sessions."""
    user = await service.update_user(session, caller, user, data=data, if_match=if_match)
    return _respond(user)


@router.get("/{user_id}/grants", responses=problems(KNOWN))
async def list_grants(user: UserDep, caller: Manager, session: SessionDep) -> Page[GrantRead]:
    """List the user's grants that lie within your scope."""
    grants = await service.list_grants(session, caller, user)
    return Page(items=[GrantRead.model_validate(grant) for grant in grants], next_cursor=None)


@router.post(
    "/{user_id}/grants",
    status_code=status.HTTP_201_CREATED,
    responses=problems(KNOWN, service.ReferencedOrganizationNotFound, service.GrantExists),
)
async def create_grant(
    user: UserDep, data: GrantCreate, caller: Manager, session: SessionDep
) -> GrantRead:
    """Grant the user a role on an organization (and its subtree) within your scope."""
    grant = await service.create_grant(session, caller, user, data=data)
    return GrantRead.model_validate(grant)


@router.delete(
    "/{user_id}/grants/{grant_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problems(KNOWN, service.GrantNotFound),
)
async def delete_grant(
    user: UserDep, grant_id: uuid.UUID, caller: Manager, session: SessionDep
) -> None:
    """Withdraw a grant; it takes effect on the user's next request."""
    await service.delete_grant(session, caller, user, grant_id)
