"""Builders of evaluation data, through the same services the API uses."""

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.core.security import SYSTEM
from grassroots.evaluations import cycles
from grassroots.evaluations.enums import EvaluationState
from grassroots.evaluations.models import Evaluation, EvaluationCycle
from grassroots.evaluations.schemas import CycleCreate
from grassroots.organizations.enums import Kind, Tier
from grassroots.organizations.models import Organization
from tests.builders import make_organization


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
