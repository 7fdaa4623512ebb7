"""The evaluation list: a constant number of statements per page, and reviewers' lists from
the assignment table."""

from contextlib import contextmanager

import httpx
from fastapi import FastAPI
from sqlalchemy import event, select
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.core.audit import AuditEvent
from grassroots.core.security import Role
from grassroots.evaluations.models import EvaluationCycleReviewer
from tests.builders import bearer, make_user
from tests.evaluations.builders import make_evaluation

API = "/api/v1"


@contextmanager
def count_statements(app: FastAPI):
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args):
        statements.append(statement)

    engine = app.state.engine.sync_engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


async def test_a_page_of_evaluations_takes_the_same_statements_whatever_its_size(
    app: FastAPI, client: httpx.AsyncClient, session: AsyncSession
):
    for _ in range(2):  # two cycles, run by two counties
        await make_evaluation(session, villages=6)
    await client.get("/api/v1/me")  # on PostgreSQL the caller is remembered from here on
    counts = []
    for limit in (1, 12):
        with count_statements(app) as statements:
            response = await client.get(f"{API}/evaluations", params={"limit": limit})
        assert response.status_code == 200 and len(response.json()["items"]) == limit
        counts.append(len(statements))
    assert counts[0] == counts[1], counts


async def test_reviewers_see_the_evaluations_of_the_cycles_assigning_them(
    app: FastAPI, client: httpx.AsyncClient, session: AsyncSession
):
    county, cycle, _ = await make_evaluation(session, villages=3)
    await make_evaluation(session, villages=2)  # another county's cycle
    reviewer = await make_user(session, organization=county, role=Role.REVIEWER)
    unassigned = await make_user(session, organization=county, role=Role.REVIEWER)
    body = (await client.get(f"{API}/evaluation-cycles/{cycle.id}")).json()
    settings = {k: body[k] for k in ("name", "year", "windows")}
    # Launched cycles keep their settings: assign before launching, in a fresh cycle.
    fresh = await client.post(
        f"{API}/evaluation-cycles",
        json={**settings, "organization_id": str(county.id)},
    )
    assert fresh.status_code == 201, fresh.text
    fresh_id, fresh_etag = fresh.json()["id"], fresh.headers["ETag"]
    put = await client.put(
        f"{API}/evaluation-cycles/{fresh_id}",
        json={**settings, "reviewers": [{"user_id": str(reviewer.id), "group": None}]},
        headers={"If-Match": fresh_etag},
    )
    assert put.status_code == 200, put.text
    assert put.json()["reviewers"] == [{"user_id": str(reviewer.id), "group": None}]
    assert put.headers["ETag"] != fresh_etag
    launched = await client.post(f"{API}/evaluation-cycles/{fresh_id}/launch")
    assert launched.json()["created"] == 3
    stored = (await session.scalars(select(EvaluationCycleReviewer))).all()
    assert [(str(r.cycle_id), r.user_id) for r in stored] == [(fresh_id, reviewer.id)]
    audited = await session.scalar(
        select(AuditEvent).where(
            AuditEvent.entity_id == fresh_id, AuditEvent.action == "assign_reviewers"
        )
    )
    assert audited is not None and audited.changes["reviewers"]["new"][0]["user_id"] == str(
        reviewer.id
    )
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    for user, expected in ((reviewer, 3), (unassigned, 0)):
        async with httpx.AsyncClient(
            transport=transport, base_url="http://t", headers=bearer(user)
        ) as caller:
            listed = (await caller.get(f"{API}/evaluations")).json()["items"]
            assert len(listed) == expected
            assert all(item["cycle_id"] == fresh_id for item in listed)
