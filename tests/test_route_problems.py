"""Every route declares the problems it can answer, with their codes (`x-problem-codes`), and
the declarations agree with what the route takes: its access rule, its ids, its `If-Match`,
its cursor, its upload limit."""

from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute

from grassroots.core.errors import PROBLEM_MEDIA_TYPE, AppError
from tests.routes import access_rules, api_routes, route_params


def _error_classes(base: type[AppError]) -> set[type[AppError]]:
    found = set()
    for subclass in base.__subclasses__():
        found |= {subclass, *_error_classes(subclass)}
    return found


def _known_codes() -> dict[str, set[int]]:
    """The statuses each AppError subclass's code is answered with."""
    codes: dict[str, set[int]] = {}
    for error in _error_classes(AppError):
        codes.setdefault(error.code, set()).add(error.status)
    return codes


def _declared(route: APIRoute) -> dict[int, list[str]]:
    """The problem statuses a route declares, with their codes."""
    return {
        int(status): response.get("x-problem-codes", [])
        for status, response in route.responses.items()
        if str(status).isdigit() and int(status) >= 400
    }


def _params(route: APIRoute) -> dict[str, list[Any]]:
    return route_params(route.dependant)


def _takes_input(route: APIRoute) -> bool:
    """Whether a request can fail to parse: any parameter that is not a bare path string."""
    params = _params(route)
    typed_path = [field for field in params["path"] if field.field_info.annotation is not str]
    return bool(typed_path or params["query"] or params["header"] or params["body"])


def _takes_query(route: APIRoute, name: str) -> bool:
    return name in {field.alias for field in _params(route)["query"]}


def _requires_permission(route: APIRoute) -> bool:
    return any(":" in rule for rule in access_rules(route.dependant))


def _is_public(route: APIRoute) -> bool:
    return access_rules(route.dependant) == ["public"]


def _routes(app: FastAPI) -> list[tuple[str, str, APIRoute]]:
    return list(api_routes(app))


def test_every_route_that_takes_input_or_credentials_declares_its_problems(app: FastAPI):
    silent = [
        f"{method} {path}"
        for method, path, route in _routes(app)
        if not _declared(route) and (_takes_input(route) or not _is_public(route))
    ]
    assert silent == []


def test_every_declared_code_is_an_error_class_code_of_that_status(app: FastAPI):
    known = _known_codes()
    wrong = []
    for method, path, route in _routes(app):
        for status, codes in _declared(route).items():
            if not codes:
                wrong.append(f"{method} {path} {status}: no x-problem-codes")
            wrong += [
                f"{method} {path} {status}: {code}"
                for code in codes
                if status not in known.get(code, set())
            ]
    assert wrong == []


def test_problems_are_documented_as_problem_json(app: FastAPI):
    for method, path, route in _routes(app):
        for status in _declared(route):
            content = route.responses[status]["content"]
            assert PROBLEM_MEDIA_TYPE in content, (method, path, status)


def test_only_routes_that_check_if_match_declare_412(app: FastAPI):
    wrong = []
    for method, path, route in _routes(app):
        checks = any(field.alias == "If-Match" for field in _params(route)["header"])
        declares = 412 in _declared(route)
        if checks != declares or (declares and method == "GET"):
            wrong.append(f"{method} {path}: If-Match {checks}, 412 {declares}")
    assert wrong == []


def test_routes_with_an_id_in_the_path_declare_404(app: FastAPI):
    missing = [
        f"{method} {path}"
        for method, path, route in _routes(app)
        if _params(route)["path"] and path.startswith("/api/") and 404 not in _declared(route)
    ]
    assert missing == []


@pytest.mark.parametrize(
    ("status", "code", "applies"),
    [
        (401, "not_authenticated", lambda route: not _is_public(route)),
        (401, "token_expired", lambda route: not _is_public(route)),
        (403, "forbidden", _requires_permission),
        (422, "validation_error", _takes_input),
        (
            400,
            "invalid_cursor",
            lambda route: "cursor" in {p.alias for p in _params(route)["query"]},
        ),
        (413, "payload_too_large", lambda route: hasattr(route.endpoint, "body_limit")),
    ],
)
def test_routes_declare_what_their_shape_can_answer(app: FastAPI, status, code, applies):
    missing = [
        f"{method} {path}"
        for method, path, route in _routes(app)
        if applies(route) and code not in _declared(route).get(status, [])
    ]
    assert missing == []


def test_public_routes_declare_no_authentication_problems(app: FastAPI):
    wrong = [
        f"{method} {path}"
        for method, path, route in _routes(app)
        if _is_public(route) and 401 in _declared(route) and "/auth/" not in path
    ]
    assert wrong == []


def test_the_document_lists_the_codes(app: FastAPI):
    operation = app.openapi()["paths"]["/api/v1/members/{member_id}"]["patch"]
    declared = operation["responses"]["422"]["x-problem-codes"]
    assert {"validation_error", "field_cannot_be_cleared", "member_birth_date_mismatch"} <= set(
        declared
    )
    assert "412" not in app.openapi()["paths"]["/api/v1/members"]["get"]["responses"]
