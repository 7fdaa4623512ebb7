"""No route dependency is a plain function: FastAPI runs those in a worker thread, a thread-pool
round trip on every request for what only reads the request."""

import inspect
from collections.abc import Iterator
from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute

from tests.routes import api_routes


def _dependencies(dependant: Any) -> Iterator[Any]:
    for dependency in dependant.dependencies:
        if dependency.call is not None:
            yield dependency.call
        yield from _dependencies(dependency)


def _is_coroutine(call: Any) -> bool:
    return (
        inspect.iscoroutinefunction(call)
        or inspect.isasyncgenfunction(call)
        or inspect.iscoroutinefunction(type(call).__call__)
    )


def test_every_route_dependency_is_a_coroutine(app: FastAPI):
    plain = {
        f"{call.__module__}.{getattr(call, '__qualname__', call)}"
        for route in _routes(app)
        for call in _dependencies(route.dependant)
        if not _is_coroutine(call)
    }
    assert plain == set(), "make these `async def` (they do no blocking work)"


def _routes(app: FastAPI) -> list[APIRoute]:
    return [route for _, _, route in api_routes(app)]
