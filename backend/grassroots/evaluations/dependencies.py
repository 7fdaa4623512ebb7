"""Loading templates, cycles and evaluations named in the path, within the caller's scope."""

import uuid
from typing import Annotated

from fastapi import Depends, Path

from grassroots.core.access import requires
from grassroots.core.db import SessionDep
from grassroots.core.errors import Forbidden
from grassroots.core.security import Permission, Principal
from grassroots.evaluations import cycles, evaluations, templates
from grassroots.evaluations.models import EvaluationCycle, EvaluationTemplate
from grassroots.organizations.models import Organization

Reader = Annotated[Principal, Depends(requires(Permission.EVALUATIONS_READ))]
Manager = Annotated[Principal, Depends(requires(Permission.EVALUATIONS_MANAGE))]
Assessor = Annotated[Principal, Depends(requires(Permission.EVALUATIONS_SELF))]
ReviewerCaller = Annotated[Principal, Depends(requires(Permission.EVALUATIONS_REVIEW))]
TemplateId = Annotated[uuid.UUID, Path(description="The template's id.")]
CycleId = Annotated[uuid.UUID, Path(description="The cycle's id.")]
EvaluationId = Annotated[uuid.UUID, Path(description="The evaluation's id.")]


async def _readable_template(
    template_id: TemplateId, session: SessionDep, caller: Reader
) -> EvaluationTemplate:
    return await templates.get_template(session, caller, template_id)


async def _writable_template(
    template_id: TemplateId, session: SessionDep, caller: Manager
) -> EvaluationTemplate:
    return await templates.get_template(session, caller, template_id, write=True)


async def _readable_cycle(
    cycle_id: CycleId, session: SessionDep, caller: Reader
) -> tuple[EvaluationCycle, Organization]:
    return await cycles.get_cycle(session, caller, cycle_id)


async def _managed_cycle(
    cycle_id: CycleId, session: SessionDep, caller: Manager
) -> tuple[EvaluationCycle, Organization]:
    return await cycles.get_cycle(session, caller, cycle_id, manage=True)


async def _managed_evaluation(
    evaluation_id: EvaluationId, session: SessionDep, caller: Manager
) -> evaluations.Loaded:
    loaded = await evaluations.load(session, caller, evaluation_id)
    if not loaded.manages(caller):
        raise Forbidden("Only the running organization's admins may do this.")
    return loaded


ReadableTemplate = Annotated[EvaluationTemplate, Depends(_readable_template)]
WritableTemplate = Annotated[EvaluationTemplate, Depends(_writable_template)]
ReadableCycle = Annotated[tuple[EvaluationCycle, Organization], Depends(_readable_cycle)]
ManagedCycle = Annotated[tuple[EvaluationCycle, Organization], Depends(_managed_cycle)]
ManagedEvaluation = Annotated[evaluations.Loaded, Depends(_managed_evaluation)]
