"""Grid service teams: one grid leader when active, who may serve (own subtree, 双报到, or an
administrator's choice), volunteers' phones encrypted and masked, and scope."""

from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.core.audit import AuditEvent
from grassroots.core.security import Role
from grassroots.grids.models import GridTeamPerson
from grassroots.organizations.enums import Tier
from tests.builders import (
    assert_problem,
    bearer,
    make_grid,
    make_member,
    make_organization,
    make_team,
    make_user,
)
from tests.world import World, build_world

TEAMS = "/api/v1/grid-teams"


async def _world_with_grid(session: AsyncSession) -> tuple[World, str]:
    world = await build_world(session)
    grid = await make_grid(session, organization=world.village_a, code="A-1")
    return world, str(grid.id)


def _leader(member_id: Any) -> dict[str, Any]:
    return {"role": "grid_leader", "member_id": str(member_id)}


async def test_an_active_team_has_exactly_one_leader(
    client: httpx.AsyncClient, session: AsyncSession
):
    world, grid_id = await _world_with_grid(session)
    other = await make_member(session, organization=world.village_a, name="李四")
    body = {"grid_id": grid_id, "name": "一网格服务队", "service_kinds": ["pairing_assistance"]}
    assert_problem(await client.post(TEAMS, json=body), 422, "grid_team_leader_required")
    two = [_leader(world.member_a.id), _leader(other.id)]
    assert_problem(
        await client.post(TEAMS, json={**body, "people": two}), 422, "grid_team_one_leader"
    )
    assert_problem(
        await client.post(TEAMS, json={**body, "active": False, "people": two}),
        422,
        "grid_team_one_leader",
    )
    dormant = await client.post(TEAMS, json={**body, "active": False})
    assert dormant.status_code == 201, dormant.text
    assert_problem(
        await client.patch(f"{TEAMS}/{dormant.json()['id']}", json={"active": True}),
        422,
        "grid_team_leader_required",
    )
    created = await client.post(TEAMS, json={**body, "people": [_leader(world.member_a.id)]})
    assert created.status_code == 201, created.text
    team = created.json()
    assert team["people"][0]["name"] == "甲村党员" and team["people"][0]["is_party_member"]
    assert team["service_kinds"] == ["pairing_assistance"]
    assert created.headers["etag"] == '"1"'
    # Removing the leader of an active team is refused; handing over in one change is not.
    url = f"{TEAMS}/{team['id']}"
    assert_problem(await client.patch(url, json={"people": []}), 422, "grid_team_leader_required")
    kept = team["people"][0]["id"]
    handover = await client.patch(
        url,
        json={"people": [{"id": kept, "role": "party_member"}, _leader(other.id)]},
        headers={"If-Match": created.headers["etag"]},
    )
    assert handover.status_code == 200, handover.text
    assert [(p["name"], p["role"]) for p in handover.json()["people"]] == [
        ("甲村党员", "party_member"),
        ("李四", "grid_leader"),
    ]
    assert handover.json()["people"][0]["id"] == kept
    assert handover.headers["etag"] == '"2"', "changing the people moves the team's version"
    # And back again, both kept: the former leader takes over, the other steps down.
    back = await client.patch(
        url,
        json={
            "people": [
                {"id": kept, "role": "grid_leader"},
                {"id": handover.json()["people"][1]["id"], "role": "grid_worker"},
            ]
        },
    )
    assert back.status_code == 200, back.text
    assert [p["role"] for p in back.json()["people"]] == ["grid_leader", "grid_worker"]
    stale = await client.patch(url, json={"name": "改名"}, headers={"If-Match": '"1"'})
    assert_problem(stale, 412, "precondition_failed")


async def test_the_database_holds_one_leader_per_team(session: AsyncSession):
    world, _ = await _world_with_grid(session)
    grid = await make_grid(session, organization=world.village_a)
    team = await make_team(session, grid=grid, leader=world.member_a)
    other = await make_member(session, organization=world.village_a)
    session.add(
        GridTeamPerson(
            team_id=team.id,
            organization_id=team.organization_id,
            position=1,
            role="grid_leader",
            member_id=other.id,
        )
    )
    with pytest.raises(IntegrityError):
        await session.commit()
    await session.rollback()


async def test_volunteers_phones_are_encrypted_masked_and_kept(
    client: httpx.AsyncClient, session: AsyncSession
):
    world, grid_id = await _world_with_grid(session)
    volunteer = {"role": "volunteer", "name": "王阿姨", "phone": "13812341234"}
    created = await client.post(
        TEAMS,
        json={"grid_id": grid_id, "name": "队", "people": [_leader(world.member_a.id), volunteer]},
    )
    assert created.status_code == 201, created.text
    person = created.json()["people"][1]
    assert person == {
        "id": person["id"],
        "role": "volunteer",
        "member_id": None,
        "name": "王阿姨",
        "phone": "138****1234",
        "is_party_member": False,
    }
    raw = (await session.execute(text("SELECT phone FROM grid_team_person"))).scalars().all()
    assert not any("13812341234" in str(value) for value in raw)
    # Kept by id without a phone: the phone stays.
    kept = await client.patch(
        f"{TEAMS}/{created.json()['id']}",
        json={
            "people": [
                {"id": created.json()["people"][0]["id"], "role": "grid_leader"},
                {"id": person["id"], "role": "grid_worker"},
            ]
        },
    )
    assert kept.json()["people"][1]["phone"] == "138****1234"
    stored = await session.scalar(select(GridTeamPerson).where(GridTeamPerson.name == "王阿姨"))
    assert stored is not None and stored.phone == "13812341234"
    audited = list(
        await session.scalars(
            select(AuditEvent).where(AuditEvent.entity_type == "grid_team_person")
        )
    )
    assert audited and all("13812341234" not in str(event.changes) for event in audited)


@pytest.mark.parametrize(
    "person",
    [
        {"role": "volunteer"},
        {"role": "volunteer", "member_id": "00000000-0000-4000-8000-000000000001", "name": "x"},
        {"role": "volunteer", "name": "x", "phone": "12"},
    ],
)
async def test_people_are_members_or_named_volunteers(
    client: httpx.AsyncClient, session: AsyncSession, person: dict[str, Any]
):
    world, grid_id = await _world_with_grid(session)
    body = {"grid_id": grid_id, "name": "队", "people": [_leader(world.member_a.id), person]}
    assert_problem(await client.post(TEAMS, json=body), 422, "validation_error")


async def test_the_same_member_twice_and_strangers_ids_are_refused(
    client: httpx.AsyncClient, session: AsyncSession
):
    world, grid_id = await _world_with_grid(session)
    twice = [
        _leader(world.member_a.id),
        {"role": "party_member", "member_id": str(world.member_a.id)},
    ]
    body = {"grid_id": grid_id, "name": "队"}
    assert_problem(
        await client.post(TEAMS, json={**body, "people": twice}), 422, "grid_team_person_duplicate"
    )
    created = (await client.post(TEAMS, json={**body, "people": twice[:1]})).json()
    other_team = await make_team(
        session,
        grid=await make_grid(session, organization=world.village_a),
        active=False,
        people=[{"role": "volunteer", "name": "别队的人"}],
    )
    stranger = other_team.people[0].id
    assert_problem(
        await client.patch(
            f"{TEAMS}/{created['id']}",
            json={"people": [twice[0], {"id": str(stranger), "role": "volunteer"}]},
        ),
        422,
        "grid_team_person_not_found",
    )


async def test_who_may_serve_from_outside_the_grid(app: FastAPI, session: AsyncSession):
    """Members of the grid's subtree serve; from outside, an in-service member registered at
    the grid's community (双报到) does; anyone else only when an administrator adds them."""
    world, grid_id = await _world_with_grid(session)
    registered = await make_member(
        session,
        organization=world.village_b,
        name="在职报到党员",
        is_in_service=True,
        residence_organization_id=world.village_a.id,
    )
    unregistered = await make_member(session, organization=world.village_b, name="外村党员")
    visible_outsider = await make_member(session, organization=world.town_a, name="镇机关党员")
    grid = await make_grid(session, organization=world.village_a)

    def body(member_id: Any) -> dict[str, Any]:
        return {
            "grid_id": str(grid.id),
            "name": "队",
            "people": [
                _leader(world.member_a.id),
                {"role": "party_member", "member_id": str(member_id)},
            ],
        }

    async with world.client(app, "org_staff") as staff:
        ok = await staff.post("/api/v1/grid-teams", json=body(registered.id))
        assert ok.status_code == 201, ok.text
        # Town A's own member, above the village: outside the grid's subtree, not registered.
        assert_problem(
            await staff.post("/api/v1/grid-teams", json=body(visible_outsider.id)),
            422,
            "grid_team_member_outside_grid",
        )
        # Someone from town B the caller cannot see reads exactly like nobody.
        unseen = await staff.post("/api/v1/grid-teams", json=body(unregistered.id))
        nobody = await staff.post(
            "/api/v1/grid-teams", json=body("00000000-0000-4000-8000-000000000009")
        )
        assert assert_problem(unseen, 422, "member_not_found")["detail"] == nobody.json()["detail"]
    async with world.client(app, "admin") as admin:
        for outsider in (visible_outsider, unregistered):
            added = await admin.post("/api/v1/grid-teams", json=body(outsider.id))
            assert added.status_code == 201, added.text
    # A member may serve on several teams: member A leads all three.
    async with world.client(app, "org_staff") as staff:
        teams = (await staff.get(TEAMS, params={"grid_id": str(grid.id)})).json()["items"]
    assert len(teams) == 3
    assert all(team["people"][0]["member_id"] == str(world.member_a.id) for team in teams)
    assert grid_id != str(grid.id)


async def test_other_branches_see_no_team(app: FastAPI, session: AsyncSession):
    world, _ = await _world_with_grid(session)
    grid_b = await make_grid(session, organization=world.village_b)
    team_b = await make_team(session, grid=grid_b, leader=world.member_b)
    async with world.client(app, "org_staff") as staff:
        for method in ("GET", "PATCH", "DELETE"):
            response = await staff.request(
                method, f"{TEAMS}/{team_b.id}", json={"name": "x"} if method == "PATCH" else None
            )
            assert_problem(response, 404, "grid_team_not_found")
        listed = (await staff.get(TEAMS, params={"limit": 200})).json()["items"]
        assert str(team_b.id) not in {team["id"] for team in listed}
        creating = await staff.post(
            TEAMS, json={"grid_id": str(grid_b.id), "name": "越权", "active": False}
        )
        assert_problem(creating, 422, "grid_not_found")


async def test_list_filters_and_keyset_pages(client: httpx.AsyncClient, session: AsyncSession):
    village = await make_organization(session, tier=Tier.VILLAGE)
    member = await make_member(session, organization=village)
    grids = [await make_grid(session, organization=village) for _ in range(3)]
    made = []
    for index in range(7):
        made.append(
            await make_team(
                session,
                grid=grids[index % 3],
                leader=member if index % 2 else None,
                active=bool(index % 2),
            )
        )
    seen: list[str] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        page = (await client.get(TEAMS, params=params)).json()
        seen += [team["id"] for team in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert sorted(seen) == sorted(str(team.id) for team in made) and len(seen) == 7
    active = (await client.get(TEAMS, params={"active": "true", "include_total": "true"})).json()
    assert active["total"] == 3
    of_grid = (await client.get(TEAMS, params={"grid_id": str(grids[0].id)})).json()["items"]
    assert {team["grid_id"] for team in of_grid} == {str(grids[0].id)} and len(of_grid) == 3


async def test_a_grid_with_a_team_is_not_deleted(client: httpx.AsyncClient, session: AsyncSession):
    village = await make_organization(session, tier=Tier.VILLAGE)
    grid = await make_grid(session, organization=village)
    team = await make_team(session, grid=grid, active=False)
    assert_problem(await client.delete(f"/api/v1/grids/{grid.id}"), 409, "grid_has_teams")
    assert (await client.delete(f"{TEAMS}/{team.id}")).status_code == 204
    assert (await client.delete(f"/api/v1/grids/{grid.id}")).status_code == 204


async def test_a_reviewer_reads_but_does_not_write(app: FastAPI, session: AsyncSession):
    village = await make_organization(session, tier=Tier.VILLAGE)
    grid = await make_grid(session, organization=village)
    team = await make_team(session, grid=grid, active=False)
    reviewer = await make_user(session, organization=village, role=Role.REVIEWER)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://testserver", headers=bearer(reviewer)
    ) as client:
        assert (await client.get(f"{TEAMS}/{team.id}")).status_code == 200
        assert_problem(await client.patch(f"{TEAMS}/{team.id}", json={"name": "x"}), 403)
