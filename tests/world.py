"""A small county in which every role is granted on one township: the fixture of access tests."""

from dataclasses import dataclass, field

import httpx
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.api_keys import service as key_service
from grassroots.api_keys.models import ApiKey
from grassroots.api_keys.schemas import ApiKeyCreate
from grassroots.core.security import SYSTEM, Role
from grassroots.members.models import Member
from grassroots.organizations.enums import Kind, Tier
from grassroots.organizations.models import Organization
from grassroots.users.models import User
from tests.builders import bearer, make_member, make_organization, make_user

ROLES = ("admin", "reviewer", "org_staff", "member", "api_key")


@dataclass
class World:
    """County > town A > village A1, and town B > village B1; callers granted on town A."""

    county: Organization
    town_a: Organization
    village_a: Organization
    town_b: Organization
    village_b: Organization
    user_a: User
    user_b: User
    key_a: ApiKey
    key_b: ApiKey
    member_a: Member
    member_b: Member
    headers: dict[str, dict[str, str]] = field(default_factory=dict)

    def client(self, app: FastAPI, role: str) -> httpx.AsyncClient:
        """A client acting as `role` on town A."""
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        return httpx.AsyncClient(
            transport=transport, base_url="http://testserver", headers=self.headers[role]
        )

    def out_of_scope_ids(self) -> set[str]:
        """Ids of everything that only town B's side of the county holds."""
        return {
            str(x.id) for x in (self.county, self.town_b, self.village_b, self.user_b, self.key_b)
        }


async def build_world(session: AsyncSession) -> World:
    """Create the county, its people and keys, committed."""
    county = await make_organization(
        session, name="青山县委", kind=Kind.COMMITTEE, tier=Tier.COUNTY
    )
    town_a = await make_organization(
        session, parent=county, name="甲镇党委", kind=Kind.COMMITTEE, tier=Tier.TOWNSHIP
    )
    village_a = await make_organization(session, parent=town_a, name="甲村党支部")
    town_b = await make_organization(
        session, parent=county, name="乙镇党委", kind=Kind.COMMITTEE, tier=Tier.TOWNSHIP
    )
    village_b = await make_organization(session, parent=town_b, name="乙村党支部")
    user_a = await make_user(session, organization=village_a, role=Role.MEMBER)
    user_b = await make_user(session, organization=village_b, role=Role.MEMBER)
    key_a, key_a_secret = await key_service.create_key(
        session,
        SYSTEM,
        data=ApiKeyCreate(name="甲镇对接系统", organization_id=town_a.id, role=Role.ORG_STAFF),
    )
    key_b, _ = await key_service.create_key(
        session,
        SYSTEM,
        data=ApiKeyCreate(name="乙镇对接系统", organization_id=town_b.id, role=Role.ORG_STAFF),
    )
    member_a = await make_member(session, organization=village_a, name="甲村党员")
    member_b = await make_member(session, organization=village_b, name="乙村党员")
    await session.commit()
    world = World(
        county,
        town_a,
        village_a,
        town_b,
        village_b,
        user_a,
        user_b,
        key_a,
        key_b,
        member_a,
        member_b,
    )
    for role in Role:
        caller = await make_user(
            session, username=f"caller-{role.value}", organization=town_a, role=role
        )
        world.headers[role.value] = bearer(caller)
    world.headers["api_key"] = {"Authorization": f"Bearer {key_a_secret}"}
    return world
