"""Security headers, CORS, body limits, and secrets that never leave in bodies or logs."""

import io
import logging

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.main import create_app
from tests.builders import (
    TEST_PASSWORD,
    assert_problem,
    make_organization,
    make_user,
    settings_for_tests,
)


async def test_responses_carry_security_headers(client: httpx.AsyncClient):
    for path in ("/api/v1/organizations", "/api/v1/nothing", "/healthz"):
        response = await client.get(path)
        csp = response.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert "script-src 'self';" in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin"
    docs = await client.get("/api/docs")
    assert docs.status_code == 200 and "/api/docs-assets/swagger-ui-bundle.js" in docs.text
    assert (await client.get("/api/docs-assets/swagger-ui-bundle.js")).status_code == 200


async def test_cors_answers_only_configured_origins(database_url: str):
    app = create_app(
        settings_for_tests(
            database_url,
            cors_origins="https://party.example.cn",
        )
    )
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        preflight = {"Access-Control-Request-Method": "GET"}
        allowed = await client.options(
            "/api/v1/meta/enums", headers={"Origin": "https://party.example.cn", **preflight}
        )
        assert allowed.headers["access-control-allow-origin"] == "https://party.example.cn"
        refused = await client.options(
            "/api/v1/meta/enums", headers={"Origin": "https://evil.example", **preflight}
        )
        assert "access-control-allow-origin" not in refused.headers
    await app.state.engine.dispose()


async def test_bodies_over_the_limit_are_refused(client: httpx.AsyncClient):
    huge = b'{"name": "' + b"x" * (1024 * 1024 + 10) + b'"}'
    declared = await client.post(
        "/api/v1/organizations", content=huge, headers={"Content-Type": "application/json"}
    )
    assert_problem(declared, 413, "payload_too_large")

    async def chunks():
        for _ in range(40):
            yield b"x" * 32768

    streamed = await client.post(
        "/api/v1/organizations", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert_problem(streamed, 413, "payload_too_large")


async def test_no_password_hash_or_token_appears_in_bodies_or_logs(
    client: httpx.AsyncClient, anonymous: httpx.AsyncClient, session: AsyncSession
):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logging.getLogger().addHandler(handler)
    previous_level = logging.getLogger().level
    logging.getLogger().setLevel(logging.DEBUG)
    bodies = []
    try:
        town = await make_organization(session)
        await make_user(session, username="secretary", password=TEST_PASSWORD)
        tokens = (
            await anonymous.post(
                "/api/v1/auth/token", data={"username": "secretary", "password": TEST_PASSWORD}
            )
        ).json()
        wrong = await anonymous.post(
            "/api/v1/auth/token", data={"username": "secretary", "password": "wrong-password-123"}
        )
        created = await client.post(
            "/api/v1/users",
            json={
                "username": "newbie",
                "display_name": "新人",
                "password": "万里长城永不倒",
                "organization_id": str(town.id),
            },
        )
        key = await client.post(
            "/api/v1/api-keys",
            json={"name": "k", "organization_id": str(town.id), "role": "reviewer"},
        )
        refreshed = await anonymous.post(
            "/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]}
        )
        bodies = [
            wrong.text,
            created.text,
            refreshed.text,
            (await client.get("/api/v1/users")).text,
            (await client.get("/api/v1/api-keys")).text,
            (await client.get("/api/v1/audit-events", params={"limit": 200})).text,
        ]
    finally:
        logging.getLogger().removeHandler(handler)
        logging.getLogger().setLevel(previous_level)
    secrets = [
        TEST_PASSWORD,
        "wrong-password-123",
        "万里长城永不倒",
        tokens["access_token"],
        tokens["refresh_token"],
        key.json()["secret"],
        "$argon2id$",
    ]
    logs = stream.getvalue()
    assert logs, "the flow should have logged something"
    for secret in secrets:
        assert secret not in logs
        for body in bodies:
            assert secret not in body
