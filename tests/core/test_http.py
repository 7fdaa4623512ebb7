"""Cross-cutting HTTP behaviour: request ids, JSON logs, probes, and a database that is down."""

import io
import json
import logging
import uuid

import httpx
import pytest

from grassroots.core.logging import JsonFormatter
from grassroots.main import create_app
from grassroots.users.models import User
from tests.builders import assert_problem, bearer, settings_for_tests


async def test_every_response_carries_a_request_id(client: httpx.AsyncClient):
    generated = await client.get("/api/v1/meta/enums")
    assert len(generated.headers["x-request-id"]) == 32
    echoed = await client.get("/api/v1/organizations/nope", headers={"X-Request-ID": "req-42"})
    assert echoed.headers["x-request-id"] == "req-42"
    unsafe = await client.get("/healthz", headers={"X-Request-ID": "bad id\twith spaces"})
    assert unsafe.headers["x-request-id"] != "bad id\twith spaces"


async def test_log_lines_are_json_with_the_request_id(client: httpx.AsyncClient):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logging.getLogger().addHandler(handler)
    try:
        await client.get("/api/v1/organizations", headers={"X-Request-ID": "trace-1"})
    finally:
        logging.getLogger().removeHandler(handler)
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    access = [line for line in lines if line["logger"] == "grassroots.access"]
    assert access and access[-1]["request_id"] == "trace-1"
    assert access[-1]["status"] == 200 and access[-1]["path"] == "/api/v1/organizations"


async def test_probes_answer_outside_the_api(client: httpx.AsyncClient):
    assert (await client.get("/healthz")).json() == {"status": "ok"}
    assert (await client.get("/readyz")).json() == {"status": "ready"}


@pytest.fixture
async def app_without_database():
    app = create_app(settings_for_tests("postgresql://postgres@127.0.0.1:1/nowhere"))
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client
    await app.state.engine.dispose()


async def test_a_database_that_is_down_is_a_503_problem(app_without_database: httpx.AsyncClient):
    assert (await app_without_database.get("/healthz")).status_code == 200
    # A signed token, so that the API needs the database to know who is calling.
    caller = bearer(User(id=uuid.uuid4()))
    for path in ("/readyz", "/api/v1/organizations"):
        response = await app_without_database.get(path, headers=caller)
        problem = assert_problem(response, 503)
        assert response.headers["retry-after"]
        assert "127.0.0.1" not in json.dumps(problem) and "Traceback" not in response.text


async def test_the_openapi_document_and_docs_are_served(client: httpx.AsyncClient):
    document = (await client.get("/api/v1/openapi.json")).json()
    assert "/api/v1/organizations" in document["paths"]
    assert (await client.get("/api/docs")).status_code == 200
