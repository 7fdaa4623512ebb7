"""HTTP endpoints of volunteer activities and their sign-ups."""

import uuid

from fastapi import Response, status
from pydantic import AwareDatetime

from grassroots.core.access import CurrentPrincipal
from grassroots.core.db import SessionDep
from grassroots.core.errors import PERMITTED, SIGNED_IN, ValidationFailed, problems
from grassroots.core.idempotency import IDEMPOTENT, IdempotencyDep
from grassroots.core.pagination import InvalidCursor, Page, PageDep, paginate
from grassroots.core.routing import Router
from grassroots.core.security import Principal
from grassroots.core.versioning import VERSIONED_WRITE, IfMatch, respond_with_etag
from grassroots.organizations import service as org_service
from grassroots.volunteering import activities
from grassroots.volunteering import exceptions as refused
from grassroots.volunteering.dependencies import (
    ManagedActivity,
    Manager,
    ReadableActivity,
    Within,
)
from grassroots.volunteering.models import ActivitySignup, VolunteerActivity
from grassroots.volunteering.schemas import (
    ActivityCreate,
    ActivityFields,
    ActivityRead,
    SignupCreate,
    SignupRead,
)

READABLE = (SIGNED_IN, ValidationFailed, refused.ActivityNotFound)
MANAGED = (PERMITTED, ValidationFailed, refused.ActivityNotFound)
router = Router(prefix="/volunteer-activities", tags=["volunteer_activities"])


async def _present_activities(
    session: SessionDep, caller: Principal, found: list[VolunteerActivity]
) -> list[ActivityRead]:
    joined = await activities.activities_joined(session, caller, [a.id for a in found])
    bodies = []
    for activity in found:
        body = ActivityRead.model_validate(activity)
        body.signed_up_by_me = activity.id in joined
        bodies.append(body)
    return bodies


async def _activity_response(
    session: SessionDep, caller: Principal, activity: VolunteerActivity, *, status_code: int = 200
) -> Response:
    [body] = await _present_activities(session, caller, [activity])
    return respond_with_etag(body, version=activity.version, status_code=status_code)


@router.get(
    "",
    responses=problems(
        SIGNED_IN, ValidationFailed, InvalidCursor, org_service.OrganizationNotFound
    ),
)
async def list_activities(
    caller: CurrentPrincipal,
    session: SessionDep,
    page: PageDep,
    within: Within = None,
    starts_from: AwareDatetime | None = None,
) -> Page[ActivityRead]:
    """Activities in your scope, and those your member may join, by start time."""
    statement = await activities.list_activities(
        session,
        caller,
        within_path=await org_service.subtree_path(session, caller, within),
        starts_from=starts_from,
    )
    found = await paginate(
        session,
        statement,
        order_by=(VolunteerActivity.starts_at, VolunteerActivity.id),
        params=page,
        to_item=lambda activity: activity,
    )
    items = await _present_activities(session, caller, found.items)
    return Page(items=items, next_cursor=found.next_cursor, total=found.total)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    responses=problems(
        PERMITTED,
        ValidationFailed,
        IDEMPOTENT,
        refused.OrganizationOutOfReach,
        refused.GridOutOfReach,
    ),
    response_model=ActivityRead,
)
async def create_activity(
    data: ActivityCreate, caller: Manager, session: SessionDep, idempotency: IdempotencyDep
) -> Response:
    """Organize an activity for an organization in your scope."""
    if (replay := await idempotency.replay(data)) is not None:
        return replay
    activity = await activities.create_activity(session, caller, data=data)
    return await idempotency.record(
        await _activity_response(session, caller, activity, status_code=201)
    )


@router.get("/{activity_id}", responses=problems(READABLE), response_model=ActivityRead)
async def get_activity(
    activity: ReadableActivity, caller: CurrentPrincipal, session: SessionDep
) -> Response:
    """One activity, with the places taken and whether your member holds one."""
    return await _activity_response(session, caller, activity)


@router.put(
    "/{activity_id}",
    responses=problems(
        MANAGED, VERSIONED_WRITE, refused.CapacityBelowSignups, refused.GridOutOfReach
    ),
    response_model=ActivityRead,
)
async def replace_activity(
    activity: ManagedActivity,
    data: ActivityFields,
    caller: Manager,
    session: SessionDep,
    if_match: IfMatch = None,
) -> Response:
    """Replace an activity's details (not its organizer); capacity never below the places
    taken."""
    activity = await activities.update_activity(session, activity, data=data, if_match=if_match)
    return await _activity_response(session, caller, activity)


@router.delete(
    "/{activity_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problems(MANAGED, VERSIONED_WRITE),
)
async def delete_activity(
    activity: ManagedActivity, session: SessionDep, if_match: IfMatch = None
) -> None:
    """Cancel an activity; records logged for it keep their hours."""
    await activities.delete_activity(session, activity, if_match=if_match)


@router.get("/{activity_id}/signups", responses=problems(MANAGED, InvalidCursor))
async def list_signups(
    activity: ManagedActivity, session: SessionDep, page: PageDep
) -> Page[SignupRead]:
    """Who has a place (for the organizer's staff)."""
    return await paginate(
        session,
        activities.list_signups(activity),
        order_by=(ActivitySignup.created_at, ActivitySignup.id),
        params=page,
        to_item=SignupRead.model_validate,
    )


@router.post(
    "/{activity_id}/signups",
    status_code=status.HTTP_201_CREATED,
    responses=problems(
        READABLE, refused.MEMBER_REFUSALS, refused.ActivityFull, refused.AlreadySignedUp
    ),
)
async def sign_up(
    activity: ReadableActivity, data: SignupCreate, caller: CurrentPrincipal, session: SessionDep
) -> SignupRead:
    """Take a place: for yourself, or (staff) for a member. 409 when the places are gone."""
    signup = await activities.sign_up(session, caller, activity, member_id=data.member_id)
    return SignupRead.model_validate(signup)


@router.delete(
    "/{activity_id}/signups/{member_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problems(READABLE, refused.MEMBER_REFUSALS, refused.SignupNotFound),
)
async def cancel_signup(
    activity: ReadableActivity, member_id: uuid.UUID, caller: CurrentPrincipal, session: SessionDep
) -> None:
    """Give a place back."""
    await activities.cancel_signup(session, caller, activity, member_id=member_id)
