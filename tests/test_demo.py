"""The demo county a new user sees."""

from collections import Counter

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.demo import COUNTY_CODE, seed_demo
from grassroots.organizations.enums import Domain, Tier
from grassroots.organizations.models import Organization


async def test_the_demo_county_is_a_living_tree_and_seeding_twice_adds_nothing(
    session: AsyncSession,
):
    created = await seed_demo(session)
    await session.commit()
    assert await seed_demo(session) == 0
    organizations = list(await session.scalars(select(Organization)))
    assert len(organizations) == created
    tiers = Counter(o.tier for o in organizations)
    assert tiers[Tier.COUNTY] == 1
    assert 9 <= tiers[Tier.TOWNSHIP] + tiers[Tier.STREET] <= 12
    assert 70 <= tiers[Tier.VILLAGE] + tiers[Tier.COMMUNITY] <= 90
    assert len({o.domain for o in organizations}) == len(Domain)
    assert any(o.flags for o in organizations if o.tier is Tier.VILLAGE)
    county = next(o for o in organizations if o.code == COUNTY_CODE)
    assert all(o.path.startswith(county.path) for o in organizations)
    assert all(o.name.startswith("中共") or "党" in o.name for o in organizations)
