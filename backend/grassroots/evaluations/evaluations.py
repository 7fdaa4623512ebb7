"""Evaluations: who sees them, their states and windows, the self-assessment, and facts."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, distinct, exists, false, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.core import audit
from grassroots.core.db import utcnow
from grassroots.core.errors import Forbidden
from grassroots.core.security import Permission, Principal
from grassroots.core.versioning import check_if_match
from grassroots.evaluations import results
from grassroots.evaluations.enums import EvaluationState, Grade, Step, Subject
from grassroots.evaluations.exceptions import (
    EvaluationFinal,
    EvaluationNotFound,
    Incomplete,
    ReasonRequired,
    WindowClosed,
    WrongState,
)
from grassroots.evaluations.models import (
    Evaluation,
    EvaluationCycle,
    EvaluationCycleReviewer,
    EvaluationReview,
)
from grassroots.evaluations.schemas import EvaluationRead, SelfAssessment, TemplateRead
from grassroots.members.enums import Position
from grassroots.members.models import Member, MemberPosition
from grassroots.members.service import active_position
from grassroots.organizations import service as org_service
from grassroots.organizations.models import Organization, within_subtree
from grassroots.volunteering.enums import PledgeStatus
from grassroots.volunteering.models import MemberTally, Pledge

READ = Permission.EVALUATIONS_READ
MANAGE = Permission.EVALUATIONS_MANAGE
SELF = Permission.EVALUATIONS_SELF
REVIEW = Permission.EVALUATIONS_REVIEW
ORDER = (Evaluation.created_at, Evaluation.id)
S = EvaluationState


@dataclass
class Loaded:
    """An evaluation with its cycle, its organization and the cycle's running organization."""

    evaluation: Evaluation
    cycle: EvaluationCycle
    organization: Organization
    running: Organization

    def manages(self, principal: Principal) -> bool:
        """Whether the caller is an admin of the running organization."""
        return principal.can(MANAGE, self.running.path)

    def assesses(self, principal: Principal) -> bool:
        """Whether the caller is staff of the evaluated organization (or above it)."""
        return principal.can(SELF, self.organization.path)

    def reviewer_group(self, principal: Principal) -> tuple[bool, str | None]:
        """Whether the caller is an assigned reviewer, and their group."""
        if principal.kind != "user" or not principal.has_any(REVIEW):
            return False, None
        for reviewer in self.cycle.reviewer_assignments:
            if reviewer.user_id == principal.id:
                return True, reviewer.group
        return False, None


def hundredths(value: Decimal | float | int | str) -> int:
    """A score in whole hundredths of a point."""
    return int(Decimal(str(value)) * 100)


def points_of(scores: dict[str, Decimal], maxima: dict[str, Decimal]) -> tuple[int, int, float]:
    """(points, maximum points, score out of 100) of a complete set of indicator scores; the
    points in whole hundredths, so that sums stay exact."""
    points = sum(hundredths(v) for v in scores.values())
    highest = sum(hundredths(v) for v in maxima.values())
    return points, highest, round(100 * points / highest, 2)


def indicators_of(cycle: EvaluationCycle, evaluation: Evaluation) -> dict[str, Decimal]:
    """Indicator code -> maximum, from the cycle's frozen copy of the template."""
    return template_indicators(cycle, evaluation.template_id)


def template_indicators(cycle: EvaluationCycle, template_id: str) -> dict[str, Decimal]:
    """Indicator code -> maximum, of the cycle's frozen copy of one template."""
    template = cycle.frozen_templates[template_id]
    return {
        i["code"]: Decimal(str(i["max_score"]))
        for d in template["dimensions"]
        for i in d["indicators"]
    }


def template_of(loaded: Loaded) -> TemplateRead:
    """The cycle's frozen copy of the template this evaluation is scored on."""
    return TemplateRead.model_validate(loaded.cycle.frozen_templates[loaded.evaluation.template_id])


async def load(session: AsyncSession, principal: Principal, evaluation_id: uuid.UUID) -> Loaded:
    """An evaluation the caller may see: staff of its organization (or above), admins of the
    running organization, or an assigned reviewer; anything else is a 404."""
    evaluation = await session.get(Evaluation, evaluation_id)
    missing = EvaluationNotFound(f"Evaluation {evaluation_id} does not exist.")
    if evaluation is None:
        raise missing
    cycle = await session.get(EvaluationCycle, evaluation.cycle_id)
    organization = await session.get(Organization, evaluation.organization_id)
    assert cycle is not None and organization is not None
    running = await session.get(Organization, cycle.organization_id)
    assert running is not None
    loaded = Loaded(evaluation, cycle, organization, running)
    visible = (
        principal.can(READ, organization.path)
        or loaded.manages(principal)
        or loaded.reviewer_group(principal)[0]
    )
    if not visible:
        audit.record_refusal(session, principal, entity_type="evaluation", entity_id=evaluation_id)
        raise missing
    return loaded


async def load_page(session: AsyncSession, items: Sequence[Evaluation]) -> list[Loaded]:
    """The evaluations of a list page (already within the caller's scope) with their cycles,
    reviewers, organizations and running organizations: three statements for any page."""
    if not items:
        return []
    cycles = {
        cycle.id: cycle
        for cycle in await session.scalars(
            select(EvaluationCycle).where(EvaluationCycle.id.in_({e.cycle_id for e in items}))
        )
    }
    wanted = {e.organization_id for e in items} | {c.organization_id for c in cycles.values()}
    organizations = {
        organization.id: organization
        for organization in await session.scalars(
            select(Organization).where(Organization.id.in_(wanted))
        )
    }
    return [
        Loaded(
            e,
            cycles[e.cycle_id],
            organizations[e.organization_id],
            organizations[cycles[e.cycle_id].organization_id],
        )
        for e in items
    ]


@dataclass(frozen=True)
class EvaluationFilter:
    """Filters of the evaluation list."""

    cycle_id: uuid.UUID | None = None
    within_path: str | None = None
    state: EvaluationState | None = None
    domain: str | None = None
    grade: Grade | None = None
    member_id: uuid.UUID | None = None


Running = Organization.__table__.alias("running")


def list_evaluations(principal: Principal, *, filters: EvaluationFilter) -> Select[Any]:
    """Evaluations of organizations in the caller's scope, of cycles they run, or assigned to
    them for review."""
    statement = (
        select(Evaluation)
        .join(Organization, Organization.id == Evaluation.organization_id)
        .join(EvaluationCycle, EvaluationCycle.id == Evaluation.cycle_id)
        .join(Running, Running.c.id == EvaluationCycle.organization_id)
    )
    paths, manage = principal.paths_for(READ), principal.paths_for(MANAGE)
    if paths is not None and manage is not None:
        statement = statement.where(
            or_(
                org_service.in_any_subtree(paths),
                *(within_subtree(Running.c.path, path) for path in manage),
                _assigned(principal),
            )
        )
    if filters.cycle_id is not None:
        statement = statement.where(Evaluation.cycle_id == filters.cycle_id)
    if filters.within_path is not None:
        statement = statement.where(org_service.in_subtree(filters.within_path))
    if filters.state is not None:
        statement = statement.where(Evaluation.state == filters.state)
    if filters.domain is not None:
        statement = statement.where(Evaluation.domain == filters.domain)
    if filters.grade is not None:
        statement = statement.where(Evaluation.grade == filters.grade)
    if filters.member_id is not None:
        statement = statement.where(Evaluation.member_id == filters.member_id)
    return statement


def _assigned(principal: Principal) -> Any:
    """Evaluations of cycles that assign the caller as a reviewer."""
    if principal.kind != "user" or not principal.has_any(REVIEW):
        return false()
    return Evaluation.cycle_id.in_(
        select(EvaluationCycleReviewer.cycle_id).where(
            EvaluationCycleReviewer.user_id == principal.id
        )
    )


def window_of(
    cycle: EvaluationCycle, evaluation: Evaluation, step: Step
) -> tuple[datetime, datetime]:
    """When a step is open for an evaluation, with any extension an admin granted."""
    opens, closes = {
        Step.SELF: (cycle.self_opens_at, cycle.self_closes_at),
        Step.PUBLIC: (cycle.public_opens_at, cycle.public_closes_at),
        Step.REVIEW: (cycle.review_opens_at, cycle.review_closes_at),
    }[step]
    extended = evaluation.window_extensions.get(step.value)
    if extended is not None:
        closes = max(closes, datetime.fromisoformat(extended))
    return opens, closes


def window(loaded: Loaded, step: Step) -> tuple[datetime, datetime]:
    """When a step is open for this evaluation, with any extension an admin granted."""
    return window_of(loaded.cycle, loaded.evaluation, step)


def ensure_window(cycle: EvaluationCycle, evaluation: Evaluation, step: Step) -> None:
    """Refuse a write outside its step's window (409 `evaluation_window_closed`)."""
    opens, closes = window_of(cycle, evaluation, step)
    now = utcnow()
    if not opens <= now < closes:
        raise WindowClosed(
            f"The {step.value} window is open from {opens.isoformat()} to {closes.isoformat()}.",
            opens_at=opens.isoformat(),
            closes_at=closes.isoformat(),
        )


def ensure_open(loaded: Loaded, step: Step) -> None:
    """Refuse a write outside its step's window (409 `evaluation_window_closed`)."""
    ensure_window(loaded.cycle, loaded.evaluation, step)


def allowed_transitions(loaded: Loaded, principal: Principal) -> list[EvaluationState]:
    """The states the caller may move this evaluation to now."""
    state = loaded.evaluation.state
    manages = loaded.manages(principal)
    allowed: list[EvaluationState] = []
    if state == S.SELF_ASSESSMENT and (manages or loaded.assesses(principal)):
        allowed.append(S.PUBLIC_RATING)
    if manages:
        allowed += {
            S.PUBLIC_RATING: [S.ORGANIZATIONAL_REVIEW],
            S.ORGANIZATIONAL_REVIEW: [S.FINALIZED, S.SELF_ASSESSMENT],
            S.FINALIZED: [S.ORGANIZATIONAL_REVIEW],
        }.get(state, [])
    return allowed


def ensure_not_final(evaluation: Evaluation) -> None:
    """Refuse any write to a finalized evaluation until it is reopened (409
    `evaluation_finalized`)."""
    if evaluation.state == S.FINALIZED:
        raise EvaluationFinal(
            "The evaluation is finalized; reopen it (with a reason) to change anything.",
            state=S.FINALIZED.value,
        )


def ensure_state(loaded: Loaded, *states: EvaluationState) -> None:
    """Refuse unless the evaluation is in one of `states` (409 `evaluation_wrong_state`, or
    `evaluation_finalized` for a finalized one)."""
    ensure_not_final(loaded.evaluation)
    if loaded.evaluation.state not in states:
        raise WrongState(
            f"The evaluation is {loaded.evaluation.state.value}; this needs "
            + " or ".join(s.value for s in states)
            + ".",
            state=loaded.evaluation.state.value,
            allowed_states=[s.value for s in states],
        )


def present(loaded: Loaded, principal: Principal, *, public_base: str = "") -> EvaluationRead:
    """An evaluation as the caller sees it: results once confirmed, unless they manage it. The
    rating link is a path on this site, or an address under `public_base` when one is set."""
    e = loaded.evaluation
    shown = loaded.manages(principal) or e.confirmed_at is not None
    return EvaluationRead(
        id=e.id,
        cycle_id=e.cycle_id,
        organization_id=e.organization_id,
        organization_name=loaded.organization.name,
        member_id=e.member_id,
        domain=e.domain,
        template_id=e.template_id,
        state=e.state,
        allowed_transitions=allowed_transitions(loaded, principal),
        can_self_assess=loaded.assesses(principal) or loaded.manages(principal),
        reviewing=loaded.reviewer_group(principal)[0],
        self_scores=e.self_scores,
        narratives=e.narratives,
        evidence_links=e.evidence_links,
        duty_report=e.duty_report,
        submitted_at=e.submitted_at,
        windows={
            name: {"opens_at": w[0], "closes_at": w[1]}
            for name, w in (
                ("self_assessment", window(loaded, Step.SELF)),
                ("public_rating", window(loaded, Step.PUBLIC)),
                ("organizational_review", window(loaded, Step.REVIEW)),
            )
        },
        self_score=e.self_score,
        public_score=e.public_score if shown or loaded.assesses(principal) else None,
        review_score=e.review_score if shown else None,
        total=e.total if shown else None,
        rating_count=e.rating_count,
        satisfaction_rate=e.satisfaction_rate,
        computed_grade=e.computed_grade if shown else None,
        grade=e.grade if shown else None,
        grade_reason=e.grade_reason if shown else None,
        rank=e.rank if shown else None,
        domain_rank=e.domain_rank if shown else None,
        classification=e.classification if shown else None,
        flags=e.flags if shown else [],
        finalized_at=e.finalized_at,
        confirmed_at=e.confirmed_at,
        rating_link=f"{public_base.rstrip('/')}/rate/{e.public_token}"
        if loaded.manages(principal) or loaded.assesses(principal)
        else None,
        version=e.version,
    )


def _self_points(loaded: Loaded, scores: dict[str, Decimal], *, complete: bool) -> None:
    maxima = indicators_of(loaded.cycle, loaded.evaluation)
    unknown = sorted(set(scores) - set(maxima))
    if unknown:
        raise Incomplete(f"Unknown indicators: {', '.join(unknown)}.", indicators=unknown)
    over = sorted(code for code, score in scores.items() if score > maxima[code])
    if over:
        raise Incomplete(f"Scores above the maximum: {', '.join(over)}.", indicators=over)
    missing = sorted(set(maxima) - set(scores))
    if complete and missing:
        raise Incomplete(f"Score every indicator first: {', '.join(missing)}.", indicators=missing)


async def save_self_assessment(
    session: AsyncSession,
    loaded: Loaded,
    principal: Principal,
    *,
    data: SelfAssessment,
    if_match: str | None,
) -> Evaluation:
    """Save the self-assessment (a draft until submitted by moving to public rating)."""
    e = loaded.evaluation
    check_if_match(if_match, version=e.version)
    if not (loaded.assesses(principal) or loaded.manages(principal)):
        raise Forbidden("Only the evaluated organization's staff write its self-assessment.")
    ensure_state(loaded, S.SELF_ASSESSMENT)
    ensure_open(loaded, Step.SELF)
    _self_points(loaded, data.scores, complete=False)
    template = loaded.cycle.frozen_templates[e.template_id]
    dimensions = {d["code"] for d in template["dimensions"]}
    unknown = sorted(set(data.narratives) - dimensions)
    if unknown:
        raise Incomplete(f"Unknown dimensions: {', '.join(unknown)}.", dimensions=unknown)
    e.self_scores = {code: str(score) for code, score in data.scores.items()}
    e.narratives = dict(data.narratives)
    e.evidence_links = [link.model_dump(mode="json") for link in data.evidence_links]
    if loaded.cycle.subject == Subject.SECRETARY:
        e.duty_report = data.duty_report
    await session.flush()
    return e


async def transition(
    session: AsyncSession,
    loaded: Loaded,
    principal: Principal,
    *,
    to: EvaluationState,
    reason: str | None,
    if_match: str | None,
) -> Evaluation:
    """Move an evaluation along its steps; anything the caller may not do now is a 409
    naming the states allowed."""
    e = loaded.evaluation
    check_if_match(if_match, version=e.version)
    allowed = allowed_transitions(loaded, principal)
    if to not in allowed:
        raise WrongState(
            f"From {e.state.value} you may move this evaluation to: "
            + (", ".join(s.value for s in allowed) or "nothing")
            + ".",
            state=e.state.value,
            allowed_states=[s.value for s in allowed],
        )
    backwards = (e.state, to) in {
        (S.ORGANIZATIONAL_REVIEW, S.SELF_ASSESSMENT),
        (S.FINALIZED, S.ORGANIZATIONAL_REVIEW),
    }
    if backwards and not reason:
        raise ReasonRequired("Returning or reopening an evaluation needs a written reason.")
    if to == S.PUBLIC_RATING:
        ensure_open(loaded, Step.SELF)
        scores = {code: Decimal(v) for code, v in e.self_scores.items()}
        _self_points(loaded, scores, complete=True)
        if loaded.cycle.subject == Subject.SECRETARY and not e.duty_report:
            raise Incomplete("A secretary's self-assessment needs the written duty report.")
        maxima = indicators_of(loaded.cycle, e)
        e.self_points, e.self_max_points, e.self_score = points_of(scores, maxima)
        e.submitted_at = utcnow()
    if (e.state, to) == (S.ORGANIZATIONAL_REVIEW, S.SELF_ASSESSMENT):
        e.submitted_at = None
        reviews = await session.scalars(
            select(EvaluationReview).where(EvaluationReview.evaluation_id == e.id)
        )
        for review in reviews:
            review.submitted_at = None
    if to == S.FINALIZED:
        e.state = to
        await session.flush()
        await results.rescore(session, loaded.cycle, finalize_ids=[e.id])
        await session.refresh(e)
    else:
        if e.state == S.FINALIZED:
            e.confirmed_at = None
            e.finalized_at = None
        e.state = to
    audit.record(
        session,
        action="transition",
        entity_type="evaluation",
        entity_id=e.id,
        organization=loaded.organization,
        changes={"to": to.value, "reason": reason},
    )
    await session.flush()
    return e


async def extend_window(
    session: AsyncSession, loaded: Loaded, *, step: Step, closes_at: datetime
) -> Evaluation:
    """Keep one step of this evaluation open longer (admins of the running organization)."""
    ensure_not_final(loaded.evaluation)
    current = dict(loaded.evaluation.window_extensions)
    current[step.value] = closes_at.isoformat()
    loaded.evaluation.window_extensions = current
    await session.flush()
    return loaded.evaluation


async def withdraw(session: AsyncSession, loaded: Loaded, *, reason: str) -> Evaluation:
    """Take a target out of the cycle, with the reason (audited)."""
    ensure_state(loaded, S.SELF_ASSESSMENT, S.PUBLIC_RATING, S.ORGANIZATIONAL_REVIEW)
    loaded.evaluation.state = S.WITHDRAWN
    loaded.evaluation.withdrawn_reason = reason
    await session.flush()
    return loaded.evaluation


async def facts(session: AsyncSession, loaded: Loaded) -> dict[str, Any]:
    """What the platform already knows for the cycle's year, in a few set-based statements:
    verified volunteer hours and volunteers, pledges fulfilled, secretary in place, members
    registered at communities (for a secretary: their own hours and pledges)."""
    year = loaded.cycle.year
    first, last = date(year, 1, 1), date(year, 12, 1)
    subtree = org_service.in_subtree(loaded.organization.path)
    member_id = loaded.evaluation.member_id
    hours = select(
        func.coalesce(func.sum(MemberTally.minutes), 0),
        func.count(distinct(MemberTally.member_id)),
    ).where(MemberTally.month >= first, MemberTally.month <= last, MemberTally.minutes > 0)
    pledges = (
        select(func.count())
        .select_from(Pledge)
        .where(Pledge.year == year, Pledge.status == PledgeStatus.FULFILLED)
    )
    if member_id is not None:
        hours = hours.where(MemberTally.member_id == member_id)
        pledges = pledges.where(Pledge.member_id == member_id)
    else:
        in_tree = select(Organization.id).where(subtree)
        hours = hours.where(
            or_(MemberTally.organization_id.in_(in_tree), MemberTally.community_id.in_(in_tree))
        )
        pledges = pledges.where(Pledge.organization_id.in_(in_tree))
    minutes, volunteers = (await session.execute(hours)).one()
    fulfilled = await session.scalar(pledges)
    secretary = await session.scalar(
        select(
            exists().where(
                MemberPosition.organization_id == loaded.organization.id,
                MemberPosition.position == Position.SECRETARY,
                active_position(),
            )
        )
    )
    registered = await session.scalar(
        select(func.count())
        .select_from(Member)
        .join(Organization, Organization.id == Member.residence_organization_id)
        .where(subtree)
    )
    return {
        "year": year,
        "verified_volunteer_hours": round(int(minutes) / 60, 2),
        "volunteers": int(volunteers),
        "pledges_fulfilled": int(fulfilled or 0),
        "secretary_in_place": bool(secretary),
        "members_registered": int(registered or 0),
    }
