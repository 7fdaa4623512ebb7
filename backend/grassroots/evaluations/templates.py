"""Evaluation templates: the built-in ones, and the copies admins edit."""

import uuid
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.core import audit
from grassroots.core.db import dialect_insert
from grassroots.core.security import Permission, Principal
from grassroots.core.versioning import check_if_match
from grassroots.evaluations.defaults import builtin_templates
from grassroots.evaluations.exceptions import TemplateNotFound, TemplateReadOnly
from grassroots.evaluations.models import EvaluationTemplate
from grassroots.evaluations.schemas import TemplateCreate, TemplateRead, TemplateUpdate
from grassroots.organizations import service as org_service
from grassroots.organizations.models import Organization

READ = Permission.EVALUATIONS_READ
MANAGE = Permission.EVALUATIONS_MANAGE
ORDER = (EvaluationTemplate.name, EvaluationTemplate.id)
# Built-in rows get fixed ids, so that every installation names them alike.
BUILTIN_NAMESPACE = uuid.UUID("6f1c1f3e-3d5a-4f43-9a49-2a3c2b9e0e10")


def builtin_id(key: str) -> uuid.UUID:
    """The id of the built-in template with this key."""
    return uuid.uuid5(BUILTIN_NAMESPACE, key)


async def ensure_builtins(session: AsyncSession) -> None:
    """Insert the built-in templates that are missing (one statement; none when present)."""
    wanted = builtin_templates()
    present = set(
        (
            await session.scalars(
                select(EvaluationTemplate.builtin_key).where(
                    EvaluationTemplate.builtin_key.is_not(None)
                )
            )
        ).all()
    )
    missing = [t for t in wanted if t["builtin_key"] not in present]
    if not missing:
        return
    rows = [{**t, "id": builtin_id(t["builtin_key"]), "version": 1} for t in missing]
    statement = dialect_insert(session, EvaluationTemplate).values(rows)
    await session.execute(statement.on_conflict_do_nothing())


def max_total(dimensions: list[dict[str, Any]]) -> Decimal:
    """The sum of the maxima of a template's indicators."""
    return sum(
        (Decimal(str(i["max_score"])) for d in dimensions for i in d["indicators"]), Decimal(0)
    )


def present(template: EvaluationTemplate) -> TemplateRead:
    """A template as the API shows it."""
    return TemplateRead.model_validate(
        {
            "id": template.id,
            "organization_id": template.organization_id,
            "builtin": template.builtin_key is not None,
            "name": template.name,
            "name_en": template.name_en,
            "subject": template.subject,
            "domain": template.domain,
            "dimensions": template.dimensions,
            "questionnaire": template.questionnaire,
            "max_total": max_total(template.dimensions),
            "version": template.version,
        }
    )


def snapshot(template: EvaluationTemplate) -> dict[str, Any]:
    """The frozen copy a cycle keeps of a template it launched with."""
    return present(template).model_dump(mode="json")


def _visible(principal: Principal) -> Any:
    paths = principal.paths_for(READ)
    manage = principal.paths_for(MANAGE)
    if paths is None or manage is None:
        return None
    return or_(
        EvaluationTemplate.builtin_key.is_not(None),
        org_service.in_any_subtree(paths + manage),
    )


async def list_templates(session: AsyncSession, principal: Principal) -> Select[Any]:
    """Built-in templates and the copies kept by organizations in the caller's scope."""
    await ensure_builtins(session)
    statement = select(EvaluationTemplate).outerjoin(
        Organization, Organization.id == EvaluationTemplate.organization_id
    )
    if (condition := _visible(principal)) is not None:
        statement = statement.where(condition)
    return statement


async def get_template(
    session: AsyncSession, principal: Principal, template_id: uuid.UUID, *, write: bool = False
) -> EvaluationTemplate:
    """A template the caller may see (and, to write, manage); built-in ones are read-only."""
    await ensure_builtins(session)
    template = await session.get(EvaluationTemplate, template_id)
    missing = TemplateNotFound(f"Evaluation template {template_id} does not exist.")
    if template is None:
        raise missing
    if template.organization_id is None:
        if write:
            raise TemplateReadOnly("Built-in templates are read-only; copy one to edit it.")
        return template
    organization = await session.get(Organization, template.organization_id)
    assert organization is not None
    can_read = principal.can(READ, organization.path) or principal.can(MANAGE, organization.path)
    if not can_read:
        raise missing
    if write and not principal.can(MANAGE, organization.path):
        audit.record_refusal(
            session, principal, entity_type="evaluation_template", entity_id=template.id
        )
        raise TemplateReadOnly("Only the keeping organization's admins may edit this template.")
    return template


async def create_template(
    session: AsyncSession, principal: Principal, *, data: TemplateCreate
) -> EvaluationTemplate:
    """A new template kept by an organization the caller manages, or a copy of one."""
    await org_service.get_organization(session, principal, data.organization_id, permission=MANAGE)
    base: dict[str, Any] = {}
    if data.copy_of is not None:
        source = await get_template(session, principal, data.copy_of)
        base = {
            "name": f"{source.name}（副本）",
            "name_en": source.name_en,
            "subject": source.subject,
            "domain": source.domain,
            "dimensions": source.dimensions,
            "questionnaire": source.questionnaire,
        }
    given = data.model_dump(mode="json", exclude_unset=True, exclude={"organization_id", "copy_of"})
    fields = {**base, **given}
    template = EvaluationTemplate(
        organization_id=data.organization_id,
        name=fields["name"],
        name_en=fields.get("name_en"),
        subject=fields["subject"],
        domain=fields.get("domain"),
        dimensions=fields["dimensions"],
        questionnaire=fields["questionnaire"],
    )
    session.add(template)
    await session.flush()
    return template


async def update_template(
    session: AsyncSession,
    template: EvaluationTemplate,
    *,
    data: TemplateUpdate,
    if_match: str | None,
) -> EvaluationTemplate:
    """Change a copy; cycles already launched keep their frozen copies."""
    check_if_match(if_match, version=template.version)
    for name, value in data.model_dump(mode="json", exclude_unset=True).items():
        setattr(template, name, value)
    await session.flush()
    return template
