"""Finalizing, confirming (核准定级) and reading results: set-based over a whole cycle."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Literal, cast

from sqlalchemy import Select, Table, and_, bindparam, exists, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute, aliased, load_only, with_expression

from grassroots.core import audit
from grassroots.core.db import utcnow
from grassroots.evaluations import scoring
from grassroots.evaluations.enums import Classification, EvaluationState, Grade, ResultFlag
from grassroots.evaluations.exceptions import ReasonRequired, WrongState
from grassroots.evaluations.models import (
    Evaluation,
    EvaluationCycle,
    EvaluationRating,
    EvaluationReview,
)
from grassroots.evaluations.schemas import ResultRow
from grassroots.members.models import Member
from grassroots.organizations.enums import Domain
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
    # Shown to four places; only the total is rounded exactly (half up, two places).
    return None if value is None else round(float(value), 4)


async def rescore(
    session: AsyncSession,
    cycle: EvaluationCycle,
    *,
    finalize_ids: Sequence[uuid.UUID] | None = None,
) -> int:
    """Finalize evaluations in organizational review (those named, or all) and recompute
    every finalized one of the cycle, ranks included, in a constant number of statements:
    ratings and reviews are summed per evaluation in SQL. Returns how many were finalized."""
    ready = Evaluation.state == S.ORGANIZATIONAL_REVIEW
    if finalize_ids is not None:
        ready = and_(ready, Evaluation.id.in_(finalize_ids))
    now = utcnow()
    # Read once, before any write: the finalized ones and those to finalize now.
    rows = (
        await session.execute(
            select(
                Evaluation.id,
                Evaluation.domain,
                Evaluation.self_points,
                Evaluation.self_max_points,
                Evaluation.state,
            ).where(Evaluation.cycle_id == cycle.id, or_(Evaluation.state == S.FINALIZED, ready))
        )
    ).all()
    newly = {row[0] for row in rows if row[4] == S.ORGANIZATIONAL_REVIEW}
    changed = len(newly)
    # Sums per evaluation of the whole cycle, read from the covering index of ratings.
    of_cycle = Evaluation.cycle_id == cycle.id
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
            .join(Evaluation, Evaluation.id == EvaluationRating.evaluation_id)
            .where(of_cycle)
            .group_by(EvaluationRating.evaluation_id)
        )
    }
    # Reviews summed per evaluation and group: the trimmed mean needs only the count, the sum,
    # the highest and the lowest (all reviews of one evaluation share its template's maximum).
    reviews: dict[uuid.UUID, dict[str | None, scoring.ReviewSums]] = {}
    for evaluation_id, group, count, points, highest, lowest, max_points in await session.execute(
        select(
            EvaluationReview.evaluation_id,
            EvaluationReview.group,
            func.count(),
            func.sum(EvaluationReview.points),
            func.max(EvaluationReview.points),
            func.min(EvaluationReview.points),
            func.max(EvaluationReview.max_points),
        )
        .join(Evaluation, Evaluation.id == EvaluationReview.evaluation_id)
        .where(of_cycle, EvaluationReview.submitted_at.is_not(None))
        .group_by(EvaluationReview.evaluation_id, EvaluationReview.group)
    ):
        reviews.setdefault(evaluation_id, {})[group] = scoring.ReviewSums(
            int(count), int(points or 0), int(highest or 0), int(lowest or 0), int(max_points or 0)
        )
    groups = {name: scoring.fraction(w) for name, w in cycle.review_groups.items()}
    inputs = []
    for evaluation_id, domain, self_points, self_max, _ in rows:
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
                review_score=scoring.review_score_of_sums(reviews.get(evaluation_id, {}), groups),
                domain=str(domain),
            )
        )
    results = scoring.score_cycle(inputs, rules_of(cycle))
    counts = {item.key: item.rating_count for item in inputs}
    if results:
        table = cast(Table, Evaluation.__table__)
        # One statement for the lot: each row finalized if it was not (guarded against a
        # concurrent change of state), stamped once, and scored.
        await session.execute(
            update(table)
            .where(
                table.c.id == bindparam("b_id"),
                or_(table.c.state == S.ORGANIZATIONAL_REVIEW, table.c.state == S.FINALIZED),
            )
            .values(
                state=S.FINALIZED,
                finalized_at=func.coalesce(table.c.finalized_at, now),
                version=table.c.version + bindparam("b_bump"),
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
                    "b_bump": 1 if r.key in newly else 0,
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


@dataclass(frozen=True)
class ResultFilter:
    """Filters of a cycle's results."""

    domain: Domain | None = None
    grade: Grade | None = None
    classification: Classification | None = None
    flag: ResultFlag | None = None


ResultSort = Literal["rank", "total", "name"]


SORTS: dict[ResultSort, tuple[tuple[InstrumentedAttribute[Any], ...], bool]] = {
    "rank": ((Evaluation.rank, Evaluation.id), False),
    # The rank is the competition rank of the total: the same order, with an exact cursor.
    "total": ((Evaluation.rank, Evaluation.id), False),
    "name": ((Evaluation.subject_name, Evaluation.id), False),
}


def effective_grade() -> Any:
    """The confirmed grade once confirmed, else the computed one."""
    return func.coalesce(Evaluation.grade, Evaluation.computed_grade)


def _has_flag(session: AsyncSession, flag: ResultFlag) -> Any:
    """Whether an evaluation's flags (a JSON list) hold `flag`: an exact element match."""
    if session.get_bind().dialect.name == "sqlite":
        elements = func.json_each(Evaluation.flags).table_valued("value")
    else:
        elements = func.json_array_elements_text(Evaluation.flags).table_valued("value")
    return exists(select(1).select_from(elements).where(elements.c.value == flag.value))


# A page of results reads its organizations' and secretaries' names with its rows.
WITH_NAMES = (
    with_expression(
        Evaluation.organization_name,
        select(Organization.name)
        .where(Organization.id == Evaluation.organization_id)
        .scalar_subquery(),
    ),
    with_expression(
        Evaluation.member_name,
        select(Member.name).where(Member.id == Evaluation.member_id).scalar_subquery(),
    ),
)


def results_query(
    session: AsyncSession, cycle: EvaluationCycle, *, filters: ResultFilter
) -> Select[Any]:
    """The finalized evaluations of a cycle, filtered, with their names (WITH_NAMES)."""
    statement = (
        select(Evaluation)
        .where(Evaluation.cycle_id == cycle.id, Evaluation.state == S.FINALIZED)
        .options(*WITH_NAMES)
        .execution_options(populate_existing=True)
    )
    if filters.domain is not None:
        statement = statement.where(Evaluation.domain == filters.domain)
    if filters.grade is not None:
        statement = statement.where(effective_grade() == filters.grade)
    if filters.classification is not None:
        statement = statement.where(Evaluation.classification == filters.classification)
    if filters.flag is not None:
        statement = statement.where(_has_flag(session, filters.flag))
    return statement


# What a row of the results shows (result_row) and is ordered by (SORTS): a page reads only
# these, not the self-assessment, evidence and scores each evaluation also holds.
ROW_COLUMNS = load_only(
    Evaluation.organization_id,
    Evaluation.member_id,
    Evaluation.subject_name,
    Evaluation.domain,
    Evaluation.self_score,
    Evaluation.public_score,
    Evaluation.review_score,
    Evaluation.total,
    Evaluation.computed_grade,
    Evaluation.grade,
    Evaluation.grade_reason,
    Evaluation.confirmed_at,
    Evaluation.rank,
    Evaluation.domain_rank,
    Evaluation.classification,
    Evaluation.flags,
    Evaluation.rating_count,
    Evaluation.satisfaction_rate,
    raiseload=True,
)


def results_page_query(
    session: AsyncSession, cycle: EvaluationCycle, *, filters: ResultFilter
) -> Select[Any]:
    """`results_query` reading only what a page of rows shows."""
    return results_query(session, cycle, filters=filters).options(ROW_COLUMNS)


async def present_results(
    session: AsyncSession, evaluations: Sequence[Evaluation]
) -> list[ResultRow]:
    """A page of results as rows, with the names `results_query` read with them."""
    return [result_row(e, e.organization_name or "", e.member_name) for e in evaluations]


def result_row(e: Evaluation, organization_name: str, member_name: str | None) -> ResultRow:
    """One row of the results."""
    return ResultRow(
        id=e.id,
        organization_id=e.organization_id,
        organization_name=organization_name,
        member_id=e.member_id,
        member_name=member_name,
        subject_name=e.subject_name,
        domain=e.domain,
        self_score=e.self_score,
        public_score=e.public_score,
        review_score=e.review_score,
        total=e.total,
        computed_grade=e.computed_grade,
        grade=e.grade,
        grade_reason=e.grade_reason,
        confirmed_at=e.confirmed_at,
        rank=e.rank,
        domain_rank=e.domain_rank,
        classification=e.classification,
        flags=[ResultFlag(flag) for flag in e.flags],
        rating_count=e.rating_count,
        satisfaction_rate=e.satisfaction_rate,
    )


def export_query(statement: Select[Any], sort: ResultSort) -> Select[Any, Any, Any]:
    """The results with their names, in one statement, ordered for a table."""
    order_by, descending = SORTS[sort]
    subquery = statement.subquery()
    row = aliased(Evaluation, subquery)
    return (
        select(row, Organization.name, Member.name)
        .join(Organization, Organization.id == row.organization_id)
        .outerjoin(Member, Member.id == row.member_id)
        .order_by(
            *(
                getattr(row, column.key).desc() if descending else getattr(row, column.key)
                for column in order_by
            )
        )
    )


def export_row(row: Any) -> dict[str, Any]:
    """A result as a row of the table."""
    evaluation, organization_name, member_name = row
    return result_row(evaluation, organization_name, member_name).model_dump()
