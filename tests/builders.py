"""Typed builders of test data, going through the same services the API uses."""

import itertools
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.core.errors import PROBLEM_MEDIA_TYPE
from grassroots.organizations import service as org_service
from grassroots.organizations.enums import Domain, Kind, Tier
from grassroots.organizations.models import Organization
from grassroots.organizations.schemas import OrganizationCreate

_codes = itertools.count(1)


def next_code(prefix: str = "T") -> str:
    """A code no other test organization has."""
    return f"{prefix}{next(_codes):08d}"


async def make_organization(
    session: AsyncSession,
    *,
    parent: Organization | None = None,
    name: str | None = None,
    kind: Kind = Kind.BRANCH,
    tier: Tier = Tier.VILLAGE,
    domain: Domain = Domain.RURAL,
    commit: bool = True,
    **fields: Any,
) -> Organization:
    """Create an organization (committed unless told otherwise) and return it."""
    code = fields.pop("code", None) or next_code()
    data = OrganizationCreate(
        name=name or f"测试党支部{code}",
        code=code,
        kind=kind,
        tier=tier,
        domain=domain,
        parent_id=parent.id if parent else None,
        **fields,
    )
    organization = await org_service.create_organization(session, data=data)
    if commit:
        await session.commit()
    return organization


def organization_body(**overrides: Any) -> dict[str, Any]:
    """A valid request body for creating an organization."""
    body: dict[str, Any] = {
        "name": "城关镇东街社区党支部",
        "code": next_code("B"),
        "kind": "branch",
        "tier": "community",
        "domain": "community",
    }
    body.update(overrides)
    return body


def assert_problem(
    response: httpx.Response, status: int, code: str | None = None
) -> dict[str, Any]:
    """Assert that a response is a problem+json of this status (and code) and return it."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM_MEDIA_TYPE)
    problem: dict[str, Any] = response.json()
    assert problem["status"] == status
    assert problem["title"] and problem["detail"] and problem["type"]
    if code is not None:
        assert problem["code"] == code, problem
    return problem
