"""Builders of evaluation data, through the same services the API uses."""

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.core.security import SYSTEM, Role
from grassroots.evaluations import cycles
from grassroots.evaluations.enums import EvaluationState
from grassroots.evaluations.models import (
    Evaluation,
    EvaluationCycle,
    EvaluationRating,
    EvaluationReview,
)
from grassroots.evaluations.schemas import CycleCreate
from grassroots.organizations.enums import Domain, Kind, Tier
from grassroots.organizations.models import Organization
from tests.builders import make_organization, make_user


def open_windows(days: int = 30) -> dict[str, Any]:
    """Windows of the three steps, all open now."""
    now = datetime.now(UTC)
    window = {"opens_at": now - timedelta(days=1), "closes_at": now + timedelta(days=days)}
    return {"self_assessment": window, "public_rating": window, "organizational_review": window}


def cycle_body(organization: Organization, **overrides: Any) -> dict[str, Any]:
    """A valid body for a cycle run by `organization`, every window open now."""
    body: dict[str, Any] = {
        "organization_id": organization.id,
        "name": "2026年度基层服务型党组织考核",
        "year": 2026,
        "windows": open_windows(),
    }
    body.update(overrides)
    return body


async def make_cycle(
    session: AsyncSession, *, organization: Organization, launch: bool = False, **overrides: Any
) -> EvaluationCycle:
    """A cycle run by `organization` (launched when asked), committed."""
    cycle = await cycles.create_cycle(
        session, SYSTEM, data=CycleCreate.model_validate(cycle_body(organization, **overrides))
    )
    if launch:
        await cycles.launch(session, cycle, organization)
    await session.commit()
    return cycle


async def make_evaluation(
    session: AsyncSession,
    *,
    state: EvaluationState = EvaluationState.SELF_ASSESSMENT,
    villages: int = 1,
    **overrides: Any,
) -> tuple[Organization, EvaluationCycle, list[Evaluation]]:
    """A county running a launched cycle over `villages` villages, its evaluations put in
    `state` (committed): (county, cycle, evaluations in the villages' order)."""
    county = await make_organization(session, kind=Kind.COMMITTEE, tier=Tier.COUNTY)
    made = [await make_organization(session, parent=county) for _ in range(villages)]
    cycle = await make_cycle(session, organization=county, launch=True, **overrides)
    found = {
        e.organization_id: e
        for e in await session.scalars(select(Evaluation).where(Evaluation.cycle_id == cycle.id))
    }
    evaluations = [found[village.id] for village in made]
    if state != EvaluationState.SELF_ASSESSMENT:
        await session.execute(
            update(Evaluation).where(Evaluation.cycle_id == cycle.id).values(state=state)
        )
        await session.commit()
        for evaluation in evaluations:
            await session.refresh(evaluation)
    return county, cycle, evaluations


def rating(evaluation_id: uuid.UUID, answers: tuple[int, ...], group: str = "resident") -> dict:
    """A rating row, with the sums the database keeps beside the answers."""
    return {
        "id": uuid.uuid4(),
        "evaluation_id": evaluation_id,
        "rater_group": group,
        "answers": list(answers),
        "answer_sum": sum(answers),
        "answer_count": len(answers),
        "satisfied_count": sum(1 for a in answers if a >= 4),
        "comment": None,
        "rated_on": date(2026, 6, 1),
    }


EXAMPLE = {  # EVALUATION-EXAMPLE.md: self score, public ratings, reviews
    "A": (92, [(5, 5, 4), (4, 4, 4), (5, 4, 5)], [88, 90]),
    "B": (95, [(5, 5, 5), (5, 5, 5), (2, 3, 5)], [70, 92, 93, 94, 99]),
    "C": (60, [(3, 3, 3)], [55]),
}


async def make_example_cycle(
    session: AsyncSession,
) -> tuple[Organization, EvaluationCycle, dict[str, Evaluation]]:
    """The cycle of EVALUATION-EXAMPLE.md, in organizational review with its self scores,
    ratings and submitted reviews in place (C is a community, A and B are rural)."""
    county = await make_organization(session, kind=Kind.COMMITTEE, tier=Tier.COUNTY)
    orgs = {
        "A": await make_organization(session, parent=county, name="甲村党支部"),
        "B": await make_organization(session, parent=county, name="乙村党支部"),
        "C": await make_organization(
            session, parent=county, name="丙社区党支部", domain=Domain.COMMUNITY
        ),
    }
    reviewers = [
        await make_user(session, organization=county, role=Role.REVIEWER) for _ in range(5)
    ]
    cycle = await make_cycle(
        session,
        organization=county,
        launch=True,
        min_public_ratings=3,
        reviewers=[{"user_id": r.id} for r in reviewers],
    )
    found = {
        e.organization_id: e
        for e in await session.scalars(select(Evaluation).where(Evaluation.cycle_id == cycle.id))
    }
    evaluations = {key: found[org.id] for key, org in orgs.items()}
    now = datetime.now(UTC)
    rows, reviews = [], []
    for key, (self_score, ratings, scores) in EXAMPLE.items():
        evaluation = evaluations[key]
        evaluation.state = EvaluationState.ORGANIZATIONAL_REVIEW
        evaluation.self_points, evaluation.self_max_points = self_score * 100, 10000
        evaluation.self_score = float(self_score)
        rows += [rating(evaluation.id, answers) for answers in ratings]
        for reviewer, score in zip(reviewers, scores, strict=False):
            reviews.append(
                EvaluationReview(
                    evaluation_id=evaluation.id,
                    organization_id=evaluation.organization_id,
                    reviewer_id=reviewer.id,
                    scores={},
                    points=score * 100,
                    max_points=10000,
                    score=float(score),
                    submitted_at=now,
                )
            )
    await session.execute(insert(EvaluationRating), rows)
    session.add_all(reviews)
    await session.commit()
    return county, cycle, evaluations
