"""Finalizing, confirming (核准定级) and reading results: set-based over a whole cycle."""

import uuid
from collections.abc import Sequence
from fractions import Fraction
from typing import Any, cast

from sqlalchemy import Select, Table, bindparam, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.audit import service as audit
from grassroots.core.db import utcnow
from grassroots.evaluations import scoring
from grassroots.evaluations.enums import EvaluationState, Grade
from grassroots.evaluations.exceptions import ReasonRequired, WrongState
from grassroots.evaluations.models import (
    Evaluation,
    EvaluationCycle,
    EvaluationRating,
    EvaluationReview,
)
from grassroots.members.models import Member
from grassroots.organizations.models import Organization

S = EvaluationState


def rules_of(cycle: EvaluationCycle) -> scoring.Rules:
    """A cycle's settings as exact fractions."""
    r = cycle.rules
    f = scoring.fraction
    return scoring.Rules(
        weights=scoring.Weights(
            self=f(r["weights"]["self"]),
            public=f(r["weights"]["public"]),
            review=f(r["weights"]["review"]),
        ),
        thresholds=scoring.Thresholds(
            excellent=f(r["thresholds"]["excellent"]),
            good=f(r["thresholds"]["good"]),
            fair=f(r["thresholds"]["fair"]),
            satisfaction_cap=f(r["satisfaction_cap"]),
        ),
        min_public_ratings=int(r["min_public_ratings"]),
        advanced_share=f(r["advanced_share"]),
        lagging_share=f(r["lagging_share"]),
    )


def _float(value: Fraction | None) -> float | None:
    return None if value is None else float(scoring.round_half_up(value, 4))


async def rescore(
    session: AsyncSession,
    cycle: EvaluationCycle,
    *,
    finalize_ids: Sequence[uuid.UUID] | None = None,
) -> int:
    """Finalize evaluations in organizational review (those named, or all) and recompute
    every finalized one of the cycle, ranks included, in a constant number of statements:
    ratings and reviews are summed per evaluation in SQL. Returns how many were finalized."""
    ready = select(Evaluation.id).where(
        Evaluation.cycle_id == cycle.id, Evaluation.state == S.ORGANIZATIONAL_REVIEW
    )
    if finalize_ids is not None:
        ready = ready.where(Evaluation.id.in_(finalize_ids))
    now = utcnow()
    finalized = await session.execute(
        update(Evaluation)
        .where(Evaluation.id.in_(ready.scalar_subquery()))
        .values(state=S.FINALIZED, finalized_at=now, version=Evaluation.version + 1)
        .execution_options(synchronize_session=False)
    )
    changed = int(finalized.rowcount or 0)  # type: ignore[attr-defined]
    # Those finalized one by one were moved already; stamp them too.
    await session.execute(
        update(Evaluation)
        .where(
            Evaluation.cycle_id == cycle.id,
            Evaluation.state == S.FINALIZED,
            Evaluation.finalized_at.is_(None),
        )
        .values(finalized_at=now)
        .execution_options(synchronize_session=False)
    )
    rows = (
        await session.execute(
            select(
                Evaluation.id,
                Evaluation.domain,
                Evaluation.self_points,
                Evaluation.self_max_points,
            ).where(Evaluation.cycle_id == cycle.id, Evaluation.state == S.FINALIZED)
        )
    ).all()
    in_cycle = select(Evaluation.id).where(
        Evaluation.cycle_id == cycle.id, Evaluation.state == S.FINALIZED
    )
    ratings = {
        row[0]: row[1:]
        for row in await session.execute(
            select(
                EvaluationRating.evaluation_id,
                func.count(),
                func.sum(EvaluationRating.answer_sum),
                func.sum(EvaluationRating.answer_count),
                func.sum(EvaluationRating.satisfied_count),
            )
            .where(EvaluationRating.evaluation_id.in_(in_cycle))
            .group_by(EvaluationRating.evaluation_id)
        )
    }
    reviews: dict[uuid.UUID, list[tuple[str | None, Fraction]]] = {}
    for evaluation_id, group, points, max_points in await session.execute(
        select(
            EvaluationReview.evaluation_id,
            EvaluationReview.group,
            EvaluationReview.points,
            EvaluationReview.max_points,
        ).where(
            EvaluationReview.evaluation_id.in_(in_cycle),
            EvaluationReview.submitted_at.is_not(None),
        )
    ):
        if max_points:
            reviews.setdefault(evaluation_id, []).append(
                (group, scoring.HUNDRED * Fraction(int(points or 0), max_points))
            )
    groups = {name: scoring.fraction(w) for name, w in cycle.review_groups.items()}
    inputs = []
    for evaluation_id, domain, self_points, self_max in rows:
        count, answer_sum, answers, satisfied = ratings.get(evaluation_id, (0, 0, 0, 0))
        public = (
            scoring.HUNDRED * Fraction(int(answer_sum) - int(answers), 4 * int(answers))
            if answers
            else None
        )
        inputs.append(
            scoring.Inputs(
                key=evaluation_id,
                self_score=scoring.HUNDRED * Fraction(int(self_points or 0), self_max)
                if self_max
                else None,
                public_score=public,
                rating_count=int(count),
                satisfied_answers=int(satisfied or 0),
                answers=int(answers or 0),
                review_score=scoring.review_score(reviews.get(evaluation_id, []), groups),
                domain=str(domain),
            )
        )
    results = scoring.score_cycle(inputs, rules_of(cycle))
    counts = {item.key: item.rating_count for item in inputs}
    if results:
        table = cast(Table, Evaluation.__table__)
        await session.execute(
            update(table)
            .where(table.c.id == bindparam("b_id"))
            .values(
                self_score=bindparam("b_self"),
                public_score=bindparam("b_public"),
                review_score=bindparam("b_review"),
                total=bindparam("b_total"),
                satisfaction_rate=bindparam("b_satisfaction"),
                rating_count=bindparam("b_count"),
                computed_grade=bindparam("b_grade"),
                rank=bindparam("b_rank"),
                domain_rank=bindparam("b_domain_rank"),
                classification=bindparam("b_class"),
                flags=bindparam("b_flags"),
                updated_at=now,
            ),
            [
                {
                    "b_id": r.key,
                    "b_self": _float(r.self_score),
                    "b_public": _float(r.public_score),
                    "b_review": _float(r.review_score),
                    "b_total": float(r.total),
                    "b_satisfaction": _float(r.satisfaction),
                    "b_count": counts[r.key],
                    "b_grade": r.grade,
                    "b_rank": r.rank,
                    "b_domain_rank": r.domain_rank,
                    "b_class": r.classification,
                    "b_flags": [flag.value for flag in r.flags],
                }
                for r in results
            ],
        )
    if changed:
        audit.record(
            session,
            action="finalize",
            entity_type="evaluation_cycle",
            entity_id=cycle.id,
            organization=await session.get(Organization, cycle.organization_id),
            changes={"finalized": changed},
        )
    return changed


async def confirm_cycle(session: AsyncSession, cycle: EvaluationCycle) -> int:
    """Confirm the computed grade of every finalized, unconfirmed evaluation (核准定级), which
    publishes the results to the evaluated organizations."""
    result = await session.execute(
        update(Evaluation)
        .where(
            Evaluation.cycle_id == cycle.id,
            Evaluation.state == S.FINALIZED,
            Evaluation.confirmed_at.is_(None),
        )
        .values(
            grade=func.coalesce(Evaluation.grade, Evaluation.computed_grade),
            confirmed_at=utcnow(),
            version=Evaluation.version + 1,
        )
        .execution_options(synchronize_session=False)
    )
    changed = int(result.rowcount or 0)  # type: ignore[attr-defined]
    audit.record(
        session,
        action="confirm",
        entity_type="evaluation_cycle",
        entity_id=cycle.id,
        organization=await session.get(Organization, cycle.organization_id),
        changes={"confirmed": changed},
    )
    return changed


async def confirm_one(
    session: AsyncSession, evaluation: Evaluation, *, grade: Grade | None, reason: str | None
) -> Evaluation:
    """Confirm one grade; a grade other than the computed one needs a written reason, kept
    beside the computed grade and audited."""
    if evaluation.state != S.FINALIZED:
        raise WrongState(
            "Only a finalized evaluation can be confirmed.",
            state=evaluation.state.value,
            allowed_states=[S.FINALIZED.value],
        )
    chosen = grade or evaluation.computed_grade
    if chosen != evaluation.computed_grade and not reason:
        raise ReasonRequired("A grade other than the computed one needs a written reason.")
    evaluation.grade = chosen
    evaluation.grade_reason = reason if chosen != evaluation.computed_grade else None
    evaluation.confirmed_at = utcnow()
    await session.flush()
    return evaluation


RESULT_ORDER = (Evaluation.rank, Evaluation.id)


def results_query(cycle: EvaluationCycle, *, domain: str | None = None) -> Select[Any]:
    """The finalized evaluations of a cycle with their organization (and secretary), by rank."""
    statement = select(Evaluation).where(
        Evaluation.cycle_id == cycle.id, Evaluation.state == S.FINALIZED
    )
    if domain is not None:
        statement = statement.where(Evaluation.domain == domain)
    return statement


async def names(
    session: AsyncSession, evaluations: Sequence[Evaluation]
) -> tuple[dict[uuid.UUID, str], dict[uuid.UUID, str]]:
    """Organization and member names of a page of evaluations, in two statements."""
    org_ids = {e.organization_id for e in evaluations}
    member_ids = {e.member_id for e in evaluations if e.member_id}
    orgs = (
        dict(
            (
                await session.execute(
                    select(Organization.id, Organization.name).where(Organization.id.in_(org_ids))
                )
            )
            .tuples()
            .all()
        )
        if org_ids
        else {}
    )
    members = (
        dict(
            (await session.execute(select(Member.id, Member.name).where(Member.id.in_(member_ids))))
            .tuples()
            .all()
        )
        if member_ids
        else {}
    )
    return orgs, members
