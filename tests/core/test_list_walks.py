"""Every list endpoint of the route table, walked page by page in each of its orders, and fed
malformed cursors.

A list endpoint is a GET answering a `Page`. The paged ones (those taking `cursor`) must each
have an entry in WALKS saying how to seed at least three pages and how an item sorts; the
others must be named in UNPAGED with why one page holds them all. A new list endpoint fails
`test_every_list_endpoint_is_walked` until it is added here."""

import base64
import json
import random
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from pydantic import BaseModel
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.api_keys import service as key_service
from grassroots.api_keys.models import ApiKey
from grassroots.api_keys.schemas import ApiKeyCreate
from grassroots.core.audit import AuditEvent
from grassroots.core.localtime import local_today
from grassroots.core.pagination import Page
from grassroots.core.security import SYSTEM, Role
from grassroots.evaluations import results
from grassroots.evaluations import templates as template_service
from grassroots.evaluations.enums import EvaluationState
from grassroots.evaluations.schemas import TemplateCreate
from grassroots.grids import service as grid_service
from grassroots.grids.enums import UnitKind
from grassroots.grids.schemas import GridCreate, TeamCreate, UnitCreate
from grassroots.organizations.enums import Kind, Tier
from grassroots.volunteering import activities as volunteer_activities
from grassroots.volunteering import pledges as volunteer_pledges
from grassroots.volunteering import records as volunteer_records
from grassroots.volunteering.enums import ServiceKind
from grassroots.volunteering.models import ActivitySignup
from grassroots.volunteering.schemas import ActivityCreate, PledgeCreate, RecordCreate
from tests.builders import assert_problem, make_member, make_organization, make_user
from tests.evaluations.builders import make_cycle, make_evaluation
from tests.routes import api_routes

API = "/api/v1"
LIMIT = 2
# Enough rows for four pages of LIMIT, with ties in every sort column but the id.
ROWS = 7
DAY = local_today() - timedelta(days=3)
NOON = datetime.now(UTC).replace(hour=12, minute=0, second=0, microsecond=0) + timedelta(days=2)


@dataclass
class Seeded:
    """What a seed made: the path parameters of the list, and ids it must show."""

    ids: set[str]
    path_params: dict[str, str] = field(default_factory=dict)
    # Filters to walk the list with; items the seed made outside them must not show.
    query: dict[str, str] = field(default_factory=dict)
    filtered_out: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class Walk:
    """How to fill one list and how its items sort (ascending; the id breaks ties)."""

    seed: Callable[[AsyncSession], Awaitable[Seeded]]
    key: Callable[[dict[str, Any]], tuple[Any, ...]]
    # The value of its `order` parameter (None: it has none) -> whether that order descends.
    orders: dict[str | None, bool]
    # Orders that sort by other columns than `key`: their own key.
    keys: dict[str | None, Callable[[dict[str, Any]], tuple[Any, ...]]] = field(
        default_factory=dict
    )


def _id(item: dict[str, Any]) -> uuid.UUID:
    return uuid.UUID(item["id"])


def _instant(text: str) -> datetime:
    return datetime.fromisoformat(text)


# Seeds -------------------------------------------------------------------------------------


async def _seed_organizations(session: AsyncSession) -> Seeded:
    county = await make_organization(session, kind=Kind.COMMITTEE, tier=Tier.COUNTY)
    ids = {str(county.id)}
    for _ in range(ROWS):
        ids.add(str((await make_organization(session, parent=county)).id))
    return Seeded(ids)


async def _seed_children(session: AsyncSession) -> Seeded:
    county = await make_organization(session, kind=Kind.COMMITTEE, tier=Tier.COUNTY)
    await make_organization(session)  # not a child: must not show
    ids = {str((await make_organization(session, parent=county)).id) for _ in range(ROWS)}
    return Seeded(ids, {"organization_id": str(county.id)})


async def _seed_members(session: AsyncSession) -> Seeded:
    village = await make_organization(session)
    ids = set()
    for index in range(ROWS):
        member = await make_member(session, organization=village, name=f"党员{index % 3}")
        ids.add(str(member.id))
    return Seeded(ids)


async def _seed_activities(session: AsyncSession) -> Seeded:
    village = await make_organization(session)
    ids = set()
    for index in range(ROWS):
        start = NOON + timedelta(hours=index % 3)
        data = ActivityCreate(
            organization_id=village.id,
            kind=ServiceKind.VOLUNTEER_SERVICE,
            title=f"清洁家园{index}",
            starts_at=start,
            ends_at=start + timedelta(hours=2),
        )
        ids.add(str((await volunteer_activities.create_activity(session, SYSTEM, data=data)).id))
    await session.commit()
    return Seeded(ids)


async def _seed_signups(session: AsyncSession) -> Seeded:
    village = await make_organization(session)
    activity = await volunteer_activities.create_activity(
        session,
        SYSTEM,
        data=ActivityCreate(
            organization_id=village.id,
            kind=ServiceKind.VOLUNTEER_SERVICE,
            title="敬老院慰问",
            starts_at=NOON,
            ends_at=NOON + timedelta(hours=2),
        ),
    )
    ids = set()
    for index in range(ROWS):
        member = await make_member(session, organization=village, name=f"党员{index}")
        signup = await volunteer_activities.sign_up(session, SYSTEM, activity, member_id=member.id)
        ids.add(str(signup.id))
    await session.commit()
    # Places taken in the same instant, two by two, so the id breaks the ties.
    for index, signup_id in enumerate(sorted(ids)):
        moment = NOON - timedelta(days=1, seconds=index // 2)
        await session.execute(
            update(ActivitySignup)
            .where(ActivitySignup.id == uuid.UUID(signup_id))
            .values(created_at=moment)
        )
    await session.commit()
    return Seeded(ids, {"activity_id": str(activity.id)})


async def _seed_records(session: AsyncSession) -> Seeded:
    """Records served in one grid, walked with the `grid_id` filter, and two elsewhere."""
    village = await make_organization(session)
    grid = await grid_service.create_grid(
        session, SYSTEM, data=GridCreate(organization_id=village.id, code="W-1", name="网格")
    )
    ids, elsewhere = set(), set()
    for index in range(ROWS + 2):
        member = await make_member(session, organization=village, name=f"党员{index}")
        data = RecordCreate(
            member_id=member.id,
            served_on=DAY - timedelta(days=index % 3),
            hours=Decimal(2),
            kind=ServiceKind.VOLUNTEER_SERVICE,
            grid_id=grid.id if index < ROWS else None,
        )
        record_id = str((await volunteer_records.log_record(session, SYSTEM, data=data)).id)
        (ids if index < ROWS else elsewhere).add(record_id)
    await session.commit()
    return Seeded(ids, query={"grid_id": str(grid.id)}, filtered_out=elsewhere)


async def _seed_pledges(session: AsyncSession) -> Seeded:
    village = await make_organization(session)
    ids = set()
    for index in range(ROWS):
        member = await make_member(session, organization=village, name=f"党员{index}")
        data = PledgeCreate(member_id=member.id, year=2024 + index % 3, content="每月服务一次")
        ids.add(str((await volunteer_pledges.create_pledge(session, SYSTEM, data=data)).id))
    await session.commit()
    return Seeded(ids)


async def _seed_users(session: AsyncSession) -> Seeded:
    village = await make_organization(session)
    ids = set()
    for index in range(ROWS):
        user = await make_user(
            session, username=f"walker{index:02d}", organization=village, role=Role.ORG_STAFF
        )
        ids.add(str(user.id))
    return Seeded(ids)


async def _seed_api_keys(session: AsyncSession) -> Seeded:
    village = await make_organization(session)
    ids = []
    for index in range(ROWS):
        key, _ = await key_service.create_key(
            session,
            SYSTEM,
            data=ApiKeyCreate(
                name=f"对接系统{index}", organization_id=village.id, role=Role.ORG_STAFF
            ),
        )
        ids.append(key.id)
    await session.commit()
    for index, key_id in enumerate(ids):
        await session.execute(
            update(ApiKey)
            .where(ApiKey.id == key_id)
            .values(created_at=NOON - timedelta(days=1, microseconds=index % 3))
        )
    await session.commit()
    return Seeded({str(key_id) for key_id in ids})


async def _seed_audit_events(session: AsyncSession) -> Seeded:
    events = [
        AuditEvent(
            occurred_at=NOON - timedelta(days=1, microseconds=index % 3),
            actor_type="system",
            action="update",
            outcome="success",
            entity_type="organization",
            entity_id=str(index),
        )
        for index in range(ROWS)
    ]
    session.add_all(events)
    await session.commit()
    return Seeded({str(event.id) for event in events})


async def _seed_grids(session: AsyncSession) -> Seeded:
    village = await make_organization(session)
    ids = set()
    for index in range(ROWS):
        data = GridCreate(organization_id=village.id, code=f"G{index:02d}", name=f"第{index}网格")
        ids.add(str((await grid_service.create_grid(session, SYSTEM, data=data)).id))
    await session.commit()
    return Seeded(ids)


async def _seed_grid_teams(session: AsyncSession) -> Seeded:
    village = await make_organization(session)
    grid = await grid_service.create_grid(
        session, SYSTEM, data=GridCreate(organization_id=village.id, code="G1", name="一网格")
    )
    ids = set()
    for index in range(ROWS):
        data = TeamCreate(grid_id=grid.id, name=f"服务队{index % 3}", active=False)
        ids.add(str((await grid_service.create_team(session, SYSTEM, data=data)).id))
    await session.commit()
    return Seeded(ids)


async def _seed_units(session: AsyncSession) -> Seeded:
    village = await make_organization(session)
    ids = set()
    for index in range(ROWS):
        data = UnitCreate(
            organization_id=village.id, name=f"单位{index % 3}", kind=UnitKind.ENTERPRISE
        )
        ids.add(str((await grid_service.create_unit(session, SYSTEM, data=data)).id))
    await session.commit()
    return Seeded(ids)


async def _seed_templates(session: AsyncSession) -> Seeded:
    town = await make_organization(session, kind=Kind.COMMITTEE, tier=Tier.TOWNSHIP)
    ids = set()
    for index in range(ROWS):
        copy = await template_service.create_template(
            session,
            SYSTEM,
            data=TemplateCreate(
                organization_id=town.id,
                copy_of=template_service.builtin_id("secretary"),
                name=f"考核标准{index % 3}",
            ),
        )
        ids.add(str(copy.id))
    await session.commit()
    return Seeded(ids)


async def _seed_cycles(session: AsyncSession) -> Seeded:
    town = await make_organization(session, kind=Kind.COMMITTEE, tier=Tier.TOWNSHIP)
    ids = set()
    for index in range(ROWS):
        ids.add(str((await make_cycle(session, organization=town, year=2024 + index % 3)).id))
    return Seeded(ids)


async def _seed_evaluations(session: AsyncSession) -> Seeded:
    town = await make_organization(session, kind=Kind.COMMITTEE, tier=Tier.TOWNSHIP)
    for _ in range(ROWS):
        await make_organization(session, parent=town)
    await make_cycle(session, organization=town, launch=True)
    return Seeded(set())


async def _seed_results(session: AsyncSession) -> Seeded:
    """A finalized cycle whose totals and names tie three by three."""
    _, cycle, evaluations = await make_evaluation(
        session, state=EvaluationState.ORGANIZATIONAL_REVIEW, villages=ROWS
    )
    for index, evaluation in enumerate(evaluations):
        evaluation.self_points, evaluation.self_max_points = 1000 * (index % 3), 10000
        evaluation.subject_name = f"村{index % 3}"
    await session.commit()
    await results.rescore(session, cycle)
    await session.commit()
    return Seeded({str(e.id) for e in evaluations}, {"cycle_id": str(cycle.id)})


OLDEST_NEWEST: dict[str | None, bool] = {"oldest": False, "newest": True}

WALKS: dict[str, Walk] = {
    "/organizations": Walk(_seed_organizations, lambda i: (i["code"], _id(i)), {None: False}),
    "/organizations/{organization_id}/children": Walk(
        _seed_children, lambda i: (i["code"], _id(i)), {None: False}
    ),
    "/members": Walk(_seed_members, lambda i: (i["name"], _id(i)), {None: False}),
    "/volunteer-activities": Walk(
        _seed_activities, lambda i: (_instant(i["starts_at"]), _id(i)), {None: False}
    ),
    "/volunteer-activities/{activity_id}/signups": Walk(
        _seed_signups, lambda i: (_instant(i["created_at"]), _id(i)), {None: False}
    ),
    "/volunteer-records": Walk(
        _seed_records, lambda i: (date.fromisoformat(i["served_on"]), _id(i)), OLDEST_NEWEST
    ),
    "/pledges": Walk(_seed_pledges, lambda i: (i["year"], _id(i)), OLDEST_NEWEST),
    "/users": Walk(_seed_users, lambda i: (i["username"], _id(i)), {None: False}),
    "/api-keys": Walk(_seed_api_keys, lambda i: (_instant(i["created_at"]), _id(i)), {None: False}),
    "/grids": Walk(_seed_grids, lambda i: (i["code"], _id(i)), {None: False}),
    "/grid-teams": Walk(_seed_grid_teams, lambda i: (i["name"], _id(i)), {None: False}),
    "/units": Walk(_seed_units, lambda i: (i["name"], _id(i)), {None: False}),
    "/evaluation-templates": Walk(_seed_templates, lambda i: (i["name"], _id(i)), {None: False}),
    "/evaluation-cycles": Walk(_seed_cycles, lambda i: (i["year"], _id(i)), {None: False}),
    "/evaluations": Walk(_seed_evaluations, lambda i: (_id(i),), {None: False}),
    "/evaluation-cycles/{cycle_id}/results": Walk(
        _seed_results,
        lambda i: (i["rank"], _id(i)),
        {"rank": False, "total": False, "name": False},
        {"name": lambda i: (i["subject_name"], _id(i))},
    ),
    "/audit-events": Walk(
        _seed_audit_events, lambda i: (_instant(i["occurred_at"]), _id(i)), {None: True}
    ),
}

# Lists answered in one page, and why that page is bounded.
UNPAGED = {
    "/organizations/{organization_id}/ancestors": "an organization's ancestors: the tree depth",
    "/users/{user_id}/grants": "one user's grants: a handful of roles",
    "/volunteer-records/{record_id}/photos": "at most six photos per record",
    "/members/{member_id}/transfers": "one member's transfers between organizations",
}


def _is_page(model: Any) -> bool:
    return (
        isinstance(model, type)
        and issubclass(model, BaseModel)
        and (model.__pydantic_generic_metadata__.get("origin") is Page)
    )


def _list_endpoints(app: FastAPI) -> dict[str, bool]:
    """Every GET answering a Page, under /api/v1, and whether it takes a cursor."""
    found = {}
    for method, path, route in api_routes(app):
        if method == "GET" and _is_page(route.response_model):
            takes_cursor = any(
                param.name == "cursor" for param in route.dependant.query_params
            ) or any(
                param.name == "cursor"
                for dependency in route.dependant.dependencies
                for param in dependency.query_params
            )
            found[path.removeprefix(API)] = takes_cursor
    return found


def _orders(app: FastAPI, path: str) -> set[str | None]:
    """The values the list's `order` parameter accepts, from the OpenAPI document."""
    parameters = app.openapi()["paths"][API + path]["get"].get("parameters", [])
    for parameter in parameters:
        if parameter["name"] == "order":
            return set(parameter["schema"]["enum"])
    return {None}


def test_every_list_endpoint_is_walked(app: FastAPI):
    endpoints = _list_endpoints(app)
    paged = {path for path, takes_cursor in endpoints.items() if takes_cursor}
    unpaged = {path for path, takes_cursor in endpoints.items() if not takes_cursor}
    assert paged == set(WALKS), "add the new list endpoint to WALKS (or drop a stale entry)"
    assert unpaged == set(UNPAGED), "a list answered in one page must say why in UNPAGED"
    for path, walk in WALKS.items():
        assert set(walk.orders) == _orders(app, path), f"walk every order of {path}"


# The walks ---------------------------------------------------------------------------------


async def _walk(
    client: httpx.AsyncClient, url: str, params: dict[str, str]
) -> tuple[list[dict[str, Any]], list[str]]:
    """Every item of a list, LIMIT at a time, and the cursors it handed out."""
    items: list[dict[str, Any]] = []
    cursors: list[str] = []
    cursor: str | None = None
    while True:
        query = {**params, "limit": str(LIMIT)}
        if cursor is not None:
            query["cursor"] = cursor
        response = await client.get(url, params=query)
        assert response.status_code == 200, response.text
        body = response.json()
        assert len(body["items"]) <= LIMIT
        items.extend(body["items"])
        cursor = body["next_cursor"]
        if cursor is None:
            return items, cursors
        assert body["items"], "a page with a next cursor is not empty"
        cursors.append(cursor)


@pytest.mark.parametrize("path", sorted(WALKS))
async def test_walking_a_list_page_by_page_shows_every_item_once_in_order(
    client: httpx.AsyncClient, session: AsyncSession, path: str
):
    walk = WALKS[path]
    seeded = await walk.seed(session)
    url = API + path.format(**seeded.path_params)
    for order, descending in walk.orders.items():
        params = {**seeded.query, **({} if order is None else {"order": order})}
        whole = await client.get(url, params={**params, "limit": "200", "include_total": "true"})
        assert whole.status_code == 200, whole.text
        everything = whole.json()
        assert everything["next_cursor"] is None and everything["total"] == len(everything["items"])
        walked, cursors = await _walk(client, url, params)
        ids = [item["id"] for item in walked]
        assert len(cursors) >= 2, f"{path} {order}: seed at least three pages"
        assert len(ids) == len(set(ids)), f"{path} {order}: an item was shown twice"
        assert ids == [item["id"] for item in everything["items"]], f"{path} {order}: a gap"
        assert seeded.ids <= set(ids), f"{path} {order}: a seeded item is missing"
        assert not seeded.filtered_out & set(ids), f"{path} {order}: a filter let one through"
        key = walk.keys.get(order, walk.key)
        keys = [key(item) for item in walked]
        assert keys == sorted(keys, reverse=descending), f"{path} {order}: out of order"


# Malformed cursors -------------------------------------------------------------------------


def _encode(body: Any) -> str:
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(cursor: str) -> list[Any]:
    body: list[Any] = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    return body


# Values no column of a kind holds (a string column's length is at most 255 here).
NOT_A_STRING: list[Any] = [None, True, 1.5, [], {}, 7, 10**30]
BAD_VALUES: dict[type, list[Any]] = {
    str: [*NOT_A_STRING, "\x00", "a\x00b", "\ud800", "字" * 300],
    int: [None, True, 1.5, [], {}, "2024", "", 10**30, -(10**30), 2**31, -(2**31) - 1, 2**63],
    date: [
        *NOT_A_STRING,
        "",
        "x",
        "\x00",
        "2024-13-01",
        "0000-01-01",
        "10000-01-01",
        "+002024-01-01",
        "2024-01-01T00:00:00+00:00",
    ],
    datetime: [
        *NOT_A_STRING,
        "",
        "x",
        "\x00",
        "2024-01-01",
        "2024-01-01T00:00:00",  # naive
        "2024-01-01T00:00:00.123456",  # naive
        "0001-01-01T00:00:00+05:00",  # before year 1 in UTC
        "9999-12-31T23:59:59-05:00",  # after year 9999 in UTC
        "2024-01-01T25:00:00+00:00",
    ],
    uuid.UUID: [*NOT_A_STRING, "", "\x00", "not-a-uuid", "1" * 40, "1" * 31],
}


def _malformed(real: str, other_lists: list[str], rng: random.Random) -> list[str]:
    """Cursors this list could not have handed out, built around a real one."""
    tag, *values = _decode(real)
    cursors = [
        "!",
        "====",
        "a",
        "zzz",
        "W10",
        "$$$$",
        real + "!",
        real[:-3],
        "页" * 8,
        "x" * 600,
        _encode(b"\xff\xfe\xfd"),
        _encode(b"[1,2"),
        _encode({"tag": tag}),
        _encode([]),
        _encode([tag]),
        _encode([tag, *values, values[-1]]),
        _encode(values),
        _encode(["0" * 12, *values]),
        _encode([None, *values]),
        _encode([tag, values]),
        _encode("[" * 300),
        *other_lists,
    ]
    for position in range(len(values)):
        for bad in BAD_VALUES[_kind_of(values[position])]:
            if bad != values[position]:
                changed = list(values)
                changed[position] = bad
                cursors.append(_encode([tag, *changed]))
    for _ in range(20):
        cursors.append(_encode(bytes(rng.randrange(256) for _ in range(rng.randrange(1, 60)))))
    return [cursor for cursor in cursors if cursor != real]


def _mutations(real: str, rng: random.Random) -> list[str]:
    """A real cursor with a character changed: some are still places in the list."""
    mutated = []
    for _ in range(40):
        characters = list(real)
        characters[rng.randrange(len(characters))] = rng.choice("AZaz09-_+/=.")
        mutated.append("".join(characters))
    return mutated


@pytest.mark.parametrize("path", sorted(WALKS))
async def test_every_malformed_cursor_is_a_400_problem(
    client: httpx.AsyncClient, session: AsyncSession, path: str
):
    walk = WALKS[path]
    seeded = await walk.seed(session)
    url = API + path.format(**seeded.path_params)
    rng = random.Random(path)
    # Real cursors of the same list in its other orders, and of another list.
    own: dict[str | None, str] = {}
    for order in walk.orders:
        params = {"limit": str(LIMIT)} | ({} if order is None else {"order": order})
        own[order] = (await client.get(url, params=params)).json()["next_cursor"]
    other_path = next(other for other in sorted(WALKS) if other != path)
    other_seeded = await WALKS[other_path].seed(session)
    other_url = API + other_path.format(**other_seeded.path_params)
    foreign = (await client.get(other_url, params={"limit": "1"})).json()["next_cursor"]
    for order, real in own.items():
        params = {} if order is None else {"order": order}
        others = [cursor for other, cursor in own.items() if other != order] + [foreign]
        control = await client.get(url, params={**params, "cursor": real, "limit": str(LIMIT)})
        assert control.status_code == 200, control.text
        for cursor in _malformed(real, others, rng):
            response = await client.get(url, params={**params, "cursor": cursor})
            assert response.status_code == 400, (cursor, response.text)
            assert_problem(response, 400, "invalid_cursor")
        for cursor in _mutations(real, rng):
            response = await client.get(url, params={**params, "cursor": cursor})
            if response.status_code != 200:
                assert_problem(response, 400, "invalid_cursor")


# Cursors at the edges of what each column holds are places in the list, not errors.
EDGE_VALUES: dict[type, list[Any]] = {
    str: ["", "\U0010ffff", "~" * 8],
    int: [2**31 - 1, -(2**31), 0],
    date: ["0001-01-01", "9999-12-31"],
    datetime: ["0001-01-01T00:00:00+00:00", "9999-12-31T23:59:59.999999+00:00"],
    uuid.UUID: [str(uuid.UUID(int=0)), str(uuid.UUID(int=2**128 - 1))],
}


def _kind_of(value: Any) -> type:
    """The type of a sort value as a cursor writes it."""
    if isinstance(value, int):
        return int
    try:
        return uuid.UUID if uuid.UUID(value) else str
    except ValueError:
        pass
    try:
        return datetime if _instant(value).tzinfo is not None else date
    except ValueError:
        return str


@pytest.mark.parametrize("path", sorted(WALKS))
async def test_cursors_at_the_edges_of_each_column_are_answered(
    client: httpx.AsyncClient, session: AsyncSession, path: str
):
    walk = WALKS[path]
    seeded = await walk.seed(session)
    url = API + path.format(**seeded.path_params)
    for order in walk.orders:
        params = {} if order is None else {"order": order}
        real = (await client.get(url, params={**params, "limit": str(LIMIT)})).json()["next_cursor"]
        tag, *values = _decode(real)
        for position, value in enumerate(values):
            for edge in EDGE_VALUES[_kind_of(value)]:
                changed = list(values)
                changed[position] = edge
                cursor = _encode([tag, *changed])
                response = await client.get(url, params={**params, "cursor": cursor})
                assert response.status_code == 200, (edge, response.text)
