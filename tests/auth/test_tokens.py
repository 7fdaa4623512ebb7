"""Logging in, access-token checks, refresh-token rotation and reuse detection, logout."""

import uuid
from datetime import UTC, datetime, timedelta

import httpx
import jwt
import pytest
from fastapi import FastAPI
from sqlalchemy import event, select
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.auth import service as auth_service
from grassroots.auth.models import RefreshToken
from grassroots.core.audit import AuditEvent
from grassroots.core.security import TOKEN_AUDIENCE, Permission, Role, encode_access_token
from grassroots.organizations.enums import Kind, Tier
from grassroots.users.models import Grant
from tests.builders import (
    TEST_PASSWORD,
    TEST_SECRET,
    assert_problem,
    bearer,
    make_organization,
    make_user,
)

TOKEN = "/api/v1/auth/token"


async def login(
    client: httpx.AsyncClient, username: str, password: str = TEST_PASSWORD
) -> httpx.Response:
    return await client.post(TOKEN, data={"username": username, "password": password})


async def test_login_returns_tokens_that_open_the_api(
    anonymous: httpx.AsyncClient, session: AsyncSession
):
    await make_user(session, username="secretary", password=TEST_PASSWORD)
    response = await login(anonymous, "Secretary")
    assert response.status_code == 200, response.text
    tokens = response.json()
    assert tokens["token_type"] == "bearer" and 600 <= tokens["expires_in"] <= 1800
    me = await anonymous.get(
        "/api/v1/me", headers={"Authorization": f"Bearer {tokens['access_token']}"}
    )
    assert me.status_code == 200 and me.json()["username"] == "secretary"
    assert "password" not in me.text and "hash" not in me.text


async def test_a_failed_login_says_only_that_the_credentials_are_wrong(
    anonymous: httpx.AsyncClient, session: AsyncSession
):
    await make_user(session, username="secretary", password=TEST_PASSWORD)
    wrong_password = assert_problem(
        await login(anonymous, "secretary", "not the password"), 401, "invalid_credentials"
    )
    unknown_user = assert_problem(await login(anonymous, "nobody"), 401, "invalid_credentials")
    assert wrong_password["detail"] == unknown_user["detail"]


async def test_a_disabled_account_cannot_log_in_or_use_its_token(
    anonymous: httpx.AsyncClient, session: AsyncSession
):
    user = await make_user(session, username="leaver", password=TEST_PASSWORD)
    access = (await login(anonymous, "leaver")).json()["access_token"]
    user.is_active = False
    await session.commit()
    assert_problem(await login(anonymous, "leaver"), 401, "invalid_credentials")
    assert_problem(
        await anonymous.get("/api/v1/me", headers={"Authorization": f"Bearer {access}"}),
        401,
        "not_authenticated",
    )


def _forged(
    claims_update: dict[str, object], *, key: str = TEST_SECRET, algorithm: str = "HS256"
) -> str:
    now = datetime.now(UTC)
    claims: dict[str, object] = {
        "sub": "",
        "aud": TOKEN_AUDIENCE,
        "typ": "access",
        "iat": now,
        "exp": now + timedelta(minutes=5),
    }
    claims.update(claims_update)
    return jwt.encode(claims, key, algorithm=algorithm)


async def test_tokens_are_checked_for_expiry_audience_type_signature_and_algorithm(
    anonymous: httpx.AsyncClient, session: AsyncSession
):
    user = await make_user(session)
    sub = str(user.id)
    expired = encode_access_token(user_id=user.id, session_id=user.id, key=TEST_SECRET, minutes=-1)
    response = await anonymous.get("/api/v1/me", headers={"Authorization": f"Bearer {expired}"})
    assert_problem(response, 401, "token_expired")
    assert response.headers["www-authenticate"] == "Bearer"
    for bad in (
        _forged({"sub": sub, "aud": "another-app"}),
        _forged({"sub": sub, "typ": "refresh"}),
        _forged({"sub": sub}, key="another-key-" + "x" * 64),
        _forged({"sub": sub}, algorithm="HS512"),
        jwt.encode({"sub": sub, "aud": TOKEN_AUDIENCE, "typ": "access"}, None, algorithm="none"),
        _forged({"sub": "not-a-uuid"}),
        "garbage",
    ):
        assert_problem(
            await anonymous.get("/api/v1/me", headers={"Authorization": f"Bearer {bad}"}),
            401,
            "not_authenticated",
        )
    assert_problem(await anonymous.get("/api/v1/me"), 401, "not_authenticated")


async def test_refresh_rotates_and_reuse_revokes_the_family(
    anonymous: httpx.AsyncClient, session: AsyncSession
):
    user = await make_user(session, username="secretary", password=TEST_PASSWORD)
    first = (await login(anonymous, "secretary")).json()
    second = (
        await anonymous.post("/api/v1/auth/refresh", json={"refresh_token": first["refresh_token"]})
    ).json()
    assert second["refresh_token"] != first["refresh_token"]
    third = await anonymous.post(
        "/api/v1/auth/refresh", json={"refresh_token": second["refresh_token"]}
    )
    assert third.status_code == 200
    # The first token, already spent, comes back: someone copied it. End the whole family.
    assert_problem(
        await anonymous.post(
            "/api/v1/auth/refresh", json={"refresh_token": first["refresh_token"]}
        ),
        401,
        "invalid_refresh_token",
    )
    assert_problem(
        await anonymous.post(
            "/api/v1/auth/refresh", json={"refresh_token": third.json()["refresh_token"]}
        ),
        401,
        "invalid_refresh_token",
    )
    # The tokens of this login (not the session make_user opened for bearer()).
    stored = list(
        await session.scalars(select(RefreshToken).where(RefreshToken.family_id != user.id))
    )
    assert stored and all(token.revoked_at is not None for token in stored)
    assert all(first["refresh_token"] not in token.token_hash for token in stored)


async def test_logout_revokes_every_session_of_the_user(
    anonymous: httpx.AsyncClient, session: AsyncSession
):
    await make_user(session, username="secretary", password=TEST_PASSWORD)
    phone = (await login(anonymous, "secretary")).json()
    desktop = (await login(anonymous, "secretary")).json()
    response = await anonymous.post(
        "/api/v1/auth/logout", json={"refresh_token": desktop["refresh_token"]}
    )
    assert response.status_code == 204
    for tokens in (phone, desktop):
        assert_problem(
            await anonymous.post(
                "/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]}
            ),
            401,
            "invalid_refresh_token",
        )
    unknown = await anonymous.post("/api/v1/auth/logout", json={"refresh_token": "whatever"})
    assert unknown.status_code == 204


async def test_grants_and_disabling_take_effect_on_the_next_request(
    client: httpx.AsyncClient, anonymous: httpx.AsyncClient, session: AsyncSession
):
    county = await make_organization(session, kind=Kind.COMMITTEE, tier=Tier.COUNTY)
    user = await make_user(session, username="staffer", organization=county, password=TEST_PASSWORD)
    tokens = (await login(anonymous, "staffer")).json()
    headers = {"Authorization": f"Bearer {tokens['access_token']}"}
    assert (
        await anonymous.get(f"/api/v1/organizations/{county.id}", headers=headers)
    ).status_code == 403
    grant = await client.post(
        f"/api/v1/users/{user.id}/grants",
        json={"organization_id": str(county.id), "role": "org_staff"},
    )
    assert grant.status_code == 201, grant.text
    assert (
        await anonymous.get(f"/api/v1/organizations/{county.id}", headers=headers)
    ).status_code == 200
    await client.delete(f"/api/v1/users/{user.id}/grants/{grant.json()['id']}")
    assert (
        await anonymous.get(f"/api/v1/organizations/{county.id}", headers=headers)
    ).status_code == 403
    disabled = await client.patch(f"/api/v1/users/{user.id}", json={"is_active": False})
    assert disabled.status_code == 200
    assert_problem(await anonymous.get("/api/v1/me", headers=headers), 401)
    assert_problem(
        await anonymous.post(
            "/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]}
        ),
        401,
    )


@pytest.mark.parametrize("field", ["username", "password"])
async def test_login_form_fields_are_required(anonymous: httpx.AsyncClient, field: str):
    data = {"username": "a", "password": "b"}
    del data[field]
    assert_problem(await anonymous.post(TOKEN, data=data), 422, "validation_error")


async def test_me_lists_the_grants_with_organization_names(
    anonymous: httpx.AsyncClient, session: AsyncSession
):
    county = await make_organization(session, name="青山县委")
    user = await make_user(session, organization=county, role=Role.REVIEWER)
    me = (await anonymous.get("/api/v1/me", headers=bearer(user))).json()
    assert [(g["organization_name"], g["role"]) for g in me["grants"]] == [("青山县委", "reviewer")]
    assert me["organization_id"] == str(county.id)


async def test_me_says_what_each_grant_lets_the_caller_do(
    anonymous: httpx.AsyncClient, session: AsyncSession
):
    county = await make_organization(session, name="青山县委")
    township = await make_organization(session, parent=county, name="城关镇党委")
    user = await make_user(session, organization=county, role=Role.REVIEWER)
    session.add(Grant(user_id=user.id, organization_id=township.id, role=Role.ORG_STAFF))
    await session.commit()
    me = (await anonymous.get("/api/v1/me", headers=bearer(user))).json()
    by_organization = {g["organization_id"]: g["permissions"] for g in me["grants"]}
    assert by_organization == {
        str(county.id): [
            "organizations:read",
            "members:read",
            "volunteer:read",
            "grids:read",
            "evaluations:review",
        ],
        str(township.id): [
            "organizations:read",
            "organizations:write",
            "members:read",
            "members:write",
            "volunteer:read",
            "volunteer:manage",
            "grids:read",
            "grids:write",
            "evaluations:read",
            "evaluations:self",
        ],
    }
    # Everything held anywhere, once, in the order the server lists permissions.
    assert me["permissions"] == [
        "organizations:read",
        "organizations:write",
        "members:read",
        "members:write",
        "volunteer:read",
        "volunteer:manage",
        "grids:read",
        "grids:write",
        "evaluations:read",
        "evaluations:self",
        "evaluations:review",
    ]


async def test_me_gives_a_superuser_every_permission_and_a_bare_account_none(
    anonymous: httpx.AsyncClient, session: AsyncSession
):
    superuser = await make_user(session, superuser=True)
    me = (await anonymous.get("/api/v1/me", headers=bearer(superuser))).json()
    assert (me["is_superuser"], me["grants"]) == (True, [])
    assert me["permissions"] == [permission.value for permission in Permission]
    admin = await make_user(session, organization=await make_organization(session), role=Role.ADMIN)
    admin_me = (await anonymous.get("/api/v1/me", headers=bearer(admin))).json()
    assert admin_me["grants"][0]["permissions"] == me["permissions"]
    bare = await make_user(session)
    assert (await anonymous.get("/api/v1/me", headers=bearer(bare))).json()["permissions"] == []


def _auth(tokens: dict[str, str]) -> dict[str, str]:
    return {"Authorization": f"Bearer {tokens['access_token']}"}


async def test_an_access_token_ends_with_its_session(
    client: httpx.AsyncClient, anonymous: httpx.AsyncClient, session: AsyncSession
):
    user = await make_user(session, username="secretary", password=TEST_PASSWORD)
    # Logging out ends every session of the user, and their access tokens with them.
    phone, desktop = (
        (await login(anonymous, "secretary")).json(),
        (await login(anonymous, "secretary")).json(),
    )
    for tokens in (phone, desktop):
        assert (await anonymous.get("/api/v1/me", headers=_auth(tokens))).status_code == 200
    await anonymous.post("/api/v1/auth/logout", json={"refresh_token": phone["refresh_token"]})
    for tokens in (phone, desktop):
        problem = assert_problem(
            await anonymous.get("/api/v1/me", headers=_auth(tokens)), 401, "session_ended"
        )
        assert "log in again" in problem["detail"]
    # A new password ends them too.
    tokens = (await login(anonymous, "secretary")).json()
    assert (await anonymous.get("/api/v1/me", headers=_auth(tokens))).status_code == 200
    changed = await client.patch(
        f"/api/v1/users/{user.id}", json={"password": "a brand new passphrase"}
    )
    assert changed.status_code == 200, changed.text
    assert_problem(await anonymous.get("/api/v1/me", headers=_auth(tokens)), 401, "session_ended")
    refusals = await session.scalars(select(AuditEvent).where(AuditEvent.action == "authenticate"))
    assert {event.changes["reason"] for event in refusals} == {"session ended"}


async def test_refresh_token_reuse_ends_the_access_tokens_of_its_family_only(
    anonymous: httpx.AsyncClient, session: AsyncSession
):
    await make_user(session, username="secretary", password=TEST_PASSWORD)
    stolen = (await login(anonymous, "secretary")).json()
    other_device = (await login(anonymous, "secretary")).json()
    rotated = (
        await anonymous.post(
            "/api/v1/auth/refresh", json={"refresh_token": stolen["refresh_token"]}
        )
    ).json()
    assert (await anonymous.get("/api/v1/me", headers=_auth(rotated))).status_code == 200
    # The spent token comes back: the whole family ends, access tokens included.
    assert_problem(
        await anonymous.post(
            "/api/v1/auth/refresh", json={"refresh_token": stolen["refresh_token"]}
        ),
        401,
        "invalid_refresh_token",
    )
    for tokens in (stolen, rotated):
        assert_problem(
            await anonymous.get("/api/v1/me", headers=_auth(tokens)), 401, "session_ended"
        )
    assert (await anonymous.get("/api/v1/me", headers=_auth(other_device))).status_code == 200


async def test_a_token_without_a_session_is_not_valid(
    anonymous: httpx.AsyncClient, session: AsyncSession
):
    user = await make_user(session)
    sessionless = _forged({"sub": str(user.id)})
    assert_problem(
        await anonymous.get("/api/v1/me", headers={"Authorization": f"Bearer {sessionless}"}),
        401,
        "not_authenticated",
    )
    unknown_session = encode_access_token(
        user_id=user.id, session_id=uuid.uuid4(), key=TEST_SECRET, minutes=5
    )
    assert_problem(
        await anonymous.get("/api/v1/me", headers={"Authorization": f"Bearer {unknown_session}"}),
        401,
        "session_ended",
    )


async def test_loading_the_caller_is_one_statement_with_the_session_and_the_grants(
    app: FastAPI, session: AsyncSession
):
    county = await make_organization(session)
    user = await make_user(session, organization=county, role=Role.ORG_STAFF)
    statements: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        statements.append(statement)

    engine = app.state.engine.sync_engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        async with app.state.sessionmaker() as fresh:
            principal = await auth_service.principal_for_user(fresh, user.id, user.id)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert principal is not None and [g.organization_id for g in principal.grants] == [county.id]
    # The account with whether its session lives and its grants, in one round trip.
    assert len(statements) == 1


async def test_a_token_accepted_before_is_refused_once_it_expires(
    anonymous: httpx.AsyncClient, session: AsyncSession, monkeypatch: pytest.MonkeyPatch
):
    """Verified tokens are remembered per process; their expiry is still checked on each use."""
    user = await make_user(session)
    headers = bearer(user)
    assert (await anonymous.get("/api/v1/me", headers=headers)).status_code == 200
    later = datetime.now(UTC) + timedelta(minutes=16)
    monkeypatch.setattr("grassroots.core.security.time.time", later.timestamp)
    response = await anonymous.get("/api/v1/me", headers=headers)
    assert_problem(response, 401, "token_expired")


async def test_a_remembered_token_is_refused_at_once_when_its_user_is_disabled(
    anonymous: httpx.AsyncClient, client: httpx.AsyncClient, session: AsyncSession
):
    user = await make_user(session)
    headers = bearer(user)
    assert (await anonymous.get("/api/v1/me", headers=headers)).status_code == 200
    detail = (await client.get(f"/api/v1/users/{user.id}")).json()
    disabled = await client.patch(
        f"/api/v1/users/{user.id}",
        json={"is_active": False},
        headers={"If-Match": f'"{detail["version"]}"'},
    )
    assert disabled.status_code == 200
    assert_problem(await anonymous.get("/api/v1/me", headers=headers), 401, "not_authenticated")
