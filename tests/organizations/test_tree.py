"""The organization tree through the API: create, read, children, ancestors, move, delete."""

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.core.security import Role
from grassroots.organizations.models import Organization
from tests.builders import assert_problem, bearer, make_organization, make_user, organization_body

API = "/api/v1/organizations"


async def test_create_returns_the_organization_with_location_and_etag(client: httpx.AsyncClient):
    body = organization_body(
        flags=["poverty_village", "weak_and_lax", "weak_and_lax"],
        annual_funds=12000.5,
        venue_area_m2=120,
        founded_on="1998-07-01",
        contact_phone="0571-88886666",
        short_name="东街社区",
    )
    response = await client.post(API, json=body)
    assert response.status_code == 201, response.text
    created = response.json()
    assert response.headers["location"] == f"{API}/{created['id']}"
    assert response.headers["etag"] == '"1"'
    assert created["flags"] == ["weak_and_lax", "poverty_village"]
    assert created["annual_funds"] == 12000.5
    assert created["version"] == 1 and created["depth"] == 0
    assert created["created_at"].endswith("Z")
    fetched = await client.get(f"{API}/{created['id']}")
    assert fetched.json() == created


async def test_children_and_ancestors_follow_the_tree(
    client: httpx.AsyncClient, session: AsyncSession
):
    county = await make_organization(session, name="某县委")
    town = await make_organization(session, parent=county, name="城关镇党委")
    village_a = await make_organization(session, parent=town, code="V2")
    village_b = await make_organization(session, parent=town, code="V1")

    children = (await client.get(f"{API}/{town.id}/children")).json()
    assert [c["id"] for c in children["items"]] == [str(village_b.id), str(village_a.id)]
    assert children["next_cursor"] is None

    ancestors = (await client.get(f"{API}/{village_a.id}/ancestors")).json()["items"]
    assert [a["name"] for a in ancestors] == ["某县委", "城关镇党委"]
    assert (await client.get(f"{API}/{county.id}/ancestors")).json()["items"] == []
    assert (await client.get(f"{API}/{village_a.id}")).json()["depth"] == 2


async def test_move_takes_the_whole_subtree(client: httpx.AsyncClient, session: AsyncSession):
    county = await make_organization(session)
    east = await make_organization(session, parent=county)
    west = await make_organization(session, parent=county)
    village = await make_organization(session, parent=east)
    group = await make_organization(session, parent=village)

    response = await client.post(
        f"{API}/{village.id}/move", json={"parent_id": str(west.id)}, headers={"If-Match": '"1"'}
    )
    assert response.status_code == 200, response.text
    assert response.json()["parent_id"] == str(west.id)
    assert response.json()["version"] == 2

    under_west = (await client.get(API, params={"within": str(west.id)})).json()["items"]
    assert {o["id"] for o in under_west} == {str(west.id), str(village.id), str(group.id)}
    under_east = (await client.get(API, params={"within": str(east.id)})).json()["items"]
    assert [o["id"] for o in under_east] == [str(east.id)]
    ancestors = (await client.get(f"{API}/{group.id}/ancestors")).json()["items"]
    assert [a["id"] for a in ancestors] == [str(county.id), str(west.id), str(village.id)]


async def test_move_to_the_root_and_deeper_recomputes_depth(
    client: httpx.AsyncClient, session: AsyncSession
):
    county = await make_organization(session)
    town = await make_organization(session, parent=county)
    village = await make_organization(session, parent=town)
    await client.post(f"{API}/{town.id}/move", json={"parent_id": None})
    assert (await client.get(f"{API}/{town.id}")).json()["depth"] == 0
    assert (await client.get(f"{API}/{village.id}")).json()["depth"] == 1
    other = await make_organization(session)
    deeper = await make_organization(session, parent=other)
    await client.post(f"{API}/{town.id}/move", json={"parent_id": str(deeper.id)})
    assert (await client.get(f"{API}/{village.id}")).json()["depth"] == 3


async def test_moving_under_itself_or_a_descendant_is_refused(
    client: httpx.AsyncClient, session: AsyncSession
):
    county = await make_organization(session)
    town = await make_organization(session, parent=county)
    village = await make_organization(session, parent=town)
    for target in (town, village):
        response = await client.post(f"{API}/{town.id}/move", json={"parent_id": str(target.id)})
        assert_problem(response, 409, "organization_move_cycle")
    await session.refresh(town)
    assert town.parent_id == county.id and town.version == 1


async def test_move_to_a_missing_parent_is_refused(
    client: httpx.AsyncClient, session: AsyncSession
):
    town = await make_organization(session)
    response = await client.post(
        f"{API}/{town.id}/move", json={"parent_id": "00000000-0000-4000-8000-000000000000"}
    )
    assert_problem(response, 422, "organization_parent_not_found")


async def test_delete_refuses_an_organization_with_children(
    client: httpx.AsyncClient, session: AsyncSession
):
    county = await make_organization(session)
    village = await make_organization(session, parent=county)
    assert_problem(await client.delete(f"{API}/{county.id}"), 409, "organization_not_empty")
    assert (await client.delete(f"{API}/{village.id}")).status_code == 204
    assert_problem(await client.get(f"{API}/{village.id}"), 404, "organization_not_found")
    assert (await client.delete(f"{API}/{county.id}")).status_code == 204
    assert (await session.scalars(select(Organization))).all() == []


async def test_patch_changes_only_the_fields_sent(client: httpx.AsyncClient, session: AsyncSession):
    village = await make_organization(session, short_name="老名字", flags=["poor_area"])
    response = await client.patch(
        f"{API}/{village.id}", json={"name": "新名字党支部", "flags": ["border_area"]}
    )
    assert response.status_code == 200, response.text
    updated = response.json()
    assert updated["name"] == "新名字党支部" and updated["short_name"] == "老名字"
    assert updated["flags"] == ["border_area"] and updated["version"] == 2
    assert response.headers["etag"] == '"2"'
    cleared = await client.patch(f"{API}/{village.id}", json={"short_name": None})
    assert cleared.json()["short_name"] is None


async def test_patch_refuses_clearing_required_fields_and_changing_the_parent(
    client: httpx.AsyncClient, session: AsyncSession
):
    village = await make_organization(session)
    assert_problem(await client.patch(f"{API}/{village.id}", json={"name": None}), 422)
    assert_problem(
        await client.patch(f"{API}/{village.id}", json={"parent_id": str(village.id)}), 422
    )
    assert_problem(await client.patch(f"{API}/{village.id}", json={"version": 7}), 422)


async def test_codes_are_unique(client: httpx.AsyncClient, session: AsyncSession):
    await make_organization(session, code="320100")
    assert_problem(
        await client.post(API, json=organization_body(code="320100")),
        409,
        "organization_code_taken",
    )
    other = await make_organization(session)
    assert_problem(
        await client.patch(f"{API}/{other.id}", json={"code": "320100"}),
        409,
        "organization_code_taken",
    )


async def test_child_counts_and_the_tops_of_each_scope(
    app, client: httpx.AsyncClient, session: AsyncSession
):
    county = await make_organization(session, name="县委")
    town = await make_organization(session, parent=county, name="镇党委")
    await make_organization(session, parent=town)
    await make_organization(session, parent=town)
    other_root = await make_organization(session, name="另一个县委")
    roots = (await client.get(API, params={"root": "true"})).json()["items"]
    assert {o["id"] for o in roots} == {str(county.id), str(other_root.id)}
    assert {o["name"]: o["child_count"] for o in roots} == {"县委": 1, "另一个县委": 0}
    assert (await client.get(f"{API}/{town.id}")).json()["child_count"] == 2

    staff = await make_user(session, organization=town, role=Role.ORG_STAFF)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://testserver", headers=bearer(staff)
    ) as scoped:
        tops = (await scoped.get(API, params={"root": "true"})).json()["items"]
        assert [(o["id"], o["parent_id"]) for o in tops] == [(str(town.id), None)]
