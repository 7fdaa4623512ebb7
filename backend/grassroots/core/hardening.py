"""Security headers on every response, and a limit on request bodies."""

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from fastapi.routing import iter_route_contexts
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.routing import BaseRoute, compile_path
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from grassroots.core.config import Settings
from grassroots.core.errors import PROBLEM_MEDIA_TYPE, PayloadTooLarge

Endpoint = TypeVar("Endpoint", bound=Callable[..., Any])

# Ant Design injects its styles at run time, hence 'unsafe-inline' for styles only.
APP_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
# The interactive API docs start Swagger UI with an inline script.
DOCS_CSP = APP_CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
DOCS_PATH = "/api/docs"

SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(self)"),
]


class SecurityHeadersMiddleware:
    """Adds a Content-Security-Policy and the other protective headers to every response."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = DOCS_CSP if scope["path"].startswith(DOCS_PATH) else APP_CSP

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                # A header the response already set is kept as it is, never sent twice.
                headers += [
                    (name, value)
                    for name, value in (
                        *SECURITY_HEADERS,
                        (b"content-security-policy", csp.encode()),
                    )
                    if name not in present
                ]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyTooLarge(HTTPException):
    """The request body passed the limit while it was being read (a 413 problem)."""

    def __init__(self, max_bytes: int):
        super().__init__(413, f"The request body is larger than {max_bytes} bytes.")


# Room for the multipart envelope around an uploaded file: boundaries, part headers, fields.
MULTIPART_OVERHEAD = 64 * 1024


def larger_body(limit: Callable[[Settings], int]) -> Callable[[Endpoint], Endpoint]:
    """Let an endpoint receive a body up to `limit(settings)` plus the multipart envelope,
    instead of MAX_BODY_BYTES: for routes that take an uploaded file."""

    def mark(endpoint: Endpoint) -> Endpoint:
        endpoint.body_limit = limit  # type: ignore[attr-defined]
        return endpoint

    return mark


@dataclass(frozen=True)
class RouteBodyLimit:
    """The body limit of one route: its methods and path pattern, and the bytes it allows."""

    methods: frozenset[str]
    path: re.Pattern[str]
    max_bytes: int


def route_body_limits(routes: Sequence[BaseRoute], settings: Settings) -> list[RouteBodyLimit]:
    """The limits of the routes marked with `larger_body`, for the body limit middleware."""
    limits = []
    for context in iter_route_contexts(routes):
        limit = getattr(context.endpoint, "body_limit", None)
        if limit is not None and context.path and context.methods:
            limits.append(
                RouteBodyLimit(
                    frozenset(context.methods),
                    compile_path(context.path)[0],
                    limit(settings) + MULTIPART_OVERHEAD,
                )
            )
    return limits


class BodyLimitMiddleware:
    """Refuses request bodies over the route's limit with 413, whether or not they declare a
    length, and whatever length they declare: the bytes are counted as they arrive."""

    def __init__(self, app: ASGIApp, *, max_bytes: int, routes: Sequence[RouteBodyLimit] = ()):
        self.app = app
        self.max_bytes = max_bytes
        self.routes = routes

    def _limit(self, method: str, path: str) -> int:
        """The limit for a request: larger on the routes that take uploaded files."""
        return next(
            (
                route.max_bytes
                for route in self.routes
                if method in route.methods and route.path.match(path)
            ),
            self.max_bytes,
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self._limit(scope["method"], scope["path"])
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await self._refuse(send, limit)
            return
        received = 0
        response_started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal response_started
            response_started = response_started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge:
            if not response_started:
                await self._refuse(send, limit)

    async def _refuse(self, send: Send, limit: int) -> None:
        body = json.dumps(
            {
                "type": f"/problems/{PayloadTooLarge.code}",
                "title": PayloadTooLarge.title,
                "status": PayloadTooLarge.status,
                "detail": f"The request body is larger than {limit} bytes.",
                "code": PayloadTooLarge.code,
            }
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", PROBLEM_MEDIA_TYPE.encode()),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
