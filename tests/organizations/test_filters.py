"""Each filter of the organization list, alone and together."""

from datetime import timedelta

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.core.localtime import local_today
from grassroots.members.enums import Position
from grassroots.members.models import MemberPosition
from grassroots.organizations.enums import Domain, Kind, Tier
from tests.builders import assert_problem, make_member, make_organization

API = "/api/v1/organizations"


async def _names(client: httpx.AsyncClient, **params: object) -> set[str]:
    response = await client.get(API, params=params)
    assert response.status_code == 200, response.text
    return {item["name"] for item in response.json()["items"]}


async def test_each_filter_narrows_the_list(client: httpx.AsyncClient, session: AsyncSession):
    county = await make_organization(
        session, name="青山县委", kind=Kind.COMMITTEE, tier=Tier.COUNTY, domain=Domain.GOVERNMENT
    )
    town = await make_organization(
        session, parent=county, name="城关镇党委", kind=Kind.COMMITTEE, tier=Tier.TOWNSHIP
    )
    await make_organization(
        session,
        parent=town,
        name="东村党支部",
        flags=["weak_and_lax", "poverty_village"],
        code="X-east_1",
    )
    await make_organization(
        session,
        parent=town,
        name="西村党总支",
        kind=Kind.GENERAL_BRANCH,
        flags=["poverty_village"],
        short_name="西村",
    )
    other = await make_organization(
        session, name="白水县委", kind=Kind.COMMITTEE, tier=Tier.COUNTY, domain=Domain.GOVERNMENT
    )
    await make_organization(
        session,
        parent=other,
        name="白水县第一中学党支部",
        tier=Tier.UNIT,
        domain=Domain.PUBLIC_INSTITUTION,
    )

    assert await _names(client, within=str(town.id)) == {"城关镇党委", "东村党支部", "西村党总支"}
    assert await _names(client, domain="government") == {"青山县委", "白水县委"}
    assert await _names(client, kind="general_branch") == {"西村党总支"}
    assert await _names(client, tier="unit") == {"白水县第一中学党支部"}
    assert await _names(client, flag="poverty_village") == {"东村党支部", "西村党总支"}
    assert await _names(client, flag=["poverty_village", "weak_and_lax"]) == {"东村党支部"}
    assert await _names(client, q="村") == {"东村党支部", "西村党总支"}
    assert await _names(client, q="县委") == {"青山县委", "白水县委"}
    assert await _names(client, q="x-EAST") == {"东村党支部"}
    assert await _names(client, q="_") == {"东村党支部"}
    assert await _names(client, q="%") == set()
    assert await _names(client, within=str(county.id), domain="rural", kind="branch") == {
        "东村党支部"
    }


async def test_filters_with_bad_values_are_refused(
    client: httpx.AsyncClient, session: AsyncSession
):
    await make_organization(session)
    assert_problem(await client.get(API, params={"domain": "martian"}), 422, "validation_error")
    assert_problem(await client.get(API, params={"flag": "rich"}), 422, "validation_error")
    assert_problem(await client.get(API, params={"within": "not-a-uuid"}), 422)
    assert_problem(await client.get(API, params={"q": "a\x00b"}), 422, "validation_error")
    assert_problem(await client.get(API, params={"q": "长" * 101}), 422, "validation_error")
    missing = "00000000-0000-4000-8000-000000000000"
    assert_problem(await client.get(API, params={"within": missing}), 404, "organization_not_found")


async def test_secretary_vacant_lists_the_vacancies_the_stats_count(
    client: httpx.AsyncClient, session: AsyncSession
):
    """The filter and `secretary_vacancies` follow one rule: no secretary in office (a post
    that ended before today is vacant; one ending today or later, or a first secretary
    alone, is not a secretary in office, or is)."""
    county = await make_organization(session, name="青山县委", kind=Kind.COMMITTEE)
    town = await make_organization(session, parent=county, name="城关镇党委")
    held = await make_organization(session, parent=town, name="东村党支部")
    left = await make_organization(session, parent=town, name="西村党支部")
    ending = await make_organization(session, parent=town, name="南村党支部")
    first_only = await make_organization(session, parent=town, name="北村党支部")
    await make_organization(session, parent=town, name="中村党支部")
    other = await make_organization(session, name="白水县委", kind=Kind.COMMITTEE)
    today = local_today()
    for organization, position, ended_on in [
        (county, Position.SECRETARY, None),
        (held, Position.SECRETARY, None),
        (left, Position.SECRETARY, today - timedelta(days=1)),
        (ending, Position.SECRETARY, today),
        (first_only, Position.FIRST_SECRETARY, None),
        (other, Position.SECRETARY, None),
    ]:
        member = await make_member(session, organization=organization, commit=False)
        session.add(
            MemberPosition(
                member_id=member.id,
                organization_id=organization.id,
                position=position,
                ended_on=ended_on,
            )
        )
    await session.commit()

    assert await _names(client, secretary_vacant="true") == {
        "城关镇党委",
        "西村党支部",
        "北村党支部",
        "中村党支部",
    }
    assert await _names(client, secretary_vacant="false") == {
        "青山县委",
        "东村党支部",
        "南村党支部",
        "白水县委",
    }
    for root in (county, town, left, other):
        stats = (await client.get(f"{API}/{root.id}/stats")).json()
        listed = await client.get(
            API,
            params={"within": str(root.id), "secretary_vacant": "true", "include_total": "true"},
        )
        assert listed.json()["total"] == stats["secretary_vacancies"], root.name
        in_place = await client.get(
            API,
            params={"within": str(root.id), "secretary_vacant": "false", "include_total": "true"},
        )
        assert in_place.json()["total"] == stats["secretaries_in_place"], root.name
    assert await _names(client, within=str(town.id), secretary_vacant="true", q="西") == {
        "西村党支部"
    }
