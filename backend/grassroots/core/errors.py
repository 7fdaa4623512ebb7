"""The AppError hierarchy and its translation into RFC 9457 problem+json."""

import logging
from collections.abc import Iterable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.exc import DBAPIError, IntegrityError, InterfaceError, OperationalError
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger("grassroots.errors")

PROBLEM_MEDIA_TYPE = "application/problem+json"


class FieldError(BaseModel):
    """One invalid field of a request."""

    field: str
    message: str
    code: str


class Problem(BaseModel):
    """An RFC 9457 problem detail with a machine-readable `code`."""

    type: str
    title: str
    status: int
    detail: str
    code: str
    errors: list[FieldError] | None = None


class AppError(Exception):
    """An error a client can act on; each subclass names its HTTP status and code."""

    status = 400
    code = "bad_request"
    title = "Bad request"

    def __init__(self, detail: str, *, headers: dict[str, str] | None = None, **extra: Any):
        super().__init__(detail)
        self.detail = detail
        self.headers = headers
        self.extra = extra


class Unauthorized(AppError):
    """The caller is not (or no longer) authenticated."""

    status = 401
    code = "not_authenticated"
    title = "Not authenticated"

    def __init__(self, detail: str, **extra: Any):
        super().__init__(detail, headers={"WWW-Authenticate": "Bearer"}, **extra)


class TokenExpired(Unauthorized):
    """The access token has expired; refresh it."""

    code = "token_expired"


class SessionEnded(Unauthorized):
    """The session of this access token has ended (logout, a new password, a stolen refresh
    token); log in again."""

    code = "session_ended"


class Forbidden(AppError):
    """The caller may see this resource but not do this to it."""

    status = 403
    code = "forbidden"
    title = "Forbidden"


class TooManyRequests(AppError):
    """The caller must wait before trying again; `Retry-After` says how long."""

    status = 429
    code = "too_many_requests"
    title = "Too many requests"


class NotFoundError(AppError):
    """The resource does not exist or is outside the caller's scope."""

    status = 404
    code = "not_found"
    title = "Not found"


class ConflictError(AppError):
    """The request conflicts with the current state of a resource."""

    status = 409
    code = "conflict"
    title = "Conflict"


class PreconditionFailed(AppError):
    """The resource changed since the version the client last saw."""

    status = 412
    code = "precondition_failed"
    title = "Precondition failed"


class InvalidRequest(AppError):
    """The request is well-formed but its content cannot be processed."""

    status = 422
    code = "invalid_request"
    title = "Unprocessable request"


class ServiceUnavailable(AppError):
    """A component the request needs, such as the database, is not answering."""

    status = 503
    code = "service_unavailable"
    title = "Service unavailable"


class ValidationFailed(InvalidRequest):
    """The parameters or the body do not match the schema; `errors` names each field."""

    code = "validation_error"
    title = "Invalid request"


class EditConflict(ConflictError):
    """Someone else changed the resource at the same instant."""

    code = "edit_conflict"


class DatabaseUnavailable(ServiceUnavailable):
    """The database is not answering."""

    code = "database_unavailable"


class PayloadTooLarge(AppError):
    """The request body is larger than the route allows."""

    status = 413
    code = "payload_too_large"
    title = "Payload too large"


def problem_response(
    *,
    status: int,
    code: str,
    title: str,
    detail: str,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    """Build a problem+json response."""
    body = {
        "type": f"/problems/{code}",
        "title": title,
        "status": status,
        "detail": detail,
        "code": code,
        **extra,
    }
    return JSONResponse(body, status_code=status, headers=headers, media_type=PROBLEM_MEDIA_TYPE)


# What a route can answer before its endpoint runs, by the access rule it declares:
# any signed-in caller, or one holding a permission.
SIGNED_IN = (Unauthorized, TokenExpired, SessionEnded)
PERMITTED = (*SIGNED_IN, Forbidden)

# Fixed words per status, so the document does not change with the Python version.
STATUS_TITLES = {
    400: "Bad request",
    401: "Not authenticated",
    403: "Forbidden",
    404: "Not found",
    409: "Conflict",
    412: "Precondition failed",
    413: "Payload too large",
    422: "Unprocessable request",
    429: "Too many requests",
    503: "Service unavailable",
}

ErrorClasses = type[AppError] | Iterable["ErrorClasses"]


def problems(*errors: ErrorClasses) -> dict[int | str, dict[str, Any]]:
    """The `responses=` of a route that can answer these errors (classes, or groups of them):
    per status the problem+json schema and `x-problem-codes`, the codes a client can meet."""
    codes: dict[int, set[str]] = {}
    for error in _flatten(errors):
        codes.setdefault(error.status, set()).add(error.code)
    return {status: _problem_entry(status, codes[status]) for status in sorted(codes)}


def _flatten(errors: Iterable[ErrorClasses]) -> Iterable[type[AppError]]:
    for error in errors:
        if isinstance(error, type):
            yield error
        else:
            yield from _flatten(error)


def _problem_entry(status: int, codes: set[str]) -> dict[str, Any]:
    listed = sorted(codes)
    return {
        "model": Problem,
        "content": {PROBLEM_MEDIA_TYPE: {}},
        "description": f"{STATUS_TITLES.get(status, 'Problem')}: "
        + ", ".join(f"`{code}`" for code in listed),
        "x-problem-codes": listed,
    }


HTTP_CODES = {
    400: ("bad_request", "Bad request"),
    401: ("unauthorized", "Unauthorized"),
    403: ("forbidden", "Forbidden"),
    404: ("not_found", "Not found"),
    405: ("method_not_allowed", "Method not allowed"),
    406: ("not_acceptable", "Not acceptable"),
    413: ("payload_too_large", "Payload too large"),
    415: ("unsupported_media_type", "Unsupported media type"),
}


def error_response(exc: AppError) -> JSONResponse:
    """The problem+json response of an AppError."""
    return problem_response(
        status=exc.status,
        code=exc.code,
        title=exc.title,
        detail=exc.detail,
        headers=exc.headers,
        **exc.extra,
    )


async def _app_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, AppError)
    return error_response(exc)


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [_field_error(error) for error in exc.errors()]
    summary = "; ".join(f"{e['field']}: {e['message']}" for e in errors[:5])
    return error_response(ValidationFailed(summary or "The request is not valid.", errors=errors))


def _field_error(error: Any) -> dict[str, str]:
    if error.get("type") == "json_invalid":
        return {
            "field": "body",
            "message": "The request body is not valid JSON.",
            "code": "json_invalid",
        }
    location = [str(part) for part in error.get("loc", ()) if part != "body"]
    return {
        "field": ".".join(location) or "body",
        "message": str(error.get("msg", "")),
        "code": str(error.get("type", "invalid")),
    }


async def _http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code, title = HTTP_CODES.get(exc.status_code, ("http_error", "HTTP error"))
    detail = exc.detail if isinstance(exc.detail, str) else title
    return problem_response(
        status=exc.status_code,
        code=code,
        title=title,
        detail=detail,
        headers=dict(exc.headers or {}),
    )


async def _stale_data(_request: Request, _exc: Exception) -> JSONResponse:
    return error_response(
        EditConflict(
            "Someone else changed this resource at the same time; reload it and try again."
        )
    )


async def _database_error(request: Request, exc: Exception) -> JSONResponse:
    if isinstance(exc, IntegrityError):
        # A uniqueness or reference rule held by the database under a concurrent write.
        return error_response(
            ConflictError(
                "The change conflicts with data saved at the same time; reload and try again."
            )
        )
    if _is_unavailable(exc):
        log.warning("database unavailable: %s", type(exc).__name__)
        return error_response(
            DatabaseUnavailable(
                "The database is not answering; try again shortly.",
                headers={"Retry-After": "5"},
            )
        )
    raise exc


def _is_unavailable(exc: Exception) -> bool:
    if isinstance(exc, OperationalError | InterfaceError | OSError):
        return True
    return isinstance(exc, DBAPIError) and exc.connection_invalidated


def install_error_handlers(app: FastAPI) -> None:
    """Make every error the app produces a problem+json response."""
    app.add_exception_handler(AppError, _app_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(StaleDataError, _stale_data)
    app.add_exception_handler(DBAPIError, _database_error)
    app.add_exception_handler(OSError, _database_error)
