"""One demo account per role, each ready to use: `demo-member` is linked to a member with a
year of service behind them."""

import secrets

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.core.security import SYSTEM, Role
from grassroots.demo.organizations import COUNTY_CODE
from grassroots.demo.people import DEMO_MEMBER_ORGANIZATION, demo_member_id
from grassroots.organizations.models import Organization
from grassroots.users import service as user_service
from grassroots.users.models import User
from grassroots.users.schemas import GrantCreate, UserCreate, UserUpdate

DEMO_ACCOUNTS = [
    # username, display name, role, code of the organization the role is granted on
    ("demo-admin", "县委组织部管理员", Role.ADMIN, COUNTY_CODE),
    ("demo-reviewer", "县委组织部考评员", Role.REVIEWER, COUNTY_CODE),
    ("demo-staff", "城关街道党务工作者", Role.ORG_STAFF, f"{COUNTY_CODE}001"),
    ("demo-member", "城南社区党员", Role.MEMBER, DEMO_MEMBER_ORGANIZATION),
]


async def seed_demo_accounts(session: AsyncSession) -> list[tuple[str, str]]:
    """Create the demo accounts not yet present, one per role; return their new passwords.
    An existing `demo-member` not linked to a member yet is linked to the demo member."""
    existing = {
        user.username: user
        for user in await session.scalars(
            select(User).where(User.username.in_([name for name, *_ in DEMO_ACCOUNTS]))
        )
    }
    organizations = {
        code: org_id
        for code, org_id in await session.execute(select(Organization.code, Organization.id))
    }
    member_id = await demo_member_id(session)
    linked = member_id is not None and await session.scalar(
        select(User.id).where(User.member_id == member_id)
    )
    created = []
    for username, display_name, role, code in DEMO_ACCOUNTS:
        link = member_id if role is Role.MEMBER and not linked else None
        user = existing.get(username)
        if user is not None:
            if link is not None and user.member_id is None:
                await user_service.update_user(
                    session, SYSTEM, user, data=UserUpdate(member_id=link), if_match=None
                )
            continue
        password = secrets.token_urlsafe(12)
        user = await user_service.create_user(
            session,
            SYSTEM,
            data=UserCreate(
                username=username,
                display_name=display_name,
                password=password,
                organization_id=organizations[code],
                member_id=link,
            ),
        )
        await user_service.create_grant(
            session, SYSTEM, user, data=GrantCreate(organization_id=organizations[code], role=role)
        )
        created.append((username, password))
    return created
