"""What the self-assessment and review forms read: the frozen template of an evaluation, whether
the caller writes the self-assessment or reviews, and the rating link (a path on this site
unless PUBLIC_BASE_URL says where rating pages live)."""

import httpx
from fastapi import FastAPI
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.core.security import Role
from grassroots.evaluations.models import Evaluation, EvaluationCycle
from grassroots.main import create_app
from grassroots.organizations.enums import Kind, Tier
from tests.builders import bearer, make_organization, make_user, settings_for_tests
from tests.evaluations.builders import make_cycle

API = "/api/v1"


async def test_the_form_reads_the_frozen_template_and_who_may_write_what(
    app: FastAPI, session: AsyncSession
):
    county = await make_organization(session, kind=Kind.COMMITTEE, tier=Tier.COUNTY)
    village = await make_organization(session, parent=county)
    reviewer = await make_user(session, organization=county, role=Role.REVIEWER)
    staff = await make_user(session, organization=village, role=Role.ORG_STAFF)
    cycle = await make_cycle(
        session, organization=county, launch=True, reviewers=[{"user_id": reviewer.id}]
    )
    evaluation = await session.scalar(select(Evaluation).where(Evaluation.cycle_id == cycle.id))
    assert evaluation is not None
    url = f"{API}/evaluations/{evaluation.id}"
    frozen = cycle.frozen_templates[evaluation.template_id]
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with (
        httpx.AsyncClient(transport=transport, base_url="http://t", headers=bearer(staff)) as own,
        httpx.AsyncClient(transport=transport, base_url="http://t", headers=bearer(reviewer)) as rv,
    ):
        for caller in (own, rv):
            template = await caller.get(f"{url}/template")
            assert template.status_code == 200, template.text
            body = template.json()
            assert body["id"] == evaluation.template_id
            assert [d["code"] for d in body["dimensions"]] == [
                d["code"] for d in frozen["dimensions"]
            ]
            assert body["questionnaire"]["questions"] == frozen["questionnaire"]["questions"]
        mine = (await own.get(url)).json()
        assert mine["can_self_assess"] is True and mine["reviewing"] is False
        assert mine["rating_link"] == f"/rate/{evaluation.public_token}"
        theirs = (await rv.get(url)).json()
        assert theirs["can_self_assess"] is False and theirs["reviewing"] is True
        assert theirs["rating_link"] is None
    # The frozen copy, not the template table, is what is served.
    changed = dict(frozen, dimensions=frozen["dimensions"][:1])
    await session.execute(
        update(EvaluationCycle)
        .where(EvaluationCycle.id == cycle.id)
        .values(frozen_templates={evaluation.template_id: changed})
    )
    await session.commit()
    async with httpx.AsyncClient(
        transport=transport, base_url="http://t", headers=bearer(staff)
    ) as own:
        body = (await own.get(f"{url}/template")).json()
        assert len(body["dimensions"]) == 1


async def test_the_rating_link_is_absolute_only_under_a_public_base_url(
    database_url: str, session: AsyncSession
):
    county = await make_organization(session, kind=Kind.COMMITTEE, tier=Tier.COUNTY)
    await make_organization(session, parent=county)
    staff = await make_user(session, organization=county, role=Role.ADMIN)
    cycle = await make_cycle(session, organization=county, launch=True)
    evaluation = await session.scalar(select(Evaluation).where(Evaluation.cycle_id == cycle.id))
    assert evaluation is not None
    settings = settings_for_tests(database_url).model_copy(
        update={"public_base_url": "https://rate.example.gov.cn/"}
    )
    served = create_app(settings)
    try:
        transport = httpx.ASGITransport(app=served, raise_app_exceptions=False)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://t", headers=bearer(staff)
        ) as admin:
            one = (await admin.get(f"{API}/evaluations/{evaluation.id}")).json()
            listed = (await admin.get(f"{API}/evaluations")).json()["items"]
    finally:
        await served.state.engine.dispose()
    link = f"https://rate.example.gov.cn/rate/{evaluation.public_token}"
    assert one["rating_link"] == link
    assert [e["rating_link"] for e in listed] == [link]
