"""A secretaries' duty review (述职评议), end to end through the API: targets are the
secretaries in office, the self-assessment needs a written duty report, the public rates the
secretary by name, reviewers review, and the result appears under the member."""

import httpx
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.core.security import Role
from grassroots.organizations.enums import Kind, Tier
from tests.builders import assert_problem, bearer, make_member, make_organization, make_user
from tests.evaluations.builders import open_windows

API = "/api/v1"


def _json(value):
    if isinstance(value, dict):
        return {k: _json(v) for k, v in value.items()}
    return value.isoformat() if hasattr(value, "isoformat") else value


async def test_a_secretaries_cycle_from_launch_to_confirmed_grades(
    app: FastAPI, client: httpx.AsyncClient, anonymous: httpx.AsyncClient, session: AsyncSession
):
    county = await make_organization(session, kind=Kind.COMMITTEE, tier=Tier.COUNTY)
    village = await make_organization(session, parent=county, name="红旗村党支部")
    await make_organization(session, parent=county, name="无书记村党支部")
    secretary = await make_member(
        session, organization=village, name="李书记", positions=[{"position": "secretary"}]
    )
    await make_member(session, organization=village, name="王委员")
    reviewer = await make_user(session, organization=county, role=Role.REVIEWER)
    staff = await make_user(session, organization=village, role=Role.ORG_STAFF)
    created = await client.post(
        f"{API}/evaluation-cycles",
        json={
            "organization_id": str(county.id),
            "name": "2026年度村党组织书记抓基层党建述职评议",
            "year": 2026,
            "subject": "secretary",
            "windows": {k: _json(v) for k, v in open_windows().items()},
            "min_public_ratings": 2,
            "reviewers": [{"user_id": str(reviewer.id)}],
        },
    )
    assert created.status_code == 201, created.text
    cycle_id = created.json()["id"]
    preview = (await client.get(f"{API}/evaluation-cycles/{cycle_id}/preview")).json()
    assert [(t["organization_id"], t["member_id"], t["member_name"]) for t in preview] == [
        (str(village.id), str(secretary.id), "李书记")
    ]
    launched = await client.post(f"{API}/evaluation-cycles/{cycle_id}/launch")
    assert launched.json() == {"created": 1, "evaluations": 1}
    listed = (
        await client.get(f"{API}/evaluations", params={"member_id": str(secretary.id)})
    ).json()
    (found,) = listed["items"]
    assert found["member_id"] == str(secretary.id) and found["cycle_id"] == cycle_id
    url = f"{API}/evaluations/{found['id']}"
    template = (await client.get(f"{API}/evaluation-cycles/{cycle_id}")).json()
    assert template["subject"] == "secretary"

    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with (
        httpx.AsyncClient(transport=transport, base_url="http://t", headers=bearer(staff)) as own,
        httpx.AsyncClient(transport=transport, base_url="http://t", headers=bearer(reviewer)) as rv,
    ):
        facts = await own.get(f"{url}/facts")
        assert facts.status_code == 200 and facts.json()["secretary_in_place"] is True
        indicators = [
            (i["code"], i["max_score"])
            for d in (await own.get(f"{API}/evaluation-templates/{found['template_id']}")).json()[
                "dimensions"
            ]
            for i in d["indicators"]
        ]
        scores = {code: str(maximum) for code, maximum in indicators}
        saved = await own.put(f"{url}/self-assessment", json={"scores": scores})
        assert saved.status_code == 200, saved.text
        missing = await own.post(f"{url}/transitions", json={"to": "public_rating"})
        assert_problem(missing, 422, "evaluation_incomplete")
        report = "一年来，带头落实“三会一课”，走访群众三百余户，办成民生实事十二件。"
        saved = await own.put(
            f"{url}/self-assessment", json={"scores": scores, "duty_report": report}
        )
        assert saved.json()["duty_report"] == report
        submitted = await own.post(f"{url}/transitions", json={"to": "public_rating"})
        assert submitted.status_code == 200, submitted.text
        assert submitted.json()["self_score"] == 100.0

        codes = (await client.post(f"{url}/invitations", json={"count": 2})).json()["codes"]
        token = submitted.json()["rating_link"].rsplit("/", 1)[1]
        page = (await anonymous.get(f"{API}/public/ratings/{token}")).json()
        assert page["subject"] == "secretary" and page["secretary_name"] == "李书记"
        assert page["organization_name"] == "红旗村党支部" and page["open"] is True
        answers = {q["code"]: 5 for q in page["questionnaire"]["questions"]}
        for code, group in zip(codes, ("member", "resident"), strict=True):
            rated = await anonymous.post(
                f"{API}/public/ratings/{token}",
                json={"answers": answers, "rater_group": group, "invitation_code": code},
            )
            assert rated.status_code == 201, rated.text
        figures = (await own.get(f"{url}/public-figures")).json()
        assert figures["overall"]["count"] == 2 and figures["overall"]["satisfaction_rate"] == 1
        assert figures["by_group"]["member"]["count"] == 1

        moved = await client.post(f"{url}/transitions", json={"to": "organizational_review"})
        assert moved.status_code == 200, moved.text
        assert_problem(await rv.get(f"{url}/reviews/mine"), 404, "evaluation_review_not_started")
        draft = {code: str(maximum) for code, maximum in indicators}
        first_code = indicators[0][0]
        draft[first_code] = "0"
        assert (await rv.put(f"{url}/reviews/mine", json={"scores": draft})).status_code == 201
        mine = await rv.get(f"{url}/reviews/mine")
        assert mine.status_code == 200 and mine.json()["submitted_at"] is None
        submitted_review = await rv.put(
            f"{url}/reviews/mine",
            json={"scores": draft, "comment": "履职尽责", "submit": True},
            headers={"If-Match": mine.headers["ETag"]},
        )
        assert submitted_review.status_code == 200, submitted_review.text
        all_reviews = (await client.get(f"{url}/reviews")).json()
        assert [(r["reviewer_id"], r["comment"]) for r in all_reviews] == [
            (str(reviewer.id), "履职尽责")
        ]
        assert all_reviews[0]["submitted_at"] is not None
        assert (await own.get(f"{url}/reviews")).status_code == 403

        finalized = await client.post(f"{url}/transitions", json={"to": "finalized"})
        assert finalized.status_code == 200, finalized.text
        review_score = all_reviews[0]["score"]
        expected = round(0.2 * 100 + 0.4 * 100 + 0.4 * review_score, 2)
        assert finalized.json()["total"] == expected
        results = (await client.get(f"{API}/evaluation-cycles/{cycle_id}/results")).json()
        (row,) = results["items"]
        assert row["member_name"] == row["subject_name"] == "李书记"
        assert row["organization_name"] == "红旗村党支部" and row["rank"] == 1
        assert (await own.get(url)).json()["grade"] is None
        confirmed = await client.post(f"{API}/evaluation-cycles/{cycle_id}/confirm")
        assert confirmed.json() == {"changed": 1}
        shown = (
            await own.get(f"{API}/evaluations", params={"member_id": str(secretary.id)})
        ).json()
        assert shown["items"][0]["grade"] == finalized.json()["computed_grade"]
