"""A finalized evaluation takes no write until it is reopened."""

from datetime import timedelta

import httpx
from fastapi import FastAPI
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.core.db import utcnow
from grassroots.evaluations import ratings
from grassroots.evaluations.models import (
    Evaluation,
    EvaluationInvitation,
    EvaluationRating,
    EvaluationReview,
)
from grassroots.users.models import User
from tests.builders import assert_problem, bearer
from tests.evaluations.builders import make_example_cycle

API = "/api/v1"


async def test_a_finalized_evaluation_refuses_every_write_until_reopened(
    app: FastAPI, client: httpx.AsyncClient, anonymous: httpx.AsyncClient, session: AsyncSession
):
    _, cycle, evaluations = await make_example_cycle(session)
    evaluation = evaluations["A"]
    url = f"{API}/evaluations/{evaluation.id}"
    code = ratings.new_code()
    session.add(
        EvaluationInvitation(evaluation_id=evaluation.id, code_hash=ratings.invitation_hash(code))
    )
    await session.commit()
    assert (await client.post(f"{API}/evaluation-cycles/{cycle.id}/finalize")).status_code == 200
    reviewer_id = await session.scalar(
        select(EvaluationReview.reviewer_id).where(EvaluationReview.evaluation_id == evaluation.id)
    )
    reviewer = await session.get(User, reviewer_id)
    assert reviewer is not None
    later = (utcnow() + timedelta(days=60)).isoformat()
    rating = {"answers": {"Q1": 5, "Q2": 5, "Q3": 5}, "rater_group": "resident"}
    token_url = f"{API}/public/ratings/{evaluation.public_token}"
    before = (await client.get(url)).json()

    refused = [
        await client.put(f"{url}/self-assessment", json={"narratives": {"A": "补充"}}),
        await client.post(f"{url}/window-extensions", json={"step": "self", "closes_at": later}),
        await client.post(f"{url}/window-extensions", json={"step": "public", "closes_at": later}),
        await client.post(f"{url}/invitations", json={"count": 1}),
        await client.post(
            f"{API}/evaluation-cycles/{cycle.id}/targets",
            json={"organization_id": str(evaluation.organization_id), "reason": "补充"},
        ),
        await client.post(
            f"{url}/withdraw",
            json={"organization_id": str(evaluation.organization_id), "reason": "撤出"},
        ),
        await client.put(f"{url}/reviews/mine", json={"scores": {}}, headers=bearer(reviewer)),
        await anonymous.post(token_url, json={**rating, "invitation_code": code}),
        await anonymous.post(f"{token_url}/otp", json={"phone": "13800138000"}),
    ]
    codes = [r.status_code if r.status_code != 409 else r.json()["code"] for r in refused]
    # Adding a target that is already in the cycle changes nothing and says so.
    assert codes == ["evaluation_finalized"] * 4 + [200] + ["evaluation_finalized"] * 4
    assert (await anonymous.get(token_url)).json()["open"] is False
    await session.refresh(evaluation)
    after = (await client.get(url)).json()
    assert after == before
    assert (
        await session.scalar(
            select(func.count())
            .select_from(EvaluationRating)
            .where(EvaluationRating.evaluation_id == evaluation.id)
        )
        == 3
    )

    reopened = await client.post(
        f"{url}/transitions", json={"to": "organizational_review", "reason": "复核群众意见"}
    )
    assert reopened.status_code == 200, reopened.text
    extended = await client.post(
        f"{url}/window-extensions", json={"step": "review", "closes_at": later}
    )
    assert extended.status_code == 200, extended.text
    # The reviewer's submitted review stays final: only a return to self-assessment opens it.
    again = await client.put(f"{url}/reviews/mine", json={"scores": {}}, headers=bearer(reviewer))
    assert_problem(again, 409, "evaluation_review_final")
    stored = await session.get(Evaluation, evaluation.id, populate_existing=True)
    assert stored is not None and stored.state == "organizational_review"
