"""A cycle from planning to confirmed grades, through the API, on the real schema."""

import asyncio
from decimal import Decimal

import httpx
from fastapi import FastAPI
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.core.audit import AuditEvent
from grassroots.core.security import Role
from grassroots.evaluations.models import Evaluation, EvaluationRating
from grassroots.organizations.enums import Kind, Tier
from tests.builders import assert_problem, bearer, make_organization, make_user
from tests.evaluations.builders import cycle_body, make_cycle

API = "/api/v1"


def _plain(value):  # datetimes and ids as JSON text
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "hex") and not isinstance(value, (str, bytes)):
        return str(value)
    return value


async def _county(session: AsyncSession):
    county = await make_organization(session, kind=Kind.COMMITTEE, tier=Tier.COUNTY)
    villages = [await make_organization(session, parent=county) for _ in range(3)]
    return county, villages


async def test_weights_must_sum_to_one_and_favour_the_public(
    client: httpx.AsyncClient, session: AsyncSession
):
    county, _ = await _county(session)
    for weights in (
        {"self": "0.3", "public": "0.3", "review": "0.3"},
        {"self": "0.2", "public": "0.3", "review": "0.5"},
    ):
        response = await client.post(
            f"{API}/evaluation-cycles", json=_plain(cycle_body(county, weights=weights))
        )
        assert_problem(response, 422, "evaluation_weights_invalid")
    created = await client.post(f"{API}/evaluation-cycles", json=_plain(cycle_body(county)))
    assert created.status_code == 201, created.text
    assert created.json()["weights"] == {"self": "0.2", "public": "0.4", "review": "0.4"}


async def test_review_groups_and_classification_shares_are_checked_and_stored(
    client: httpx.AsyncClient, session: AsyncSession
):
    county, _ = await _county(session)
    system = await make_user(session)
    local = await make_user(session)
    reviewers = [{"user_id": system.id, "group": "条"}, {"user_id": local.id, "group": "块"}]
    refused = {
        "evaluation_shares_invalid": {"advanced_share": "0.7", "lagging_share": "0.4"},
        "evaluation_review_groups_invalid": {
            "reviewers": reviewers,
            "review_groups": {"条": "0", "块": "0"},
        },
    }
    for code, overrides in refused.items():
        response = await client.post(
            f"{API}/evaluation-cycles", json=_plain(cycle_body(county, **overrides))
        )
        assert_problem(response, 422, code)
    outside = cycle_body(county, reviewers=reviewers, review_groups={"条": "0.6"})
    assert_problem(
        await client.post(f"{API}/evaluation-cycles", json=_plain(outside)),
        422,
        "evaluation_review_groups_invalid",
    )
    settings = {
        "reviewers": reviewers,
        "review_groups": {"条": "0.6", "块": "0.4"},
        "satisfaction_cap": "0.85",
        "advanced_share": "0.25",
        "lagging_share": "0.15",
    }
    created = await client.post(
        f"{API}/evaluation-cycles", json=_plain(cycle_body(county, **settings))
    )
    assert created.status_code == 201, created.text
    stored = (await client.get(f"{API}/evaluation-cycles/{created.json()['id']}")).json()
    assert {key: stored[key] for key in settings} == _plain(settings)


async def test_concurrent_launches_make_exactly_one_evaluation_per_target(
    app: FastAPI, client: httpx.AsyncClient, session: AsyncSession
):
    county, villages = await _county(session)
    cycle = await make_cycle(session, organization=county)
    preview = await client.get(f"{API}/evaluation-cycles/{cycle.id}/preview")
    assert {t["organization_id"] for t in preview.json()} == {str(v.id) for v in villages}
    responses = await asyncio.gather(
        *(client.post(f"{API}/evaluation-cycles/{cycle.id}/launch") for _ in range(6))
    )
    assert {r.status_code for r in responses} <= {200, 409}
    assert any(r.status_code == 200 for r in responses)
    count = await session.scalar(
        select(func.count()).select_from(Evaluation).where(Evaluation.cycle_id == cycle.id)
    )
    assert count == 3


async def test_a_cycle_from_self_assessment_to_confirmed_grades(
    app: FastAPI, client: httpx.AsyncClient, session: AsyncSession
):
    county, villages = await _county(session)
    reviewer = await make_user(session, organization=county, role=Role.REVIEWER)
    cycle = await make_cycle(
        session,
        organization=county,
        launch=True,
        min_public_ratings=3,
        reviewers=[{"user_id": reviewer.id}],
    )
    staff = await make_user(session, organization=villages[0], role=Role.ORG_STAFF)
    evaluation = await session.scalar(
        select(Evaluation).where(
            Evaluation.cycle_id == cycle.id, Evaluation.organization_id == villages[0].id
        )
    )
    assert evaluation is not None
    url = f"{API}/evaluations/{evaluation.id}"
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with (
        httpx.AsyncClient(transport=transport, base_url="http://t", headers=bearer(staff)) as own,
        httpx.AsyncClient(transport=transport, base_url="http://t", headers=bearer(reviewer)) as rv,
    ):
        seen = (await own.get(url)).json()
        assert seen["state"] == "self_assessment"
        assert seen["allowed_transitions"] == ["public_rating"]
        template = cycle.frozen_templates[seen["template_id"]]
        codes = [i["code"] for d in template["dimensions"] for i in d["indicators"]]
        maxima = {
            i["code"]: i["max_score"] for d in template["dimensions"] for i in d["indicators"]
        }
        early = await own.post(f"{url}/transitions", json={"to": "public_rating"})
        assert_problem(early, 422, "evaluation_incomplete")
        wrong = await own.post(f"{url}/transitions", json={"to": "finalized"})
        problem = assert_problem(wrong, 409, "evaluation_wrong_state")
        assert problem["allowed_states"] == ["public_rating"]
        # Every indicator at its maximum but the first, 8 points short: 92 of 100.
        scores = {code: str(maxima[code]) for code in codes}
        scores[codes[0]] = "0"
        saved = await own.put(
            f"{url}/self-assessment",
            json={
                "scores": scores,
                "narratives": {"A": "班子健全"},
                "evidence_links": [{"title": "台账", "url": "https://example.org/a"}],
            },
        )
        assert saved.status_code == 200, saved.text
        submitted = await own.post(f"{url}/transitions", json={"to": "public_rating"})
        assert submitted.status_code == 200, submitted.text
        assert submitted.json()["self_score"] == 92.0
        # The ratings of organization A in EVALUATION-EXAMPLE.md.
        for answers in ((5, 5, 4), (4, 4, 4), (5, 4, 5)):
            session.add(
                EvaluationRating(
                    evaluation_id=evaluation.id,
                    rater_group="resident",
                    answers=list(answers),
                    answer_sum=sum(answers),
                    answer_count=3,
                    satisfied_count=sum(1 for a in answers if a >= 4),
                )
            )
        await session.commit()
        assert (
            await client.post(f"{url}/transitions", json={"to": "organizational_review"})
        ).status_code == 200
        review = {code: str(maxima[code]) for code in codes}
        review[codes[0]] = "0"
        review[codes[1]] = str(Decimal(maxima[codes[1]]) - 4)  # 88 of 100
        mine = await rv.put(f"{url}/reviews/mine", json={"scores": review, "submit": True})
        assert mine.status_code == 201, mine.text
        again = await rv.put(f"{url}/reviews/mine", json={"scores": review})
        assert_problem(again, 409, "evaluation_review_final")
        finalized = await client.post(f"{url}/transitions", json={"to": "finalized"})
        assert finalized.status_code == 200, finalized.text
        body = finalized.json()
        # 0.2 × 92 + 0.4 × 86.111… + 0.4 × 88 = 88.04
        assert body["total"] == 88.04 and body["computed_grade"] == "good"
        assert body["rank"] == 1 and body["rating_count"] == 3
        hidden = (await own.get(url)).json()
        assert hidden["grade"] is None and hidden["total"] is None
        refused = await client.post(f"{url}/confirm", json={"grade": "excellent"})
        assert_problem(refused, 422, "evaluation_reason_required")
        confirmed = await client.post(
            f"{url}/confirm", json={"grade": "excellent", "reason": "群众评价突出，经研究定为好"}
        )
        assert confirmed.json()["grade"] == "excellent"
        assert confirmed.json()["computed_grade"] == "good"
        shown = (await own.get(url)).json()
        assert shown["grade"] == "excellent" and shown["total"] == 88.04
        reopened = await client.post(f"{url}/transitions", json={"to": "organizational_review"})
        assert_problem(reopened, 422, "evaluation_reason_required")
        reopened = await client.post(
            f"{url}/transitions", json={"to": "organizational_review", "reason": "复核"}
        )
        assert reopened.json()["state"] == "organizational_review"
    audited = await session.scalar(
        select(func.count())
        .select_from(AuditEvent)
        .where(AuditEvent.entity_id == str(evaluation.id), AuditEvent.action == "transition")
    )
    assert audited == 4
