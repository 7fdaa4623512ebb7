"""Security headers, CORS, body limits, and secrets that never leave in bodies or logs."""

import io
import json
import logging

import httpx
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.main import create_app
from tests.builders import (
    TEST_PASSWORD,
    assert_problem,
    make_member,
    make_organization,
    make_record,
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


async def test_body_limits_are_per_route(client: httpx.AsyncClient, session: AsyncSession):
    village = await make_organization(session)
    record = await make_record(session, member=await make_member(session, organization=village))
    photos = f"/api/v1/volunteer-records/{record.id}/photos"
    five_mb = b"\xff\xd8\xff\xe0" + b"\x00" * (5 * 1024 * 1024)
    uploaded = await client.post(photos, files={"file": ("big.jpg", five_mb, "image/jpeg")})
    assert uploaded.status_code == 201, uploaded.text
    assert uploaded.json()["size"] == len(five_mb)
    two_mb = json.dumps({"name": "x" * (2 * 1024 * 1024)}).encode()
    assert_problem(
        await client.post(
            "/api/v1/organizations", content=two_mb, headers={"Content-Type": "application/json"}
        ),
        413,
        "payload_too_large",
    )
    # The larger limit is the photo route's only: the same body to another route of the
    # record is refused.
    assert_problem(
        await client.post(
            f"/api/v1/volunteer-records/{record.id}/verify",
            content=two_mb,
            headers={"Content-Type": "application/json"},
        ),
        413,
        "payload_too_large",
    )


async def test_a_photo_over_its_limit_is_refused_while_it_streams(
    app: FastAPI, client: httpx.AsyncClient, session: AsyncSession
):
    village = await make_organization(session)
    record = await make_record(session, member=await make_member(session, organization=village))
    boundary = "limit-test"
    chunk = b"\x00" * 65536
    count = app.state.settings.max_photo_bytes // len(chunk) + 4

    async def multipart():
        yield (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
            'filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n'
        ).encode() + b"\xff\xd8\xff\xe0"
        for _ in range(count):
            yield chunk
        yield f"\r\n--{boundary}--\r\n".encode()

    streamed = await client.post(
        f"/api/v1/volunteer-records/{record.id}/photos",
        content=multipart(),
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
    )
    assert_problem(streamed, 413, "payload_too_large")


async def test_a_lying_content_length_does_not_pass_the_limit(app: FastAPI):
    body = json.dumps({"name": "x" * (2 * 1024 * 1024)}).encode()
    chunks = [body[i : i + 65536] for i in range(0, len(body), 65536)]
    sent: list[dict] = []

    async def receive():
        chunk = chunks.pop(0) if chunks else b""
        return {"type": "http.request", "body": chunk, "more_body": bool(chunks)}

    async def send(message):
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/api/v1/organizations",
        "raw_path": b"/api/v1/organizations",
        "query_string": b"",
        "root_path": "",
        "headers": [(b"content-type", b"application/json"), (b"content-length", b"100")],
        "client": ("10.1.1.1", 5000),
        "server": ("testserver", 80),
    }
    await app(scope, receive, send)
    assert sent[0]["status"] == 413


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
