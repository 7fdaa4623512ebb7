"""Evaluation cycles: settings, targets, launch, and late targets added or withdrawn."""

import secrets
import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, and_, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.core import audit
from grassroots.core.db import dialect_insert, utcnow
from grassroots.core.errors import Forbidden
from grassroots.core.security import Permission, Principal
from grassroots.core.versioning import check_if_match
from grassroots.evaluations import templates as template_service
from grassroots.evaluations.enums import EvaluationState, Subject
from grassroots.evaluations.exceptions import (
    CycleAlreadyLaunched,
    CycleNotFound,
    CycleNotLaunched,
    CycleSettingInvalid,
    ReviewGroupsInvalid,
    SharesInvalid,
    TargetNotFound,
    WeightsInvalid,
)
from grassroots.evaluations.models import (
    Evaluation,
    EvaluationCycle,
    EvaluationCycleReviewer,
    EvaluationTemplate,
)
from grassroots.evaluations.schemas import CycleBody, CycleCreate, CycleRead, TargetRead
from grassroots.members.enums import Position
from grassroots.members.models import Member, MemberPosition
from grassroots.members.service import active_position
from grassroots.organizations import service as org_service
from grassroots.organizations.enums import Domain
from grassroots.organizations.models import Organization
from grassroots.users.models import User

READ = Permission.EVALUATIONS_READ
MANAGE = Permission.EVALUATIONS_MANAGE
ORDER = (EvaluationCycle.year, EvaluationCycle.id)
ANY_DOMAIN = "*"


def check_weights(body: CycleBody) -> None:
    """Weights sum to one; public rating weighs at least as much as each other step."""
    w = body.weights
    if w.self + w.public + w.review != Decimal(1):
        raise WeightsInvalid("The weights of the three steps must sum to 1.")
    if w.public < w.self or w.public < w.review:
        raise WeightsInvalid(
            "Public rating may weigh less than neither other step (加大群众评价权重)."
        )


def _rules(body: CycleBody) -> dict[str, Any]:
    return {
        "weights": {k: str(v) for k, v in body.weights.model_dump().items()},
        "min_public_ratings": body.min_public_ratings,
        "thresholds": {k: str(v) for k, v in body.thresholds.model_dump().items()},
        "satisfaction_cap": str(body.satisfaction_cap),
        "advanced_share": str(body.advanced_share),
        "lagging_share": str(body.lagging_share),
    }


def present(cycle: EvaluationCycle) -> CycleRead:
    """A cycle as the API shows it."""
    rules = cycle.rules
    return CycleRead.model_validate(
        {
            "id": cycle.id,
            "organization_id": cycle.organization_id,
            "name": cycle.name,
            "year": cycle.year,
            "subject": cycle.subject,
            "target_domains": cycle.target_domains,
            "target_tiers": cycle.target_tiers,
            "target_kinds": cycle.target_kinds,
            "templates": cycle.templates,
            "windows": windows_of(cycle),
            "weights": rules["weights"],
            "min_public_ratings": rules["min_public_ratings"],
            "thresholds": rules["thresholds"],
            "satisfaction_cap": rules["satisfaction_cap"],
            "advanced_share": rules["advanced_share"],
            "lagging_share": rules["lagging_share"],
            "reviewers": reviewers_of(cycle),
            "review_groups": cycle.review_groups,
            "launched_at": cycle.launched_at,
            "version": cycle.version,
        }
    )


def reviewers_of(cycle: EvaluationCycle) -> list[dict[str, Any]]:
    """The cycle's reviewers, in the order they were listed."""
    return [{"user_id": r.user_id, "group": r.group} for r in cycle.reviewer_assignments]


def windows_of(cycle: EvaluationCycle) -> dict[str, dict[str, datetime]]:
    """The cycle's window of each step."""
    return {
        "self_assessment": {"opens_at": cycle.self_opens_at, "closes_at": cycle.self_closes_at},
        "public_rating": {"opens_at": cycle.public_opens_at, "closes_at": cycle.public_closes_at},
        "organizational_review": {
            "opens_at": cycle.review_opens_at,
            "closes_at": cycle.review_closes_at,
        },
    }


def check_review_groups(body: CycleBody) -> None:
    """With review groups, some group weighs above zero and every reviewer is in one of them."""
    groups = set(body.review_groups)
    if groups and sum(body.review_groups.values(), Decimal(0)) <= 0:
        raise ReviewGroupsInvalid("Review group weights must not all be zero.")
    for reviewer in body.reviewers:
        if groups and reviewer.group not in groups:
            raise ReviewGroupsInvalid(f"Reviewer {reviewer.user_id} needs one of the groups.")


def check_shares(body: CycleBody) -> None:
    """The advanced and the lagging share together are at most the whole cycle."""
    if body.advanced_share + body.lagging_share > Decimal(1):
        raise SharesInvalid("The advanced and lagging shares together may not exceed 1.")


async def _check(session: AsyncSession, principal: Principal, body: CycleBody) -> None:
    check_weights(body)
    check_shares(body)
    check_review_groups(body)
    ids = {reviewer.user_id for reviewer in body.reviewers}
    if len(ids) != len(body.reviewers):
        raise CycleSettingInvalid("A reviewer is listed twice.")
    if ids:
        found = await session.scalar(select(func.count()).where(User.id.in_(ids)))
        if found != len(ids):
            raise CycleSettingInvalid("A reviewer is not a user of this installation.")
    for key, template_id in body.templates.items():
        if key != ANY_DOMAIN and key not in {d.value for d in Domain}:
            raise CycleSettingInvalid(f"{key!r} is not a domain code or '*'.")
        template = await template_service.get_template(session, principal, template_id)
        if template.subject != body.subject:
            raise CycleSettingInvalid(f"Template {template_id} is for another subject.")


def _record_reviewers(
    session: AsyncSession,
    cycle: EvaluationCycle,
    running: Organization,
    before: list[dict[str, Any]] | None,
) -> None:
    """Audit a change of the cycle's reviewers (kept in a table of their own)."""
    after = reviewers_of(cycle)
    if after == (before or []):
        return
    as_json = [{"user_id": str(r["user_id"]), "group": r["group"]} for r in after]
    audit.record(
        session,
        action="assign_reviewers",
        entity_type="evaluation_cycle",
        entity_id=cycle.id,
        organization=running,
        changes={
            "reviewers": {
                "old": before
                and [{"user_id": str(r["user_id"]), "group": r["group"]} for r in before],
                "new": as_json,
            }
        },
    )


def _apply(cycle: EvaluationCycle, body: CycleBody) -> None:
    cycle.name = body.name
    cycle.year = body.year
    cycle.subject = body.subject
    cycle.target_domains = [d.value for d in body.target_domains]
    cycle.target_tiers = [t.value for t in body.target_tiers]
    cycle.target_kinds = [k.value for k in body.target_kinds]
    cycle.templates = {k: str(v) for k, v in body.templates.items()}
    w = body.windows
    cycle.self_opens_at, cycle.self_closes_at = (
        w.self_assessment.opens_at,
        w.self_assessment.closes_at,
    )
    cycle.public_opens_at, cycle.public_closes_at = (
        w.public_rating.opens_at,
        w.public_rating.closes_at,
    )
    cycle.review_opens_at = w.organizational_review.opens_at
    cycle.review_closes_at = w.organizational_review.closes_at
    cycle.rules = _rules(body)
    cycle.reviewer_assignments = [
        EvaluationCycleReviewer(user_id=r.user_id, group=r.group, position=position)
        for position, r in enumerate(body.reviewers)
    ]
    cycle.review_groups = {k: str(v) for k, v in body.review_groups.items()}


async def create_cycle(
    session: AsyncSession, principal: Principal, *, data: CycleCreate
) -> EvaluationCycle:
    """A new cycle run by an organization whose evaluations the caller manages."""
    running = await org_service.get_organization(
        session, principal, data.organization_id, permission=MANAGE
    )
    await _check(session, principal, data)
    cycle = EvaluationCycle(organization_id=data.organization_id, frozen_templates={})
    _apply(cycle, data)
    session.add(cycle)
    await session.flush()
    _record_reviewers(session, cycle, running, None)
    return cycle


async def update_cycle(
    session: AsyncSession,
    principal: Principal,
    cycle: EvaluationCycle,
    *,
    data: CycleBody,
    if_match: str | None,
) -> EvaluationCycle:
    """Replace a cycle's settings; a launched cycle keeps them."""
    check_if_match(if_match, version=cycle.version)
    if cycle.launched_at is not None:
        raise CycleAlreadyLaunched("The cycle is launched; its settings are frozen.")
    await _check(session, principal, data)
    before = reviewers_of(cycle)
    _apply(cycle, data)
    if reviewers_of(cycle) != before:
        cycle.updated_at = utcnow()  # a new version (and ETag) for a change of reviewers
        running = await session.get(Organization, cycle.organization_id)
        assert running is not None
        _record_reviewers(session, cycle, running, before)
    await session.flush()
    return cycle


async def get_cycle(
    session: AsyncSession, principal: Principal, cycle_id: uuid.UUID, *, manage: bool = False
) -> tuple[EvaluationCycle, Organization]:
    """A cycle the caller may read (or manage), with its running organization."""
    cycle = await session.get(EvaluationCycle, cycle_id)
    missing = CycleNotFound(f"Evaluation cycle {cycle_id} does not exist.")
    if cycle is None:
        raise missing
    organization = await session.get(Organization, cycle.organization_id)
    assert organization is not None
    can_manage = principal.can(MANAGE, organization.path)
    if not (can_manage or principal.can(READ, organization.path)):
        raise missing
    if manage and not can_manage:
        audit.record_refusal(session, principal, entity_type="evaluation_cycle", entity_id=cycle.id)
        raise Forbidden("Only the running organization's admins manage this cycle.")
    return cycle, organization


def list_cycles(principal: Principal, *, year: int | None = None) -> Select[Any]:
    """Cycles run by organizations in the caller's scope."""
    statement = select(EvaluationCycle).join(
        Organization, Organization.id == EvaluationCycle.organization_id
    )
    paths, manage = principal.paths_for(READ), principal.paths_for(MANAGE)
    if paths is not None and manage is not None:
        statement = statement.where(org_service.in_any_subtree(paths + manage))
    if year is not None:
        statement = statement.where(EvaluationCycle.year == year)
    return statement


def targets(cycle: EvaluationCycle, running: Organization) -> Select[Any]:
    """The organizations below the running one that the cycle's filters select (with their
    secretaries in office, for a secretaries' cycle), in one statement."""
    columns: list[Any] = [Organization.id, Organization.name, Organization.domain]
    statement: Select[Any] = select(*columns).where(
        org_service.in_subtree(running.path), Organization.id != running.id
    )
    if cycle.target_domains:
        statement = statement.where(Organization.domain.in_(cycle.target_domains))
    if cycle.target_tiers:
        statement = statement.where(Organization.tier.in_(cycle.target_tiers))
    if cycle.target_kinds:
        statement = statement.where(Organization.kind.in_(cycle.target_kinds))
    if cycle.subject == Subject.SECRETARY:
        statement = (
            statement.add_columns(Member.id, Member.name)
            .join(
                MemberPosition,
                and_(
                    MemberPosition.organization_id == Organization.id,
                    MemberPosition.position == Position.SECRETARY,
                    active_position(),
                ),
            )
            .join(Member, Member.id == MemberPosition.member_id)
            .order_by(Organization.path, Member.name, Member.id)
        )
    else:
        statement = statement.order_by(Organization.path)
    return statement


def _target(row: Any) -> TargetRead:
    member_id, member_name = (row[3], row[4]) if len(row) > 3 else (None, None)
    return TargetRead(
        organization_id=row[0],
        organization_name=row[1],
        domain=row[2],
        member_id=member_id,
        member_name=member_name,
    )


async def preview(
    session: AsyncSession, cycle: EvaluationCycle, running: Organization
) -> list[TargetRead]:
    """Who a launch would evaluate."""
    return [_target(row) for row in (await session.execute(targets(cycle, running))).all()]


async def _template_for(
    session: AsyncSession, cycle: EvaluationCycle, domain: str
) -> EvaluationTemplate:
    chosen = cycle.templates.get(domain) or cycle.templates.get(ANY_DOMAIN)
    if chosen is not None:
        template = await session.get(EvaluationTemplate, uuid.UUID(chosen))
        if template is not None:
            return template
    key = "secretary" if cycle.subject == Subject.SECRETARY else f"organization:{domain}"
    template = await session.get(EvaluationTemplate, template_service.builtin_id(key))
    assert template is not None
    return template


async def _freeze(
    session: AsyncSession, cycle: EvaluationCycle, domains: set[str]
) -> dict[str, str]:
    """The template id of each domain, each template's frozen copy kept on the cycle."""
    await template_service.ensure_builtins(session)
    chosen: dict[str, str] = {}
    frozen = dict(cycle.frozen_templates or {})
    for domain in sorted(domains):
        template = await _template_for(session, cycle, domain)
        key = str(template.id)
        frozen.setdefault(key, template_service.snapshot(template))
        chosen[domain] = key
    if frozen != cycle.frozen_templates:
        cycle.frozen_templates = frozen
    return chosen


async def _insert_evaluations(
    session: AsyncSession, cycle: EvaluationCycle, found: list[TargetRead]
) -> int:
    """Insert one evaluation per target; the unique constraint keeps it one under
    concurrent launches. Returns how many were new."""
    if not found:
        return 0
    chosen = await _freeze(session, cycle, {t.domain.value for t in found})
    now = utcnow()
    rows: list[dict[str, Any]] = [
        {
            "id": uuid.uuid4(),
            "version": 1,
            "created_at": now,
            "updated_at": now,
            "cycle_id": cycle.id,
            "organization_id": t.organization_id,
            "member_id": t.member_id,
            "subject_key": t.member_id.hex if t.member_id else "",
            "subject_name": t.member_name or t.organization_name,
            "domain": t.domain,
            "template_id": chosen[t.domain.value],
            "state": EvaluationState.SELF_ASSESSMENT,
            "public_token": secrets.token_urlsafe(24),
            "self_scores": {},
            "narratives": {},
            "evidence_links": [],
            "window_extensions": {},
            "rating_count": 0,
            "flags": [],
        }
        for t in found
    ]
    before = await _count(session, cycle)
    # Executed as many rows (batched by the driver), not one statement of every row's values:
    # a county's ten thousand targets would pass PostgreSQL's limit of bound parameters.
    statement = dialect_insert(session, Evaluation.__table__).on_conflict_do_nothing()
    await session.execute(statement, rows)
    return await _count(session, cycle) - before


async def _count(session: AsyncSession, cycle: EvaluationCycle) -> int:
    return int(
        await session.scalar(
            select(func.count()).select_from(Evaluation).where(Evaluation.cycle_id == cycle.id)
        )
        or 0
    )


async def launch(
    session: AsyncSession, cycle: EvaluationCycle, running: Organization
) -> tuple[int, int]:
    """Create one evaluation per target (again: only the missing ones); (created, total)."""
    found = await preview(session, cycle, running)
    created = await _insert_evaluations(session, cycle, found)
    if cycle.launched_at is None:
        cycle.launched_at = utcnow()
    await session.flush()
    audit.record(
        session,
        action="launch",
        entity_type="evaluation_cycle",
        entity_id=cycle.id,
        organization=running,
        changes={"created": created},
    )
    return created, await _count(session, cycle)


async def add_target(
    session: AsyncSession,
    cycle: EvaluationCycle,
    running: Organization,
    *,
    organization_id: uuid.UUID,
    member_id: uuid.UUID | None,
    reason: str,
) -> Evaluation:
    """Add a late target the cycle's filters select, with the reason (audited)."""
    if cycle.launched_at is None:
        raise CycleNotLaunched("Launch the cycle before adding targets.")
    statement = targets(cycle, running).where(Organization.id == organization_id)
    if member_id is not None:
        statement = statement.where(Member.id == member_id)
    rows: list[Any] = list((await session.execute(statement)).all())
    if len(rows) != 1:
        raise TargetNotFound("That organization (or secretary) is not a target of this cycle.")
    await _insert_evaluations(session, cycle, [_target(rows[0])])
    evaluation = await session.scalar(
        select(Evaluation).where(
            Evaluation.cycle_id == cycle.id,
            Evaluation.organization_id == organization_id,
            Evaluation.subject_key == (member_id.hex if member_id else ""),
        )
    )
    assert evaluation is not None
    if evaluation.state == EvaluationState.WITHDRAWN:
        evaluation.state = EvaluationState.SELF_ASSESSMENT
        evaluation.withdrawn_reason = None
    audit.record(
        session,
        action="add_target",
        entity_type="evaluation",
        entity_id=evaluation.id,
        organization=await session.get(Organization, organization_id),
        changes={"reason": reason},
    )
    await session.flush()
    return evaluation
