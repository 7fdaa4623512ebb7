"""The organizational review: each assigned reviewer's scores, final once submitted."""

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.core.db import utcnow
from grassroots.core.security import Principal
from grassroots.core.versioning import check_if_match
from grassroots.evaluations.enums import EvaluationState, Step
from grassroots.evaluations.evaluations import (
    Loaded,
    ensure_open,
    ensure_state,
    indicators_of,
    points_of,
)
from grassroots.evaluations.exceptions import (
    Incomplete,
    NotAReviewer,
    ReviewFinal,
    ReviewNotStarted,
)
from grassroots.evaluations.models import EvaluationReview
from grassroots.evaluations.schemas import ReviewBody


async def my_review(
    session: AsyncSession, loaded: Loaded, principal: Principal
) -> EvaluationReview | None:
    """The caller's review of this evaluation, if they have started one."""
    assigned, _ = loaded.reviewer_group(principal)
    if not assigned:
        raise NotAReviewer(f"Evaluation {loaded.evaluation.id} does not exist.")
    return await session.scalar(
        select(EvaluationReview).where(
            EvaluationReview.evaluation_id == loaded.evaluation.id,
            EvaluationReview.reviewer_id == principal.id,
        )
    )


async def get_my_review(
    session: AsyncSession, loaded: Loaded, principal: Principal
) -> EvaluationReview:
    """The caller's review (a draft or submitted); 404 until they save one."""
    review = await my_review(session, loaded, principal)
    if review is None:
        raise ReviewNotStarted("You have not saved a review of this evaluation yet.")
    return review


async def list_reviews(session: AsyncSession, loaded: Loaded) -> list[EvaluationReview]:
    """Every review of the evaluation, drafts included, in the order reviewers are listed
    in the cycle (bounded by the cycle's reviewers)."""
    order = {r.user_id: r.position for r in loaded.cycle.reviewer_assignments}
    found = await session.scalars(
        select(EvaluationReview).where(EvaluationReview.evaluation_id == loaded.evaluation.id)
    )
    return sorted(found, key=lambda r: (order.get(r.reviewer_id, len(order)), str(r.id)))


async def save_review(
    session: AsyncSession,
    loaded: Loaded,
    principal: Principal,
    *,
    data: ReviewBody,
    if_match: str | None,
) -> tuple[EvaluationReview, bool]:
    """Save (and with `submit`, submit) the caller's review; (review, created)."""
    assigned, group = loaded.reviewer_group(principal)
    if not assigned:
        raise NotAReviewer(f"Evaluation {loaded.evaluation.id} does not exist.")
    ensure_state(loaded, EvaluationState.ORGANIZATIONAL_REVIEW)
    ensure_open(loaded, Step.REVIEW)
    review = await my_review(session, loaded, principal)
    if review is not None:
        check_if_match(if_match, version=review.version)
        if review.submitted_at is not None:
            raise ReviewFinal("Your review is submitted and final unless the evaluation returns.")
    maxima = indicators_of(loaded.cycle, loaded.evaluation)
    unknown = sorted(set(data.scores) - set(maxima))
    over = sorted(c for c, s in data.scores.items() if c in maxima and s > maxima[c])
    missing = sorted(set(maxima) - set(data.scores))
    if unknown or over or (data.submit and missing):
        raise Incomplete(
            "Score every indicator from 0 to its maximum.",
            unknown=unknown,
            above_maximum=over,
            missing=missing if data.submit else [],
        )
    created = review is None
    if review is None:
        review = EvaluationReview(
            evaluation_id=loaded.evaluation.id,
            organization_id=loaded.evaluation.organization_id,
            reviewer_id=principal.id,
            group=group,
        )
        session.add(review)
    review.scores = {code: str(score) for code, score in data.scores.items()}
    review.comment = data.comment
    if data.submit:
        review.points, review.max_points, review.score = points_of(data.scores, maxima)
        review.submitted_at = utcnow()
    await session.flush()
    return review, created
