"""A domain's router, which turns away at once the requests none of its routes can match, and
whose routes end the request's session."""

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import APIRouter
from fastapi.routing import APIRoute
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Match
from starlette.types import Scope

from grassroots.core.db import in_request_session

Handler = Callable[[Request], Coroutine[Any, Any, Response]]


class SessionRoute(APIRoute):
    """A route that commits the session its endpoint used (`core.db.SessionDep`) once the
    response is ready and before it is sent, or rolls it back when anything failed."""

    ends_session = True

    def get_route_handler(self) -> Handler:
        handler = super().get_route_handler()

        async def handle(request: Request) -> Response:
            return await in_request_session(request.scope, handler(request))

        return handle


def literal_prefix(path: str) -> str:
    """The part of a route's path before its first parameter: matched character for character."""
    return path.split("{", 1)[0]


def common_prefix(paths: list[str]) -> str:
    """The longest string every one of `paths` starts with."""
    if not paths:
        return ""
    first, last = min(paths), max(paths)
    size = 0
    while size < len(first) and first[size] == last[size]:
        size += 1
    return first[:size]


def shared_prefixes(paths: list[str]) -> tuple[str, ...]:
    """For each first segment of `paths`, the text its paths begin with before a parameter:
    ("/auth/", "/me") for /auth/token, /auth/refresh and /me."""
    groups: dict[str, list[str]] = {}
    for path in paths:
        literal = literal_prefix(path)
        groups.setdefault(literal.lstrip("/").split("/", 1)[0], []).append(literal)
    return tuple(common_prefix(literals) for literals in groups.values())


class Router(APIRouter):
    """An APIRouter that declines, without trying each route's pattern, a request whose path
    holds none of the texts its routes' paths begin with (`/organizations`).

    The app tries its routers one after the other, and FastAPI asks an included router for a
    match by trying its routes one by one (~1.4 µs each): with this check a request costs a
    substring test or two for each router before its own. Declining is exact: a route, under
    whatever prefix the router is included, only matches a path that holds the route's text
    before its first parameter, and so the text it shares with the routes of its group."""

    _guards: tuple[str, ...] = ()
    _guarded_routes = -1

    def __init__(self, **options: Any) -> None:
        super().__init__(route_class=SessionRoute, **options)

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        guards = self._current_guards()
        path = scope.get("path", "")
        if guards and not any(guard in path for guard in guards):
            return Match.NONE, {}
        return super().matches(scope)

    def _current_guards(self) -> tuple[str, ...]:
        """The texts the routes' paths begin with; recomputed when routes are added."""
        if self._guarded_routes != len(self.routes):
            self._guards = self._route_prefixes()
            self._guarded_routes = len(self.routes)
        return self._guards

    def _route_prefixes(self) -> tuple[str, ...]:
        paths = [getattr(route, "path", None) for route in self.routes]
        if not paths or any(not isinstance(path, str) for path in paths):
            return ()  # an included router or a mount: nothing to rely on, try every route
        return shared_prefixes([path for path in paths if isinstance(path, str)])
