"""Accounts and grants, managed by administrators within their scope."""

import uuid

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.core.security import Role, verify_password
from grassroots.users.models import Grant, User
from tests.builders import TEST_PASSWORD, assert_problem, make_organization, make_user
from tests.world import build_world

USERS = "/api/v1/users"


def _new_user(organization_id: object, **overrides: object) -> dict[str, object]:
    body: dict[str, object] = {
        "username": "wangfang",
        "display_name": "王芳",
        "password": "山水林田湖草沙一体",
        "organization_id": str(organization_id),
    }
    body.update(overrides)
    return body


async def test_an_admin_creates_reads_and_edits_an_account(
    client: httpx.AsyncClient, anonymous: httpx.AsyncClient, session: AsyncSession
):
    town = await make_organization(session)
    created = await client.post(USERS, json=_new_user(town.id, phone="13900001111"))
    assert created.status_code == 201, created.text
    user = created.json()
    assert created.headers["etag"] == '"1"' and created.headers["location"].endswith(user["id"])
    assert "password" not in created.text and user["is_superuser"] is False
    assert_problem(
        await client.patch(
            f"{USERS}/{user['id']}", json={"display_name": "王芳芳"}, headers={"If-Match": '"7"'}
        ),
        412,
    )
    edited = await client.patch(
        f"{USERS}/{user['id']}",
        json={"display_name": "王芳芳", "password": "长风破浪会有时直挂云帆"},
        headers={"If-Match": '"1"'},
    )
    assert edited.status_code == 200 and edited.json()["display_name"] == "王芳芳"
    login = await anonymous.post(
        "/api/v1/auth/token", data={"username": "wangfang", "password": "长风破浪会有时直挂云帆"}
    )
    assert login.status_code == 200
    listed = (await client.get(USERS, params={"q": "王芳"})).json()["items"]
    assert [u["username"] for u in listed] == ["wangfang"]


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("short", "password_too_short"),
        ("12345678", "password_too_common"),
        ("password", "password_too_common"),
        ("19850612", "password_too_common"),
        ("aaaaaaaaaaaa", "password_too_common"),
        ("my-wangfang-pass", "password_too_common"),
    ],
)
async def test_weak_passwords_are_refused(
    client: httpx.AsyncClient, session: AsyncSession, password: str, code: str
):
    town = await make_organization(session)
    assert_problem(await client.post(USERS, json=_new_user(town.id, password=password)), 422, code)


async def test_long_passphrases_are_welcome_and_hashed_with_argon2id(
    client: httpx.AsyncClient, session: AsyncSession
):
    town = await make_organization(session)
    passphrase = "我们都是追梦人 " * 10
    response = await client.post(USERS, json=_new_user(town.id, password=passphrase))
    assert response.status_code == 201, response.text
    stored = await session.get(User, uuid.UUID(response.json()["id"]))
    assert stored is not None and stored.password_hash is not None
    assert stored.password_hash.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert verify_password(passphrase, stored.password_hash)


async def test_bad_account_bodies_are_refused(client: httpx.AsyncClient, session: AsyncSession):
    town = await make_organization(session)
    await make_user(session, username="taken")
    for body, code in [
        (_new_user(town.id, username="Taken"), "username_taken"),
        (_new_user(town.id, is_superuser=True), "validation_error"),
        (_new_user(town.id, username="中文名"), "validation_error"),
        (_new_user("00000000-0000-4000-8000-000000000000"), "organization_not_found"),
        (_new_user(town.id, password="x" * 300), "validation_error"),
    ]:
        response = await client.post(USERS, json=body)
        assert response.status_code in (409, 422)
        assert_problem(response, response.status_code, code)


async def test_admins_of_a_township_cannot_reach_beyond_it(app: FastAPI, session: AsyncSession):
    world = await build_world(session)
    county_admin = await make_user(session, organization=world.town_a, role=Role.ADMIN)
    session.add(Grant(user_id=county_admin.id, organization_id=world.county.id, role=Role.ADMIN))
    await session.commit()
    async with world.client(app, "admin") as admin_a:
        listed = (await admin_a.get(USERS, params={"limit": 200})).json()["items"]
        assert str(world.user_b.id) not in {u["id"] for u in listed}
        assert str(world.user_a.id) in {u["id"] for u in listed}
        # The county admin lives in town A but holds power above it: hands off.
        assert_problem(
            await admin_a.patch(
                f"{USERS}/{county_admin.id}", json={"password": "新的一天新的密码"}
            ),
            403,
            "forbidden",
        )
        assert_problem(
            await admin_a.post(
                f"{USERS}/{world.user_a.id}/grants",
                json={"organization_id": str(world.county.id), "role": "admin"},
            ),
            422,
            "organization_not_found",
        )
        assert_problem(
            await admin_a.post(USERS, json=_new_user(world.village_b.id)),
            422,
            "organization_not_found",
        )
        assert_problem(await admin_a.get(USERS, params={"within": str(world.town_b.id)}), 404)
        grants = (await admin_a.get(f"{USERS}/{county_admin.id}/grants")).json()["items"]
        assert {g["organization_id"] for g in grants} == {str(world.town_a.id)}
        assert {g["organization_name"] for g in grants} == {"甲镇党委"}
        duplicate = await admin_a.post(
            f"{USERS}/{world.user_a.id}/grants",
            json={"organization_id": str(world.village_a.id), "role": "member"},
        )
        assert_problem(duplicate, 409, "grant_exists")


async def test_only_a_superuser_changes_a_superuser(app: FastAPI, session: AsyncSession):
    world = await build_world(session)
    owner = await make_user(
        session, username="owner", superuser=True, organization=world.town_a, password=TEST_PASSWORD
    )
    async with world.client(app, "admin") as admin_a:
        assert_problem(
            await admin_a.patch(f"{USERS}/{owner.id}", json={"is_active": False}), 403, "forbidden"
        )
    await session.refresh(owner)
    assert owner.is_active
