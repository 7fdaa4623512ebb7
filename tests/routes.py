"""The app's route table, walked the way FastAPI resolves included routers."""

from collections.abc import Iterator

from fastapi import FastAPI
from fastapi._compat import ModelField
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, iter_route_contexts


def api_routes(app: FastAPI) -> Iterator[tuple[str, str, APIRoute]]:
    """Every (method, full path, route) the app answers with an endpoint of its own."""
    for context in iter_route_contexts(app.routes):
        route = context.original_route
        if isinstance(route, APIRoute) and context.path:
            for method in sorted(context.methods or ()):
                yield method, context.path, route


def access_rules(dependant: Dependant) -> list[str]:
    """The access rules declared anywhere in a route's dependency tree."""
    found = []
    if (rule := getattr(dependant.call, "access_rule", None)) is not None:
        found.append(rule)
    for child in dependant.dependencies:
        found.extend(access_rules(child))
    return found


def route_params(dependant: Dependant) -> dict[str, list[ModelField]]:
    """The path, query, header and body parameters anywhere in a route's dependency tree."""
    found: dict[str, list[ModelField]] = {
        "path": list(dependant.path_params),
        "query": list(dependant.query_params),
        "header": list(dependant.header_params),
        "body": list(dependant.body_params),
    }
    for child in dependant.dependencies:
        for kind, fields in route_params(child).items():
            found[kind] += fields
    return found
