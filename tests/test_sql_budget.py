"""Every endpoint has a budget of SQL statements per request, counted (not timed): a change
that adds a query per row, or one more round trip to a hot path, fails here. An endpoint added
without a budget fails too. Counted as the admin of a town, on the few rows of the test world:
a set-based endpoint sends the same number of statements whatever the size of the data.

Ordinary reads get at most 5. BEGIN and COMMIT are not counted (the driver sends them).
Of each authenticated request's count, 1 loads the caller (the account with its grants): the
first request of a caller, as counted here; on PostgreSQL a server then remembers the caller
(auth/principals.py), and a write that can change a caller sends one NOTIFY so that every
server forgets."""

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.encoders import jsonable_encoder
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.auth import service as auth_service
from grassroots.auth.service import TokenSettings
from grassroots.core.security import SYSTEM
from grassroots.evaluations import ratings
from grassroots.evaluations.enums import EvaluationState
from grassroots.evaluations.models import EvaluationInvitation
from grassroots.evaluations.templates import builtin_id
from grassroots.grids import service as grid_service
from grassroots.grids.models import Grid
from grassroots.grids.schemas import GridCreate
from grassroots.jobs.models import Job
from grassroots.users.models import User
from tests.auth.test_access_matrix import CASES
from tests.builders import TEST_PASSWORD, TEST_SECRET, make_record, make_user
from tests.evaluations.builders import cycle_body, make_evaluation
from tests.routes import api_routes
from tests.statements import counting_statements
from tests.world import World, build_world

BUDGETS: dict[tuple[str, str], int] = {
    # Probes and docs.
    ("GET", "/healthz"): 0,
    ("GET", "/readyz"): 1,
    ("GET", "/api/docs"): 0,
    ("GET", "/api/v1/meta/enums"): 0,
    ("GET", "/api/v1/meta/limits"): 0,
    # Authentication (writes; logging in reads its three throttle counters at once — account and
    # address, account, address — and writes the refresh token, the last login and the audit).
    ("POST", "/api/v1/auth/token"): 7,
    ("POST", "/api/v1/auth/refresh"): 4,
    ("POST", "/api/v1/auth/logout"): 4,
    ("GET", "/api/v1/me"): 3,
    # Organizations.
    ("GET", "/api/v1/organizations"): 2,
    ("POST", "/api/v1/organizations"): 6,
    ("GET", "/api/v1/organizations/{organization_id}"): 2,
    ("PATCH", "/api/v1/organizations/{organization_id}"): 5,
    ("DELETE", "/api/v1/organizations/{organization_id}"): 6,
    ("POST", "/api/v1/organizations/{organization_id}/move"): 17,
    ("GET", "/api/v1/organizations/{organization_id}/children"): 3,
    ("GET", "/api/v1/organizations/{organization_id}/ancestors"): 3,
    # The caller, the organization, and its subtree counted with its leadership in one pass.
    ("GET", "/api/v1/organizations/{organization_id}/stats"): 3,
    # Users and keys.
    ("GET", "/api/v1/users"): 2,
    ("POST", "/api/v1/users"): 6,
    ("GET", "/api/v1/users/{user_id}"): 3,
    ("PATCH", "/api/v1/users/{user_id}"): 8,
    ("GET", "/api/v1/users/{user_id}/grants"): 4,
    ("POST", "/api/v1/users/{user_id}/grants"): 11,
    ("DELETE", "/api/v1/users/{user_id}/grants/{grant_id}"): 8,
    ("GET", "/api/v1/api-keys"): 2,
    ("POST", "/api/v1/api-keys"): 5,
    ("DELETE", "/api/v1/api-keys/{api_key_id}"): 4,
    ("GET", "/api/v1/audit-events"): 2,
    ("GET", "/api/v1/jobs/{job_id}"): 2,
    # Members.
    ("GET", "/api/v1/members"): 3,
    ("GET", "/api/v1/members/export"): 3,
    ("POST", "/api/v1/members"): 5,
    ("GET", "/api/v1/members/{member_id}"): 4,
    ("PATCH", "/api/v1/members/{member_id}"): 7,
    ("DELETE", "/api/v1/members/{member_id}"): 7,
    ("POST", "/api/v1/members/{member_id}/transfer"): 8,
    # Over 5 today: the member and its organization are loaded apart.
    ("GET", "/api/v1/members/{member_id}/transfers"): 5,
    # Volunteer service.
    ("GET", "/api/v1/volunteer-activities"): 2,
    ("POST", "/api/v1/volunteer-activities"): 4,
    ("GET", "/api/v1/volunteer-activities/{activity_id}"): 3,
    ("PUT", "/api/v1/volunteer-activities/{activity_id}"): 6,
    ("DELETE", "/api/v1/volunteer-activities/{activity_id}"): 6,
    ("GET", "/api/v1/volunteer-activities/{activity_id}/signups"): 4,
    ("POST", "/api/v1/volunteer-activities/{activity_id}/signups"): 9,
    ("DELETE", "/api/v1/volunteer-activities/{activity_id}/signups/{member_id}"): 10,
    ("GET", "/api/v1/volunteer-records"): 2,
    ("GET", "/api/v1/volunteer-records/export"): 2,
    ("POST", "/api/v1/volunteer-records"): 10,
    # Verifying reads the records with their paths and locks them, updates them and the three
    # tallies, and audits (on PostgreSQL the update and the tallies are one statement: below).
    ("POST", "/api/v1/volunteer-records/verify"): 7,
    ("GET", "/api/v1/volunteer-records/{record_id}"): 4,
    ("POST", "/api/v1/volunteer-records/{record_id}/verify"): 7,
    ("POST", "/api/v1/volunteer-records/{record_id}/reject"): 7,
    ("POST", "/api/v1/volunteer-records/{record_id}/revert"): 12,
    # Over 5 today: the record, its member and its organization, then the photos.
    ("GET", "/api/v1/volunteer-records/{record_id}/photos"): 5,
    ("POST", "/api/v1/volunteer-records/{record_id}/photos"): 9,
    # Over 5 today, as the list of photos above.
    ("GET", "/api/v1/volunteer-records/{record_id}/photos/{photo_id}"): 5,
    ("DELETE", "/api/v1/volunteer-records/{record_id}/photos/{photo_id}"): 10,
    ("GET", "/api/v1/pledges"): 2,
    ("POST", "/api/v1/pledges"): 8,
    ("GET", "/api/v1/pledges/{pledge_id}"): 4,
    ("PATCH", "/api/v1/pledges/{pledge_id}"): 7,
    ("GET", "/api/v1/volunteer-stats"): 3,
    # Imports answer with a job at once; the rows are read and written after the response.
    ("POST", "/api/v1/imports/members"): 4,
    ("POST", "/api/v1/imports/volunteer-records"): 4,
    ("GET", "/api/v1/imports/members/template"): 1,
    ("GET", "/api/v1/imports/volunteer-records/template"): 1,
    ("POST", "/api/v1/imports/grids"): 4,
    ("POST", "/api/v1/imports/grid-teams"): 4,
    ("POST", "/api/v1/imports/units"): 4,
    ("POST", "/api/v1/imports/grid-boundaries"): 4,
    ("GET", "/api/v1/imports/grids/template"): 1,
    ("GET", "/api/v1/imports/grid-teams/template"): 1,
    ("GET", "/api/v1/imports/units/template"): 1,
    ("GET", "/api/v1/imports/grid-boundaries/template"): 1,
    # Grids, teams, coverage and units.
    ("GET", "/api/v1/grids"): 2,
    ("POST", "/api/v1/grids"): 6,
    # Steady state is 3 (the caller, then the marker and the grids in one); the first
    # lookup of a fresh process also loads the boundaries and looks again.
    ("GET", "/api/v1/grids/locate"): 4,
    ("GET", "/api/v1/grids/{grid_id}"): 4,
    ("PATCH", "/api/v1/grids/{grid_id}"): 7,
    # Deleting a grid checks for teams and records, and lets its activities go.
    ("DELETE", "/api/v1/grids/{grid_id}"): 9,
    ("GET", "/api/v1/grid-teams"): 2,
    ("POST", "/api/v1/grid-teams"): 8,
    ("GET", "/api/v1/grid-teams/{team_id}"): 4,
    ("PATCH", "/api/v1/grid-teams/{team_id}"): 7,
    ("DELETE", "/api/v1/grid-teams/{team_id}"): 7,
    # The caller, the `within` organization, the coverage marker, every figure in one
    # statement, then the list of each gap that is not empty (one in this world). Asked again
    # while the marker stays, the last two are not sent (tests/grids/test_coverage_remembered.py).
    ("GET", "/api/v1/grid-coverage"): 5,
    ("GET", "/api/v1/units"): 2,
    ("POST", "/api/v1/units"): 4,
    ("GET", "/api/v1/units/{unit_id}"): 3,
    ("PATCH", "/api/v1/units/{unit_id}"): 7,
    ("DELETE", "/api/v1/units/{unit_id}"): 6,
    # Evaluations.
    ("GET", "/api/v1/evaluation-cycles"): 2,
    ("POST", "/api/v1/evaluation-cycles"): 4,
    ("GET", "/api/v1/evaluation-cycles/{cycle_id}"): 4,
    ("PUT", "/api/v1/evaluation-cycles/{cycle_id}"): 6,
    ("GET", "/api/v1/evaluation-cycles/{cycle_id}/preview"): 5,  # over 5 today: to trim
    ("POST", "/api/v1/evaluation-cycles/{cycle_id}/launch"): 15,
    ("POST", "/api/v1/evaluation-cycles/{cycle_id}/targets"): 14,
    ("POST", "/api/v1/evaluation-cycles/{cycle_id}/finalize"): 7,
    ("POST", "/api/v1/evaluation-cycles/{cycle_id}/confirm"): 6,
    # The caller, the cycle with its reviewers and organization, and the page with its names.
    ("GET", "/api/v1/evaluation-cycles/{cycle_id}/results"): 5,
    ("GET", "/api/v1/evaluation-cycles/{cycle_id}/results/export"): 5,  # over 5 today: to trim
    ("GET", "/api/v1/evaluation-templates"): 4,
    ("POST", "/api/v1/evaluation-templates"): 8,
    ("GET", "/api/v1/evaluation-templates/{template_id}"): 4,
    ("PATCH", "/api/v1/evaluation-templates/{template_id}"): 7,
    ("GET", "/api/v1/evaluations"): 2,
    ("GET", "/api/v1/evaluations/{evaluation_id}"): 6,  # over 5 today: to trim
    ("GET", "/api/v1/evaluations/{evaluation_id}/facts"): 10,  # over 5 today: to trim
    ("GET", "/api/v1/evaluations/{evaluation_id}/template"): 6,  # the load, as GET one
    ("GET", "/api/v1/evaluations/{evaluation_id}/public-figures"): 10,  # over 5 today: to trim
    ("GET", "/api/v1/evaluations/{evaluation_id}/qr.png"): 6,  # over 5 today: to trim
    ("GET", "/api/v1/evaluations/{evaluation_id}/qr.svg"): 6,  # over 5 today: to trim
    ("GET", "/api/v1/evaluations/{evaluation_id}/reviews"): 7,  # over 5 today: to trim
    ("GET", "/api/v1/evaluations/{evaluation_id}/reviews/mine"): 6,  # over 5 today: to trim
    ("PUT", "/api/v1/evaluations/{evaluation_id}/reviews/mine"): 6,
    ("PUT", "/api/v1/evaluations/{evaluation_id}/self-assessment"): 8,
    ("POST", "/api/v1/evaluations/{evaluation_id}/confirm"): 6,
    ("POST", "/api/v1/evaluations/{evaluation_id}/invitations"): 8,
    ("POST", "/api/v1/evaluations/{evaluation_id}/transitions"): 6,
    ("POST", "/api/v1/evaluations/{evaluation_id}/window-extensions"): 8,
    ("POST", "/api/v1/evaluations/{evaluation_id}/withdraw"): 8,
    ("GET", "/api/v1/public/ratings/{token}"): 1,
    ("POST", "/api/v1/public/ratings/{token}"): 2,
    ("POST", "/api/v1/public/ratings/{token}/otp"): 1,
}

# Where PostgreSQL does in one statement what SQLite does in several (data-modifying CTEs):
# its budget there.
ON_POSTGRESQL: dict[tuple[str, str], int] = {
    ("POST", "/api/v1/volunteer-records/verify"): 4,
    ("POST", "/api/v1/volunteer-records/{record_id}/verify"): 4,
}

# Steps the town's admin cannot take on the matrix's evaluation (a reviewer's own review, a
# move its state does not allow, a rating outside the public step): their refusal is counted
# here; tests/evaluations counts nothing but walks the successful paths.
REFUSED_AS_ADMIN: dict[tuple[str, str], int] = {
    ("POST", "/api/v1/evaluations/{evaluation_id}/transitions"): 422,
    ("POST", "/api/v1/evaluations/{evaluation_id}/confirm"): 409,
    ("PUT", "/api/v1/evaluations/{evaluation_id}/reviews/mine"): 404,
    ("GET", "/api/v1/evaluations/{evaluation_id}/reviews/mine"): 404,
    ("POST", "/api/v1/public/ratings/{token}"): 409,
    ("POST", "/api/v1/public/ratings/{token}/otp"): 409,
}

Prepare = Callable[[AsyncSession, World], Awaitable[dict[str, Any]]]


@dataclass(frozen=True)
class Call:
    """How to make one successful request to an endpoint, as the admin of town A."""

    method: str
    path: str
    prepare: Prepare | None = None


def _from_matrix() -> list[Call]:
    calls = []
    for case in CASES:
        if case.path == "/api/v1/jobs/{job_id}":
            continue

        async def prepare(session: AsyncSession, world: World, case: Any = case) -> dict[str, Any]:
            params = await case.target(session, world, True)
            return {
                "path": case.path.format(**params),
                "json": case.body(world, True) if case.body else None,
                "files": case.files,
            }

        calls.append(Call(case.method, case.path, prepare))
    return calls


async def _login(session: AsyncSession, world: World) -> dict[str, Any]:
    await make_user(session, username="budget", password=TEST_PASSWORD)
    return {"data": {"username": "budget", "password": TEST_PASSWORD}, "anonymous": True}


async def _refresh_body(session: AsyncSession, _world: World) -> dict[str, Any]:
    user = await make_user(session, username="budget")
    settings = TokenSettings(key=TEST_SECRET, access_minutes=15, refresh_days=14)
    tokens = await auth_service.issue_tokens(
        session, settings, user_id=user.id, family_id=uuid.uuid4()
    )
    await session.commit()
    return {"json": {"refresh_token": tokens.refresh_token}, "anonymous": True}


def _json(make: Callable[[World], dict[str, Any]]) -> Prepare:
    async def prepare(_session: AsyncSession, world: World) -> dict[str, Any]:
        return {"json": make(world)}

    return prepare


async def _pending(session: AsyncSession, world: World) -> dict[str, Any]:
    record = await make_record(session, member=world.member_a, hours="1")
    return {"json": {"record_ids": [str(record.id)]}}


async def _own_job(session: AsyncSession, world: World) -> dict[str, Any]:
    """A job of the admin's own (the matrix's is someone else's, which nobody else reads)."""
    admin = await session.scalar(select(User).where(User.username == "caller-admin"))
    assert admin is not None
    job = Job(kind="import_members", created_by_id=admin.id, errors=[])
    session.add(job)
    await session.commit()
    return {"path": f"/api/v1/jobs/{job.id}"}


def _upload(kind: str) -> Prepare:
    async def prepare(_session: AsyncSession, _world: World) -> dict[str, Any]:
        if kind == "grid-boundaries":
            return {"files": {"file": ("边界.geojson", b'{"type": "FeatureCollection"}')}}
        header = {"members": "姓名", "records": "公民身份号码"}.get(kind, "所属组织编码")
        return {"files": {"file": ("名册.csv", f"{header}\n".encode())}}

    return prepare


SQUARE = {
    "type": "Polygon",
    "coordinates": [
        [[120.0, 30.0], [120.01, 30.0], [120.01, 30.01], [120.0, 30.01], [120.0, 30.0]]
    ],
}


async def _grid(session: AsyncSession, world: World) -> Grid:
    data = GridCreate(
        organization_id=world.village_a.id, code="B1", name="预算网格", boundary=SQUARE
    )
    grid = await grid_service.create_grid(session, SYSTEM, data=data)
    await session.commit()
    return grid


async def _locate(session: AsyncSession, world: World) -> dict[str, Any]:
    await _grid(session, world)
    return {"path": "/api/v1/grids/locate?lat=30.005&lng=120.005"}


async def _new_team(session: AsyncSession, world: World) -> dict[str, Any]:
    grid = await _grid(session, world)
    return {"json": {"grid_id": str(grid.id), "name": "便民服务队", "active": False}}


async def _coverage(_session: AsyncSession, world: World) -> dict[str, Any]:
    return {"path": f"/api/v1/grid-coverage?within={world.town_a.id}"}


async def _new_cycle(_session: AsyncSession, world: World) -> dict[str, Any]:
    return {"json": jsonable_encoder(cycle_body(world.town_a))}


CALLS = [
    Call("GET", "/api/v1/evaluation-cycles"),
    Call("POST", "/api/v1/evaluation-cycles", _new_cycle),
    Call("GET", "/api/v1/evaluation-templates"),
    Call(
        "POST",
        "/api/v1/evaluation-templates",
        _json(
            lambda w: {
                "organization_id": str(w.town_a.id),
                "copy_of": str(builtin_id("organization:rural")),
            }
        ),
    ),
    Call("GET", "/api/v1/evaluations"),
    Call("GET", "/api/v1/meta/limits"),
    Call("GET", "/api/v1/imports/members/template"),
    Call("GET", "/api/v1/imports/volunteer-records/template"),
    Call("GET", "/api/v1/imports/grids/template"),
    Call("GET", "/api/v1/imports/grid-teams/template"),
    Call("GET", "/api/v1/imports/units/template"),
    Call("GET", "/api/v1/imports/grid-boundaries/template"),
    Call("GET", "/api/v1/grids"),
    Call(
        "POST",
        "/api/v1/grids",
        _json(lambda w: {"organization_id": str(w.village_a.id), "code": "N1", "name": "新网格"}),
    ),
    Call("GET", "/api/v1/grids/locate", _locate),
    Call("GET", "/api/v1/grid-teams"),
    Call("POST", "/api/v1/grid-teams", _new_team),
    Call("GET", "/api/v1/grid-coverage", _coverage),
    Call("GET", "/api/v1/units"),
    Call(
        "POST",
        "/api/v1/units",
        _json(
            lambda w: {"organization_id": str(w.village_a.id), "name": "新单位", "kind": "market"}
        ),
    ),
    Call("GET", "/healthz"),
    Call("GET", "/readyz"),
    Call("GET", "/api/docs"),
    Call("GET", "/api/v1/meta/enums"),
    Call("POST", "/api/v1/auth/token", _login),
    Call("POST", "/api/v1/auth/refresh", _refresh_body),
    Call("POST", "/api/v1/auth/logout", _refresh_body),
    Call("GET", "/api/v1/me"),
    Call("GET", "/api/v1/organizations"),
    Call(
        "POST",
        "/api/v1/organizations",
        _json(
            lambda w: {
                "name": "新村党支部",
                "code": "NEW-1",
                "parent_id": str(w.town_a.id),
                "kind": "branch",
                "tier": "village",
                "domain": "rural",
            }
        ),
    ),
    Call("GET", "/api/v1/users"),
    Call(
        "POST",
        "/api/v1/users",
        _json(
            lambda w: {
                "username": "newbie",
                "display_name": "新人",
                "password": TEST_PASSWORD,
                "organization_id": str(w.village_a.id),
            }
        ),
    ),
    Call("GET", "/api/v1/api-keys"),
    Call(
        "POST",
        "/api/v1/api-keys",
        _json(
            lambda w: {"name": "新系统", "organization_id": str(w.town_a.id), "role": "reviewer"}
        ),
    ),
    Call("GET", "/api/v1/audit-events"),
    Call("GET", "/api/v1/members"),
    Call("GET", "/api/v1/members/export"),
    Call(
        "POST",
        "/api/v1/members",
        _json(
            lambda w: {"name": "新党员", "organization_id": str(w.village_a.id), "status": "full"}
        ),
    ),
    Call("GET", "/api/v1/volunteer-activities"),
    Call(
        "POST",
        "/api/v1/volunteer-activities",
        _json(
            lambda w: {
                "organization_id": str(w.village_a.id),
                "kind": "cultural_activity",
                "title": "广场舞展演",
                "starts_at": "2030-05-01T09:00:00+08:00",
                "ends_at": "2030-05-01T11:00:00+08:00",
            }
        ),
    ),
    Call("GET", "/api/v1/volunteer-records"),
    Call("GET", "/api/v1/volunteer-records/export"),
    Call(
        "POST",
        "/api/v1/volunteer-records",
        _json(
            lambda w: {
                "member_id": str(w.member_a.id),
                "served_on": "2026-01-05",
                "hours": 1,
                "kind": "volunteer_service",
            }
        ),
    ),
    Call("POST", "/api/v1/volunteer-records/verify", _pending),
    Call("GET", "/api/v1/pledges"),
    Call(
        "POST",
        "/api/v1/pledges",
        _json(lambda w: {"member_id": str(w.member_a.id), "year": 2026, "content": "结对帮扶两户"}),
    ),
    Call("GET", "/api/v1/volunteer-stats"),
    Call("GET", "/api/v1/jobs/{job_id}", _own_job),
    Call("POST", "/api/v1/imports/members", _upload("members")),
    Call("POST", "/api/v1/imports/volunteer-records", _upload("records")),
    Call("POST", "/api/v1/imports/grids", _upload("grids")),
    Call("POST", "/api/v1/imports/grid-teams", _upload("grid-teams")),
    Call("POST", "/api/v1/imports/units", _upload("units")),
    Call("POST", "/api/v1/imports/grid-boundaries", _upload("grid-boundaries")),
    *_from_matrix(),
]


def test_every_endpoint_has_a_budget_and_a_call(app: FastAPI):
    routes = {(method, path) for method, path, _ in api_routes(app)}
    assert routes - set(BUDGETS) == set(), "give these endpoints a budget in BUDGETS"
    assert set(BUDGETS) - routes == set(), "these budgets name no endpoint"
    assert {(c.method, c.path) for c in CALLS} == set(BUDGETS)


@pytest.mark.parametrize("call", CALLS, ids=[f"{c.method} {c.path}" for c in CALLS])
async def test_each_endpoint_stays_within_its_budget(
    app: FastAPI, session: AsyncSession, call: Call
):
    world = await build_world(session)
    request = await call.prepare(session, world) if call.prepare else {}
    anonymous = request.pop("anonymous", False)
    async with world.client(app, "admin") as client:
        if anonymous:
            client.headers.pop("Authorization", None)
        with counting_statements(app.state.engine) as count:
            response = await client.request(call.method, request.pop("path", call.path), **request)
    assert response.status_code == REFUSED_AS_ADMIN.get((call.method, call.path), 200) or (
        response.status_code < 400 and (call.method, call.path) not in REFUSED_AS_ADMIN
    ), response.text
    budget = BUDGETS[(call.method, call.path)]
    if app.state.engine.dialect.name == "postgresql":
        budget = ON_POSTGRESQL.get((call.method, call.path), budget)
    assert len(count) <= budget, (
        f"{call.method} {call.path} sent {len(count)} statements, its budget is {budget}:\n"
        + "\n".join(count.statements)
    )


# The hot path of public rating (≥ 300/s): the evaluation behind the token, the address's
# failures, then one statement that checks the invitation code, claims it for this rater and
# stores the rating (on SQLite, which has no INSERT in a CTE, the rating is a fourth).
RATING_WITH_A_CODE = {"postgresql": 3, "sqlite": 4}


async def test_a_public_rating_with_an_invitation_code_stays_within_its_budget(
    app: FastAPI, session: AsyncSession, anonymous: httpx.AsyncClient
):
    _, _, (evaluation,) = await make_evaluation(session, state=EvaluationState.PUBLIC_RATING)
    code = ratings.new_code()
    session.add(
        EvaluationInvitation(evaluation_id=evaluation.id, code_hash=ratings.invitation_hash(code))
    )
    await session.commit()
    body = {
        "answers": {"Q1": 5, "Q2": 4, "Q3": 4},
        "rater_group": "member",
        "invitation_code": code,
    }
    with counting_statements(app.state.engine) as count:
        response = await anonymous.post(
            f"/api/v1/public/ratings/{evaluation.public_token}", json=body
        )
    assert response.status_code == 201, response.text
    budget = RATING_WITH_A_CODE[app.state.engine.dialect.name]
    assert len(count) <= budget, "\n".join(count.statements)
