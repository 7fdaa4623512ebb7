"""Who may do what to which object: every route that takes an id, for every role, on an
object in scope and one out of scope (OWASP API1/API3/API5)."""

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.core.security import SYSTEM, Role
from grassroots.evaluations import templates as template_service
from grassroots.evaluations.enums import EvaluationState
from grassroots.evaluations.models import Evaluation, EvaluationReview
from grassroots.evaluations.schemas import TemplateCreate
from grassroots.jobs.models import Job
from grassroots.organizations.enums import Tier
from grassroots.users.models import Grant, User
from grassroots.volunteering import activities as volunteer_activities
from grassroots.volunteering.models import VolunteerRecord
from tests.builders import (
    PNG,
    make_activity,
    make_grid,
    make_member,
    make_organization,
    make_photo,
    make_pledge,
    make_record,
    make_team,
    make_unit,
)
from tests.evaluations.builders import make_cycle
from tests.routes import access_rules, api_routes
from tests.world import ROLES, World, build_world

Target = Callable[[AsyncSession, World, bool], Awaitable[dict[str, Any]]]


async def village(_session: AsyncSession, world: World, in_scope: bool) -> dict[str, Any]:
    return {"organization_id": (world.village_a if in_scope else world.village_b).id}


async def fresh_leaf(session: AsyncSession, world: World, in_scope: bool) -> dict[str, Any]:
    parent = world.village_a if in_scope else world.village_b
    leaf = await make_organization(session, parent=parent)
    return {"organization_id": leaf.id}


async def user(_session: AsyncSession, world: World, in_scope: bool) -> dict[str, Any]:
    return {"user_id": (world.user_a if in_scope else world.user_b).id}


async def user_grant(session: AsyncSession, world: World, in_scope: bool) -> dict[str, Any]:
    holder = world.user_a if in_scope else world.user_b
    grant = Grant(user_id=holder.id, organization_id=holder.organization_id, role=Role.REVIEWER)
    session.add(grant)
    await session.commit()
    return {"user_id": holder.id, "grant_id": grant.id}


async def member(_session: AsyncSession, world: World, in_scope: bool) -> dict[str, Any]:
    return {"member_id": (world.member_a if in_scope else world.member_b).id}


async def fresh_member(session: AsyncSession, world: World, in_scope: bool) -> dict[str, Any]:
    organization = world.village_a if in_scope else world.village_b
    return {"member_id": (await make_member(session, organization=organization)).id}


def _transfer_body(world: World, in_scope: bool) -> dict[str, Any]:
    return {"organization_id": str((world.town_a if in_scope else world.town_b).id)}


async def activity(session: AsyncSession, world: World, in_scope: bool) -> dict[str, Any]:
    organization = world.village_a if in_scope else world.village_b
    return {"activity_id": (await make_activity(session, organization=organization)).id}


async def signup(session: AsyncSession, world: World, in_scope: bool) -> dict[str, Any]:
    organization = world.village_a if in_scope else world.village_b
    member = world.member_a if in_scope else world.member_b
    held = await make_activity(session, organization=organization)
    await volunteer_activities.sign_up(session, SYSTEM, held, member_id=member.id)
    await session.commit()
    return {"activity_id": held.id, "member_id": member.id}


def _signup_body(world: World, in_scope: bool) -> dict[str, Any]:
    return {"member_id": str((world.member_a if in_scope else world.member_b).id)}


def _activity_body(world: World, in_scope: bool) -> dict[str, Any]:
    return {
        "kind": "cultural_activity",
        "title": "广场舞展演",
        "starts_at": "2030-05-01T09:00:00+08:00",
        "ends_at": "2030-05-01T11:00:00+08:00",
    }


async def record(session: AsyncSession, world: World, in_scope: bool) -> dict[str, Any]:
    member = world.member_a if in_scope else world.member_b
    return {"record_id": (await make_record(session, member=member, hours="0.5")).id}


async def verified_record(session: AsyncSession, world: World, in_scope: bool) -> dict[str, Any]:
    member = world.member_a if in_scope else world.member_b
    made = await make_record(session, member=member, hours="0.5", verified=True)
    return {"record_id": made.id}


async def pledge(session: AsyncSession, world: World, in_scope: bool) -> dict[str, Any]:
    member = world.member_a if in_scope else world.member_b
    return {"pledge_id": (await make_pledge(session, member=member)).id}


async def someone_elses_job(session: AsyncSession, world: World, in_scope: bool) -> dict[str, Any]:
    """A job is its creator's alone: nobody else, in scope or not, can read it."""
    owner = world.user_a if in_scope else world.user_b
    job = Job(kind="import_members", created_by_id=owner.id, errors=[])
    session.add(job)
    await session.commit()
    return {"job_id": job.id}


async def photo(session: AsyncSession, world: World, in_scope: bool) -> dict[str, Any]:
    params = await record(session, world, in_scope)
    held = await session.get(VolunteerRecord, params["record_id"])
    assert held is not None
    made = await make_photo(session, record=held)
    return {**params, "photo_id": made.id}


async def api_key(_session: AsyncSession, world: World, in_scope: bool) -> dict[str, Any]:
    return {"api_key_id": (world.key_a if in_scope else world.key_b).id}


async def grid(session: AsyncSession, world: World, in_scope: bool) -> dict[str, Any]:
    organization = world.village_a if in_scope else world.village_b
    return {"grid_id": (await make_grid(session, organization=organization)).id}


async def team(session: AsyncSession, world: World, in_scope: bool) -> dict[str, Any]:
    organization = world.village_a if in_scope else world.village_b
    held = await make_grid(session, organization=organization)
    return {"team_id": (await make_team(session, grid=held, active=False)).id}


async def unit(session: AsyncSession, world: World, in_scope: bool) -> dict[str, Any]:
    organization = world.village_a if in_scope else world.village_b
    return {"unit_id": (await make_unit(session, organization=organization)).id}


async def template(session: AsyncSession, world: World, in_scope: bool) -> dict[str, Any]:
    town = world.town_a if in_scope else world.town_b
    copy = await template_service.create_template(
        session,
        SYSTEM,
        data=TemplateCreate(
            organization_id=town.id, copy_of=template_service.builtin_id("organization:rural")
        ),
    )
    await session.commit()
    return {"template_id": copy.id}


async def cycle(session: AsyncSession, world: World, in_scope: bool) -> dict[str, Any]:
    town = world.town_a if in_scope else world.town_b
    return {"cycle_id": (await make_cycle(session, organization=town)).id}


async def evaluation(session: AsyncSession, world: World, in_scope: bool) -> dict[str, Any]:
    """An evaluation of a village in a launched cycle run by its town; the reviewer caller is
    assigned to town A's cycle only."""
    town = world.town_a if in_scope else world.town_b
    reviewer = await session.scalar(select(User).where(User.username == "caller-reviewer"))
    assert reviewer is not None
    assigned = [{"user_id": reviewer.id}] if in_scope else []
    held = await make_cycle(session, organization=town, launch=True, reviewers=assigned)
    found = await session.scalar(select(Evaluation).where(Evaluation.cycle_id == held.id))
    assert found is not None
    return {"cycle_id": held.id, "evaluation_id": found.id}


async def reviewed_evaluation(
    session: AsyncSession, world: World, in_scope: bool
) -> dict[str, Any]:
    """An evaluation in organizational review; in scope, the reviewer caller has a draft."""
    params = await evaluation(session, world, in_scope)
    found = await session.get(Evaluation, params["evaluation_id"])
    assert found is not None
    found.state = EvaluationState.ORGANIZATIONAL_REVIEW
    if in_scope:
        reviewer = await session.scalar(select(User).where(User.username == "caller-reviewer"))
        assert reviewer is not None
        session.add(
            EvaluationReview(
                evaluation_id=found.id,
                organization_id=found.organization_id,
                reviewer_id=reviewer.id,
                scores={},
            )
        )
    await session.commit()
    return params


async def rating_token(session: AsyncSession, world: World, in_scope: bool) -> dict[str, Any]:
    """The public token of an evaluation (still in self-assessment): no scope applies."""
    params = await evaluation(session, world, in_scope)
    found = await session.get(Evaluation, params["evaluation_id"])
    assert found is not None
    return {"token": found.public_token}


def _rating_body(world: World, in_scope: bool) -> dict[str, Any]:
    return {
        "answers": {"Q1": 5, "Q2": 5, "Q3": 5},
        "rater_group": "resident",
        "invitation_code": "ABCDE-FGHJK",
    }


def _cycle_put_body(world: World, in_scope: bool) -> dict[str, Any]:
    window = {"opens_at": "2026-01-01T00:00:00Z", "closes_at": "2099-01-01T00:00:00Z"}
    return {
        "name": "年度考核",
        "year": 2026,
        "windows": {
            k: window for k in ("self_assessment", "public_rating", "organizational_review")
        },
    }


def _target_body(world: World, in_scope: bool) -> dict[str, Any]:
    village = world.village_a if in_scope else world.village_b
    return {"organization_id": str(village.id), "reason": "补充考核对象"}


def _move_body(world: World, in_scope: bool) -> dict[str, Any]:
    return {"parent_id": str((world.town_a if in_scope else world.town_b).id)}


def _grant_body(world: World, in_scope: bool) -> dict[str, Any]:
    return {"organization_id": str(world.village_a.id), "role": "reviewer"}


@dataclass(frozen=True)
class Case:
    """A route, how to make its target, and the statuses each role gets in and out of scope."""

    method: str
    path: str
    target: Target
    in_scope: dict[str, int]
    out_of_scope: dict[str, int]
    body: Callable[[World, bool], dict[str, Any]] | None = None
    files: dict[str, Any] | None = None


def statuses(admin: int, reviewer: int, staff: int, member: int, key: int) -> dict[str, int]:
    return dict(zip(ROLES, (admin, reviewer, staff, member, key), strict=True))


READ_IN, READ_OUT = statuses(200, 200, 200, 200, 200), statuses(404, 404, 404, 404, 404)
WRITE_IN, DELETE_IN = statuses(200, 403, 200, 403, 200), statuses(204, 403, 204, 403, 204)
WRITE_OUT = statuses(404, 403, 404, 403, 404)
ADMIN_ONLY_OUT = statuses(404, 403, 403, 403, 403)

CASES = [
    Case("GET", "/api/v1/organizations/{organization_id}", village, READ_IN, READ_OUT),
    Case(
        "PATCH",
        "/api/v1/organizations/{organization_id}",
        village,
        statuses(200, 403, 200, 403, 200),
        WRITE_OUT,
        lambda w, i: {"description": "已核实"},
    ),
    Case(
        "DELETE",
        "/api/v1/organizations/{organization_id}",
        fresh_leaf,
        statuses(204, 403, 204, 403, 204),
        WRITE_OUT,
    ),
    Case(
        "POST",
        "/api/v1/organizations/{organization_id}/move",
        fresh_leaf,
        statuses(200, 403, 200, 403, 200),
        WRITE_OUT,
        _move_body,
    ),
    Case("GET", "/api/v1/organizations/{organization_id}/children", village, READ_IN, READ_OUT),
    Case("GET", "/api/v1/organizations/{organization_id}/ancestors", village, READ_IN, READ_OUT),
    Case("GET", "/api/v1/organizations/{organization_id}/stats", village, READ_IN, READ_OUT),
    Case("GET", "/api/v1/users/{user_id}", user, statuses(200, 403, 403, 403, 403), ADMIN_ONLY_OUT),
    Case(
        "PATCH",
        "/api/v1/users/{user_id}",
        user,
        statuses(200, 403, 403, 403, 403),
        ADMIN_ONLY_OUT,
        lambda w, i: {"display_name": "改名"},
    ),
    Case(
        "GET",
        "/api/v1/users/{user_id}/grants",
        user,
        statuses(200, 403, 403, 403, 403),
        ADMIN_ONLY_OUT,
    ),
    Case(
        "POST",
        "/api/v1/users/{user_id}/grants",
        user,
        statuses(201, 403, 403, 403, 403),
        ADMIN_ONLY_OUT,
        _grant_body,
    ),
    Case(
        "DELETE",
        "/api/v1/users/{user_id}/grants/{grant_id}",
        user_grant,
        statuses(204, 403, 403, 403, 403),
        ADMIN_ONLY_OUT,
    ),
    Case(
        "DELETE",
        "/api/v1/api-keys/{api_key_id}",
        api_key,
        statuses(204, 403, 403, 403, 403),
        ADMIN_ONLY_OUT,
    ),
    Case("GET", "/api/v1/members/{member_id}", member, statuses(200, 200, 200, 404, 200), READ_OUT),
    Case(
        "PATCH",
        "/api/v1/members/{member_id}",
        member,
        statuses(200, 403, 200, 403, 200),
        WRITE_OUT,
        lambda w, i: {"ethnicity": "汉族"},
    ),
    Case(
        "DELETE",
        "/api/v1/members/{member_id}",
        fresh_member,
        statuses(204, 403, 204, 403, 204),
        WRITE_OUT,
    ),
    Case(
        "POST",
        "/api/v1/members/{member_id}/transfer",
        fresh_member,
        statuses(201, 403, 201, 403, 201),
        WRITE_OUT,
        _transfer_body,
    ),
    Case(
        "GET",
        "/api/v1/members/{member_id}/transfers",
        member,
        statuses(200, 200, 200, 404, 200),
        READ_OUT,
    ),
    Case(
        "GET",
        "/api/v1/volunteer-activities/{activity_id}",
        activity,
        statuses(200, 200, 200, 404, 200),
        READ_OUT,
    ),
    Case(
        "PUT",
        "/api/v1/volunteer-activities/{activity_id}",
        activity,
        statuses(200, 403, 200, 403, 200),
        WRITE_OUT,
        _activity_body,
    ),
    Case(
        "DELETE",
        "/api/v1/volunteer-activities/{activity_id}",
        activity,
        statuses(204, 403, 204, 403, 204),
        WRITE_OUT,
    ),
    Case(
        "GET",
        "/api/v1/volunteer-activities/{activity_id}/signups",
        activity,
        statuses(200, 403, 200, 403, 200),
        WRITE_OUT,
    ),
    Case(
        "POST",
        "/api/v1/volunteer-activities/{activity_id}/signups",
        activity,
        statuses(201, 422, 201, 404, 201),
        READ_OUT,
        _signup_body,
    ),
    Case(
        "DELETE",
        "/api/v1/volunteer-activities/{activity_id}/signups/{member_id}",
        signup,
        statuses(204, 422, 204, 404, 204),
        READ_OUT,
    ),
    Case(
        "GET",
        "/api/v1/volunteer-records/{record_id}",
        record,
        statuses(200, 200, 200, 404, 200),
        READ_OUT,
    ),
    Case(
        "POST",
        "/api/v1/volunteer-records/{record_id}/verify",
        record,
        statuses(200, 403, 200, 403, 200),
        WRITE_OUT,
    ),
    Case(
        "POST",
        "/api/v1/volunteer-records/{record_id}/reject",
        record,
        statuses(200, 403, 200, 403, 200),
        WRITE_OUT,
        lambda w, i: {"reason": "时长有误"},
    ),
    Case(
        "POST",
        "/api/v1/volunteer-records/{record_id}/revert",
        verified_record,
        statuses(200, 403, 403, 403, 403),
        ADMIN_ONLY_OUT,
    ),
    Case("GET", "/api/v1/pledges/{pledge_id}", pledge, statuses(200, 200, 200, 404, 200), READ_OUT),
    Case(
        "PATCH",
        "/api/v1/pledges/{pledge_id}",
        pledge,
        statuses(200, 403, 200, 404, 200),
        READ_OUT,
        lambda w, i: {"fulfilment_note": "已走访三户"},
    ),
    Case("GET", "/api/v1/jobs/{job_id}", someone_elses_job, READ_OUT, READ_OUT),
    Case(
        "POST",
        "/api/v1/volunteer-records/{record_id}/photos",
        record,
        statuses(201, 403, 201, 404, 201),
        READ_OUT,
        files={"file": ("照片.png", PNG)},
    ),
    Case(
        "GET",
        "/api/v1/volunteer-records/{record_id}/photos",
        record,
        statuses(200, 200, 200, 404, 200),
        READ_OUT,
    ),
    Case(
        "GET",
        "/api/v1/volunteer-records/{record_id}/photos/{photo_id}",
        photo,
        statuses(200, 200, 200, 404, 200),
        READ_OUT,
    ),
    Case(
        "DELETE",
        "/api/v1/volunteer-records/{record_id}/photos/{photo_id}",
        photo,
        statuses(204, 403, 204, 404, 204),
        READ_OUT,
    ),
    Case("GET", "/api/v1/grids/{grid_id}", grid, READ_IN, READ_OUT),
    Case(
        "PATCH",
        "/api/v1/grids/{grid_id}",
        grid,
        WRITE_IN,
        WRITE_OUT,
        lambda w, i: {"description": "已核实"},
    ),
    Case("DELETE", "/api/v1/grids/{grid_id}", grid, DELETE_IN, WRITE_OUT),
    Case("GET", "/api/v1/grid-teams/{team_id}", team, READ_IN, READ_OUT),
    Case(
        "PATCH",
        "/api/v1/grid-teams/{team_id}",
        team,
        WRITE_IN,
        WRITE_OUT,
        lambda w, i: {"name": "改名"},
    ),
    Case("DELETE", "/api/v1/grid-teams/{team_id}", team, DELETE_IN, WRITE_OUT),
    Case("GET", "/api/v1/units/{unit_id}", unit, READ_IN, READ_OUT),
    Case(
        "PATCH",
        "/api/v1/units/{unit_id}",
        unit,
        WRITE_IN,
        WRITE_OUT,
        lambda w, i: {"size": 30},
    ),
    Case("DELETE", "/api/v1/units/{unit_id}", unit, DELETE_IN, WRITE_OUT),
]


MANAGE_IN = statuses(200, 403, 403, 403, 403)
EVALUATION_READ_IN = statuses(200, 200, 200, 404, 200)
ALL_404 = statuses(404, 404, 404, 404, 404)
CASES += [
    Case(
        "GET",
        "/api/v1/evaluation-templates/{template_id}",
        template,
        statuses(200, 403, 200, 403, 200),
        statuses(404, 403, 404, 403, 404),
    ),
    Case(
        "PATCH",
        "/api/v1/evaluation-templates/{template_id}",
        template,
        MANAGE_IN,
        ADMIN_ONLY_OUT,
        lambda w, i: {"name": "改后的标准"},
    ),
    Case(
        "GET",
        "/api/v1/evaluation-cycles/{cycle_id}",
        cycle,
        statuses(200, 403, 200, 403, 200),
        statuses(404, 403, 404, 403, 404),
    ),
    Case(
        "PUT",
        "/api/v1/evaluation-cycles/{cycle_id}",
        cycle,
        MANAGE_IN,
        ADMIN_ONLY_OUT,
        _cycle_put_body,
    ),
    Case("GET", "/api/v1/evaluation-cycles/{cycle_id}/preview", cycle, MANAGE_IN, ADMIN_ONLY_OUT),
    Case("POST", "/api/v1/evaluation-cycles/{cycle_id}/launch", cycle, MANAGE_IN, ADMIN_ONLY_OUT),
    Case(
        "POST",
        "/api/v1/evaluation-cycles/{cycle_id}/targets",
        evaluation,
        MANAGE_IN,
        ADMIN_ONLY_OUT,
        _target_body,
    ),
    Case("POST", "/api/v1/evaluation-cycles/{cycle_id}/finalize", cycle, MANAGE_IN, ADMIN_ONLY_OUT),
    Case("POST", "/api/v1/evaluation-cycles/{cycle_id}/confirm", cycle, MANAGE_IN, ADMIN_ONLY_OUT),
    Case("GET", "/api/v1/evaluation-cycles/{cycle_id}/results", cycle, MANAGE_IN, ADMIN_ONLY_OUT),
    Case(
        "GET",
        "/api/v1/evaluation-cycles/{cycle_id}/results/export",
        cycle,
        MANAGE_IN,
        ADMIN_ONLY_OUT,
    ),
    Case("GET", "/api/v1/evaluations/{evaluation_id}", evaluation, EVALUATION_READ_IN, ALL_404),
    Case(
        "POST",
        "/api/v1/evaluations/{evaluation_id}/transitions",
        evaluation,
        statuses(422, 409, 422, 404, 422),
        ALL_404,
        lambda w, i: {"to": "public_rating"},
    ),
    Case(
        "PUT",
        "/api/v1/evaluations/{evaluation_id}/self-assessment",
        evaluation,
        statuses(200, 403, 200, 404, 200),
        ALL_404,
        lambda w, i: {"narratives": {"A": "班子健全"}},
    ),
    Case(
        "GET", "/api/v1/evaluations/{evaluation_id}/facts", evaluation, EVALUATION_READ_IN, ALL_404
    ),
    Case(
        "GET",
        "/api/v1/evaluations/{evaluation_id}/template",
        evaluation,
        EVALUATION_READ_IN,
        ALL_404,
    ),
    Case(
        "POST",
        "/api/v1/evaluations/{evaluation_id}/window-extensions",
        evaluation,
        MANAGE_IN,
        ADMIN_ONLY_OUT,
        lambda w, i: {"step": "self", "closes_at": "2099-06-01T00:00:00Z"},
    ),
    Case(
        "POST",
        "/api/v1/evaluations/{evaluation_id}/withdraw",
        evaluation,
        MANAGE_IN,
        ADMIN_ONLY_OUT,
        _target_body,
    ),
    Case(
        "POST",
        "/api/v1/evaluations/{evaluation_id}/confirm",
        evaluation,
        statuses(409, 403, 403, 403, 403),
        ADMIN_ONLY_OUT,
        lambda w, i: {},
    ),
    Case(
        "PUT",
        "/api/v1/evaluations/{evaluation_id}/reviews/mine",
        evaluation,
        statuses(404, 409, 403, 403, 403),
        statuses(404, 404, 403, 403, 403),
        lambda w, i: {"scores": {}},
    ),
    Case(
        "GET",
        "/api/v1/evaluations/{evaluation_id}/reviews/mine",
        reviewed_evaluation,
        statuses(404, 200, 403, 403, 403),
        statuses(404, 404, 403, 403, 403),
    ),
    Case(
        "GET",
        "/api/v1/evaluations/{evaluation_id}/reviews",
        reviewed_evaluation,
        MANAGE_IN,
        ADMIN_ONLY_OUT,
    ),
    Case(
        "GET",
        "/api/v1/evaluations/{evaluation_id}/qr.svg",
        evaluation,
        statuses(200, 403, 200, 404, 200),
        ALL_404,
    ),
    Case(
        "GET",
        "/api/v1/evaluations/{evaluation_id}/qr.png",
        evaluation,
        statuses(200, 403, 200, 404, 200),
        ALL_404,
    ),
    Case(
        "POST",
        "/api/v1/evaluations/{evaluation_id}/invitations",
        evaluation,
        statuses(201, 403, 403, 403, 403),
        ADMIN_ONLY_OUT,
        lambda w, i: {"count": 2},
    ),
    Case(
        "GET",
        "/api/v1/evaluations/{evaluation_id}/public-figures",
        evaluation,
        EVALUATION_READ_IN,
        ALL_404,
    ),
]

# Public: no account, no scope; an evaluation still in self-assessment takes no rating.
PUBLIC_CASES = [
    Case("GET", "/api/v1/public/ratings/{token}", rating_token, READ_IN, READ_IN),
    Case(
        "POST",
        "/api/v1/public/ratings/{token}",
        rating_token,
        statuses(409, 409, 409, 409, 409),
        statuses(409, 409, 409, 409, 409),
        _rating_body,
    ),
    Case(
        "POST",
        "/api/v1/public/ratings/{token}/otp",
        rating_token,
        statuses(409, 409, 409, 409, 409),
        statuses(409, 409, 409, 409, 409),
        lambda w, i: {"phone": "13800138000"},
    ),
]
CASES += PUBLIC_CASES


def test_the_public_cases_are_the_public_routes_with_ids(app: FastAPI):
    public_with_ids = {
        (method, path)
        for method, path, route in api_routes(app)
        if "{" in path and access_rules(route.dependant) == ["public"]
    }
    assert public_with_ids == {(case.method, case.path) for case in PUBLIC_CASES}


def test_every_route_with_an_id_is_in_the_matrix(app: FastAPI):
    routes_with_ids = {
        (method, path)
        for method, path, _ in api_routes(app)
        if "{" in path and path.startswith("/api/v1/")
    }
    assert routes_with_ids == {(case.method, case.path) for case in CASES}


def test_every_route_declares_exactly_one_access_rule(app: FastAPI):
    undeclared = [
        (method, path)
        for method, path, route in api_routes(app)
        if len(set(access_rules(route.dependant))) != 1
    ]
    assert undeclared == [], "declare requires(...), authenticated or public on these routes"


def test_the_route_table_walk_sees_every_documented_operation(app: FastAPI):
    documented = {
        (method.upper(), path)
        for path, operations in app.openapi()["paths"].items()
        for method in operations
    }
    assert documented <= {(method, path) for method, path, _ in api_routes(app)}


@dataclass(frozen=True)
class RegisteredCase:
    """A route on a member of town B registered at a community of town A (双报到): town A's
    callers read the member and record service, but changes stay with the member's own
    organization (403 `member_not_yours` to those holding the permission only there)."""

    method: str
    path: str
    expected: dict[str, int]
    code: str | None = None
    body: Callable[[World, Any], dict[str, Any]] | None = None


NOT_YOURS = statuses(403, 403, 403, 403, 403)
REGISTERED_CASES = [
    RegisteredCase("GET", "/api/v1/members/{member_id}", statuses(200, 200, 200, 404, 200)),
    RegisteredCase(
        "GET", "/api/v1/members/{member_id}/transfers", statuses(200, 200, 200, 404, 200)
    ),
    RegisteredCase(
        "PATCH",
        "/api/v1/members/{member_id}",
        NOT_YOURS,
        "member_not_yours",
        lambda w, community: {"ethnicity": "汉族"},
    ),
    RegisteredCase("DELETE", "/api/v1/members/{member_id}", NOT_YOURS, "member_not_yours"),
    RegisteredCase(
        "POST",
        "/api/v1/members/{member_id}/transfer",
        NOT_YOURS,
        "member_not_yours",
        lambda w, community: {"organization_id": str(community.id)},
    ),
    RegisteredCase(
        "POST",
        "/api/v1/volunteer-activities/{activity_id}/signups",
        statuses(201, 422, 201, 404, 201),
        body=lambda w, community: {},
    ),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "case", REGISTERED_CASES, ids=[f"{c.method} {c.path}" for c in REGISTERED_CASES]
)
async def test_each_role_on_a_member_registered_at_a_community_in_scope(
    app: FastAPI, session: AsyncSession, case: RegisteredCase, role: str
):
    world = await build_world(session)
    community = await make_organization(session, parent=world.town_a, tier=Tier.COMMUNITY)
    registered = await make_member(
        session,
        organization=world.village_b,
        is_in_service=True,
        residence_organization_id=community.id,
    )
    held = await make_activity(session, organization=community)
    params = {"member_id": registered.id, "activity_id": held.id}
    body = case.body(world, community) if case.body else None
    if body is not None and "activity_id" in case.path:
        body["member_id"] = str(registered.id)
    async with world.client(app, role) as client:
        response = await client.request(
            case.method,
            case.path.format(**params),
            json=body,
            headers={"If-Match": f'"{registered.version}"'},
        )
    assert response.status_code == case.expected[role], f"{role}: {response.text}"
    if case.code and role in ("admin", "org_staff", "api_key"):
        assert response.json()["code"] == case.code
    await session.refresh(registered)
    assert registered.organization_id == world.village_b.id and registered.ethnicity is None


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=[f"{c.method} {c.path}" for c in CASES])
async def test_each_role_on_objects_in_and_out_of_scope(
    app: FastAPI, session: AsyncSession, case: Case, role: str
):
    world = await build_world(session)
    async with world.client(app, role) as client:
        for in_scope, expected in ((False, case.out_of_scope), (True, case.in_scope)):
            params = await case.target(session, world, in_scope)
            body = case.body(world, in_scope) if case.body else None
            response = await client.request(
                case.method, case.path.format(**params), json=body, files=case.files
            )
            assert response.status_code == expected[role], (
                f"{role} {'in' if in_scope else 'out of'} scope: {response.text}"
            )
            if response.status_code >= 400:
                assert response.headers["content-type"].startswith("application/problem+json")
            if not in_scope and response.status_code == 404:
                missing = {key: uuid.uuid4() for key in params}
                twin = await client.request(
                    case.method, case.path.format(**missing), json=body, files=case.files
                )
                assert twin.status_code == 404
                assert twin.json()["code"] == response.json()["code"], "404s must look alike"
