"""Routers turn away at once the paths none of their routes can match, and never a path one
of their routes does."""

import re
from typing import Any

import httpx
from fastapi import FastAPI

from grassroots.core.routing import shared_prefixes
from tests.builders import assert_problem
from tests.routes import api_routes

# A value for any path parameter: each route's own validation may refuse it, after routing.
PARAMETER = re.compile(r"\{[^}]*\}")


async def _routed_to(app: FastAPI, method: str, path: str) -> Any:
    """The route the app hands a request to (without credentials: nothing is changed)."""
    scope: dict[str, Any] = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": [(b"host", b"test")],
        "client": ("127.0.0.1", 1),
        "server": ("test", 80),
    }

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(_message: dict[str, Any]) -> None:
        pass

    await app(scope, receive, send)
    return scope.get("route")


async def test_every_route_is_reached_by_its_own_path_and_method(app: FastAPI):
    for method, path, route in api_routes(app):
        concrete = PARAMETER.sub("x1", path)
        assert await _routed_to(app, method, concrete) is route, (method, path)


async def test_a_path_no_router_holds_is_a_404_problem(anonymous: httpx.AsyncClient):
    response = await anonymous.get("/api/v1/organisations")
    assert_problem(response, 404)


async def test_a_known_path_with_another_method_is_a_405_problem(anonymous: httpx.AsyncClient):
    response = await anonymous.put("/api/v1/meta/enums")
    assert_problem(response, 405)
    assert "GET" in response.headers["allow"]


def test_each_first_segment_keeps_the_text_its_paths_share():
    paths = ["/auth/token", "/auth/refresh", "/me", "/auth/sessions/{session_id}"]
    assert shared_prefixes(paths) == ("/auth/", "/me")
    assert shared_prefixes(["/organizations/{id}", "/organizations"]) == ("/organizations",)
    assert shared_prefixes(["/{anything}"]) == ("/",)
