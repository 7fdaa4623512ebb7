"""Public rating with no account: the page, invitation codes, one-time codes by SMS, one
rating per rater under concurrency, windows, throttling, anonymity, and the staff figures."""

import asyncio
import json
import re
from datetime import timedelta

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, inspect, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.core.audit import AuditEvent
from grassroots.core.db import utcnow
from grassroots.evaluations import ratings
from grassroots.evaluations.enums import EvaluationState
from grassroots.evaluations.models import (
    Evaluation,
    EvaluationCycle,
    EvaluationInvitation,
    EvaluationOtp,
    EvaluationRater,
    EvaluationRating,
)
from tests.builders import assert_problem
from tests.evaluations.builders import make_evaluation

API = "/api/v1"
PHONE = "13800138000"
ANSWERS = {"Q1": 5, "Q2": 4, "Q3": 3}


async def _public_evaluation(session: AsyncSession, **overrides) -> Evaluation:
    _, _, (evaluation,) = await make_evaluation(
        session, state=EvaluationState.PUBLIC_RATING, **overrides
    )
    return evaluation


async def _codes(client: httpx.AsyncClient, evaluation: Evaluation, count: int) -> list[str]:
    response = await client.post(
        f"{API}/evaluations/{evaluation.id}/invitations", json={"count": count}
    )
    assert response.status_code == 201, response.text
    codes: list[str] = response.json()["codes"]
    return codes


async def _otp(app: FastAPI, anonymous: httpx.AsyncClient, token: str, phone: str) -> str:
    sent = await anonymous.post(f"{API}/public/ratings/{token}/otp", json={"phone": phone})
    assert sent.status_code == 202, sent.text
    assert sent.json() == {"expires_in": 600, "attempts": 5}
    code: str = app.state.sms.last_code(ratings.normalized_phone(phone))
    return code


async def test_a_resident_and_a_member_rate_and_staff_see_the_figures(
    app: FastAPI, client: httpx.AsyncClient, anonymous: httpx.AsyncClient, session: AsyncSession
):
    evaluation = await _public_evaluation(session)
    url = f"{API}/public/ratings/{evaluation.public_token}"
    page = await anonymous.get(url)
    assert page.status_code == 200, page.text
    body = page.json()
    assert body["open"] is True and body["subject"] == "organization"
    assert body["secretary_name"] is None and body["organization_name"]
    assert [q["code"] for q in body["questionnaire"]["questions"]] == ["Q1", "Q2", "Q3"]
    assert_problem(await anonymous.get(f"{API}/public/ratings/{'x' * 32}"), 404, "rating_not_found")

    codes = await _codes(client, evaluation, 3)
    assert len(set(codes)) == 3 and all(re.fullmatch(r"[A-Z2-9]{5}-[A-Z2-9]{5}", c) for c in codes)
    by_code = {"answers": ANSWERS, "rater_group": "resident", "invitation_code": codes[0]}
    first = await anonymous.post(url, json={**by_code, "comment": "服务很好，办事不用跑腿"})
    assert first.status_code == 201, first.text
    assert first.json() == {"received": True}
    # The same code again, as typed by hand (lower case, no dash): refused.
    again = {**by_code, "invitation_code": codes[0].lower().replace("-", "")}
    assert_problem(await anonymous.post(url, json=again), 409, "rating_already_given")
    unknown = {**by_code, "invitation_code": "ABCDE-FGHJK"}
    problem = assert_problem(
        await anonymous.post(url, json=unknown), 422, "rating_credential_invalid"
    )
    assert problem["reason"] == "unknown_invitation"
    partial = {**by_code, "invitation_code": codes[1], "answers": {"Q1": 5, "Q9": 5}}
    problem = assert_problem(await anonymous.post(url, json=partial), 422, "rating_answers_invalid")
    assert problem["missing"] == ["Q2", "Q3"] and problem["unknown"] == ["Q9"]
    both = {**by_code, "phone": PHONE, "otp_code": "123456"}
    assert_problem(await anonymous.post(url, json=both), 422)

    otp = await _otp(app, anonymous, evaluation.public_token, "+86 " + PHONE)
    assert re.fullmatch(r"[0-9]{6}", otp)
    by_phone = {"answers": {"Q1": 4, "Q2": 4, "Q3": 5}, "rater_group": "member", "phone": PHONE}
    wrong = f"{(int(otp) + 1) % 10**6:06d}"
    problem = assert_problem(
        await anonymous.post(url, json={**by_phone, "otp_code": wrong}),
        422,
        "rating_credential_invalid",
    )
    assert problem["reason"] == "otp_wrong" and problem["attempts_left"] == 4
    right = await anonymous.post(url, json={**by_phone, "otp_code": otp})
    assert right.status_code == 201, right.text
    # The code is spent; a new one for the same phone proves the phone, which has rated.
    spent = await anonymous.post(url, json={**by_phone, "otp_code": otp})
    assert_problem(spent, 422, "rating_credential_invalid")
    otp = await _otp(app, anonymous, evaluation.public_token, PHONE)
    twice = await anonymous.post(url, json={**by_phone, "otp_code": otp})
    assert_problem(twice, 409, "rating_already_given")

    figures = await client.get(f"{API}/evaluations/{evaluation.id}/public-figures")
    assert figures.status_code == 200, figures.text
    f = figures.json()
    assert f["overall"]["count"] == 2
    assert f["overall"]["satisfaction_rate"] == round(5 / 6, 4)  # 5, 4, 4, 4, 5 of six answers
    assert f["overall"]["distribution"]["Q1"] == {"1": 0, "2": 0, "3": 0, "4": 1, "5": 1}
    assert f["overall"]["distribution"]["Q3"] == {"1": 0, "2": 0, "3": 1, "4": 0, "5": 1}
    assert f["by_group"]["resident"]["count"] == 1
    assert f["by_group"]["resident"]["satisfaction_rate"] == round(2 / 3, 4)
    assert f["by_group"]["member"]["satisfaction_rate"] == 1.0
    assert f["by_group"]["member"]["distribution"]["Q2"]["4"] == 1
    assert f["comment_count"] == 1
    assert [(c["rater_group"], c["text"]) for c in f["comments"]] == [
        ("resident", "服务很好，办事不用跑腿")
    ]
    stored = (await session.execute(select(EvaluationRating.answers))).scalars().all()
    assert sorted(stored) == [[4, 4, 5], [5, 4, 3]]
    assert await session.scalar(select(func.count()).select_from(EvaluationRater)) == 2


async def test_one_time_codes_expire_and_allow_five_tries(
    app: FastAPI, anonymous: httpx.AsyncClient, session: AsyncSession
):
    evaluation = await _public_evaluation(session)
    url = f"{API}/public/ratings/{evaluation.public_token}"
    otp = await _otp(app, anonymous, evaluation.public_token, PHONE)
    body = {"answers": ANSWERS, "rater_group": "resident", "phone": PHONE}
    stored = await session.scalar(select(EvaluationOtp))
    assert stored is not None and otp not in {stored.code_hash, stored.phone_hash}
    wrong = f"{(int(otp) + 1) % 10**6:06d}"
    for left in (4, 3, 2, 1, 0):
        problem = assert_problem(
            await anonymous.post(url, json={**body, "otp_code": wrong}),
            422,
            "rating_credential_invalid",
        )
        assert problem["attempts_left"] == left
    exhausted = await anonymous.post(url, json={**body, "otp_code": otp})
    assert assert_problem(exhausted, 422, "rating_credential_invalid")["reason"] == "otp_expired"
    otp = await _otp(app, anonymous, evaluation.public_token, PHONE)
    await session.execute(update(EvaluationOtp).values(expires_at=utcnow() - timedelta(seconds=1)))
    await session.commit()
    expired = await anonymous.post(url, json={**body, "otp_code": otp})
    assert assert_problem(expired, 422, "rating_credential_invalid")["reason"] == "otp_expired"
    assert await session.scalar(select(func.count()).select_from(EvaluationRating)) == 0


async def test_ratings_are_refused_outside_public_rating_and_its_window(
    client: httpx.AsyncClient, anonymous: httpx.AsyncClient, session: AsyncSession
):
    _, cycle, (evaluation,) = await make_evaluation(session)
    url = f"{API}/public/ratings/{evaluation.public_token}"
    codes = await _codes(client, evaluation, 1)
    body = {"answers": ANSWERS, "rater_group": "resident", "invitation_code": codes[0]}
    assert (await anonymous.get(url)).json()["open"] is False
    problem = assert_problem(await anonymous.post(url, json=body), 409, "evaluation_wrong_state")
    assert problem["allowed_states"] == ["public_rating"]
    otp = await anonymous.post(f"{url}/otp", json={"phone": PHONE})
    assert_problem(otp, 409, "evaluation_wrong_state")
    await session.execute(
        update(Evaluation).where(Evaluation.id == evaluation.id).values(state="public_rating")
    )
    past = utcnow() - timedelta(days=1)
    await session.execute(
        update(EvaluationCycle)
        .where(EvaluationCycle.id == cycle.id)
        .values(public_opens_at=past - timedelta(days=10), public_closes_at=past)
    )
    await session.commit()
    assert (await anonymous.get(url)).json()["open"] is False
    assert_problem(await anonymous.post(url, json=body), 409, "evaluation_window_closed")
    # An admin keeps the window open longer for this evaluation: the rating is taken.
    extended = await client.post(
        f"{API}/evaluations/{evaluation.id}/window-extensions",
        json={"step": "public", "closes_at": (utcnow() + timedelta(days=1)).isoformat()},
    )
    assert extended.status_code == 200, extended.text
    assert (await anonymous.post(url, json=body)).status_code == 201


async def test_failed_tries_are_throttled_per_client_address(
    anonymous: httpx.AsyncClient, session: AsyncSession
):
    evaluation = await _public_evaluation(session)
    url = f"{API}/public/ratings/{evaluation.public_token}"
    body = {"answers": ANSWERS, "rater_group": "resident", "invitation_code": "ABCDE-FGHJK"}
    for _ in range(ratings.ADDRESS_FAILURES):
        assert_problem(await anonymous.post(url, json=body), 422, "rating_credential_invalid")
    throttled = await anonymous.post(url, json=body)
    assert_problem(throttled, 429, "rating_throttled")
    assert 0 < int(throttled.headers["Retry-After"]) <= 15 * 60


async def test_codes_sent_are_throttled_per_phone(
    anonymous: httpx.AsyncClient, session: AsyncSession
):
    evaluation = await _public_evaluation(session)
    url = f"{API}/public/ratings/{evaluation.public_token}/otp"
    for _ in range(ratings.PHONE_CODES):
        assert (await anonymous.post(url, json={"phone": PHONE})).status_code == 202
    throttled = await anonymous.post(url, json={"phone": PHONE})
    assert_problem(throttled, 429, "rating_throttled")
    assert int(throttled.headers["Retry-After"]) > 0


async def test_fifty_concurrent_submissions_with_one_code_store_one_rating(
    client: httpx.AsyncClient, anonymous: httpx.AsyncClient, session: AsyncSession
):
    evaluation = await _public_evaluation(session)
    (code,) = await _codes(client, evaluation, 1)
    url = f"{API}/public/ratings/{evaluation.public_token}"
    body = {"answers": ANSWERS, "rater_group": "resident", "invitation_code": code}
    responses = await asyncio.gather(*(anonymous.post(url, json=body) for _ in range(50)))
    statuses = [r.status_code for r in responses]
    assert statuses.count(201) == 1, statuses
    assert set(statuses) <= {201, 409, 429}, [r.text for r in responses if r.status_code >= 500]
    assert await session.scalar(select(func.count()).select_from(EvaluationRating)) == 1
    assert await session.scalar(select(func.count()).select_from(EvaluationRater)) == 1


async def test_nothing_ties_a_rating_to_its_rater(
    app: FastAPI, client: httpx.AsyncClient, anonymous: httpx.AsyncClient, session: AsyncSession
):
    evaluation = await _public_evaluation(session)
    url = f"{API}/public/ratings/{evaluation.public_token}"
    (code,) = await _codes(client, evaluation, 1)
    body = {"answers": ANSWERS, "rater_group": "resident", "comment": "好"}
    assert (await anonymous.post(url, json={**body, "invitation_code": code})).status_code == 201
    otp = await _otp(app, anonymous, evaluation.public_token, PHONE)
    by_phone = {**body, "phone": PHONE, "otp_code": otp}
    assert (await anonymous.post(url, json=by_phone)).status_code == 201

    traces = {
        PHONE,
        code,
        code.replace("-", ""),
        ratings.rater_hash(evaluation.id, phone=PHONE),
        ratings.rater_hash(evaluation.id, code=code),
        ratings.invitation_hash(code),
    }
    # The rating rows hold no hash, address or instant; the rater rows no time or link.
    assert set(EvaluationRating.__table__.c.keys()) == {
        "id",
        "evaluation_id",
        "rater_group",
        "answers",
        "answer_sum",
        "answer_count",
        "satisfied_count",
        "comment",
        "rated_on",
    }
    assert set(EvaluationRater.__table__.c.keys()) == {"evaluation_id", "rater_hash"}
    rater_hashes = set((await session.execute(select(EvaluationRater.rater_hash))).scalars())
    assert rater_hashes == {
        ratings.rater_hash(evaluation.id, phone=PHONE),
        ratings.rater_hash(evaluation.id, code=code),
    }
    assert set((await session.execute(select(EvaluationInvitation.code_hash))).scalars()) == {
        ratings.invitation_hash(code)
    }
    seen = [
        (await client.get(f"{API}/evaluations/{evaluation.id}/public-figures")).text,
        (await client.get(f"{API}/evaluations/{evaluation.id}")).text,
        (
            await client.get(f"{API}/evaluations", params={"cycle_id": str(evaluation.cycle_id)})
        ).text,
        (await anonymous.get(url)).text,
        (await client.get(f"{API}/audit-events", params={"limit": 200})).text,
    ]
    audit_rows = (await session.execute(select(AuditEvent))).scalars().all()
    assert audit_rows, "the invitations at least are audited"
    seen += [
        json.dumps(
            {a.key: str(getattr(row, a.key)) for a in inspect(AuditEvent).column_attrs},
            ensure_ascii=False,
        )
        for row in audit_rows
    ]
    for text in seen:
        for secret in traces:
            assert secret not in text


async def test_the_qr_codes_encode_the_rating_link(
    app: FastAPI, client: httpx.AsyncClient, session: AsyncSession, monkeypatch: pytest.MonkeyPatch
):
    evaluation = await _public_evaluation(session)
    svg = await client.get(f"{API}/evaluations/{evaluation.id}/qr.svg")
    assert svg.status_code == 200 and svg.headers["content-type"].startswith("image/svg+xml")
    link = f"http://testserver/rate/{evaluation.public_token}"
    assert svg.content == ratings.qr_code(link, "svg")
    monkeypatch.setattr(app.state.settings, "public_base_url", "https://pingyi.example.gov.cn/")
    png = await client.get(f"{API}/evaluations/{evaluation.id}/qr.png")
    assert png.headers["content-type"] == "image/png" and png.content.startswith(b"\x89PNG")
    link = f"https://pingyi.example.gov.cn/rate/{evaluation.public_token}"
    assert png.content == ratings.qr_code(link, "png")
