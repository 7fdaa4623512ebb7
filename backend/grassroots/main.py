"""The application factory: routers, error handlers, middleware, docs, and the SPA."""

import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

from fastapi import Depends, FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from sqlalchemy import text
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from grassroots.api import include_api
from grassroots.auth import principals
from grassroots.auth.throttle import make_throttle
from grassroots.core.access import public
from grassroots.core.config import Settings, get_settings
from grassroots.core.crypto import use_data_key
from grassroots.core.db import make_engine, make_sessionmaker, reading_engine
from grassroots.core.errors import (
    NotFoundError,
    ServiceUnavailable,
    install_error_handlers,
    problems,
)
from grassroots.core.hardening import (
    DOCS_PATH,
    BodyLimitMiddleware,
    SecurityHeadersMiddleware,
    route_body_limits,
)
from grassroots.core.logging import RequestContextMiddleware, configure_logging
from grassroots.core.sms import make_sms_sender
from grassroots.jobs.service import fail_interrupted

API_TITLE = "Grassroots API (基层服务型党组织建设平台)"
OPENAPI_URL = "/api/v1/openapi.json"
DOCS_ASSETS = "/api/docs-assets"
# Paths the SPA must never shadow: unknown ones there are real 404s, not index.html.
SERVER_PREFIXES = ("/api/", "/healthz", "/readyz")


def operation_id(route: APIRoute) -> str:
    """Name each operation `<tag>-<function name>` so generated clients read well."""
    return f"{route.tags[0]}-{route.name}" if route.tags else route.name


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the application for the given (or the environment's) settings."""
    settings = settings or get_settings()
    configure_logging(settings.log_level)
    use_data_key(settings.personal_data_key)
    engine = make_engine(settings.database_url)

    sessionmaker = make_sessionmaker(engine)
    principal_cache = principals.PrincipalCache(settings.principal_cache_seconds)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        try:
            await fail_interrupted(sessionmaker)
        except Exception:  # the database may be down or not migrated yet; /readyz says so
            logging.getLogger("grassroots").warning("could not check for interrupted jobs")
        async with principals.listening(principal_cache, settings.database_url):
            _settle_memory()
            yield
        await engine.dispose()

    app = FastAPI(
        title=API_TITLE,
        version="1.0.0",
        lifespan=lifespan,
        openapi_url=OPENAPI_URL,
        docs_url=None,
        redoc_url=None,
        generate_unique_id_function=operation_id,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessionmaker = sessionmaker
    app.state.reading_sessionmaker = make_sessionmaker(reading_engine(engine))
    app.state.principals = principal_cache
    app.state.throttle = make_throttle(settings.redis_url)
    app.state.sms = make_sms_sender(settings.sms_provider)
    install_error_handlers(app)
    # Probes first: routes are matched in order, and a probe should not wait behind the API's.
    _add_probes(app)
    include_api(app)
    _add_docs(app)
    _add_spa(app, settings.frontend_dist)
    if settings.cors_origin_list:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origin_list,
            allow_credentials=False,
            allow_methods=["*"],
            allow_headers=["*"],
            expose_headers=["ETag", "Location", "X-Request-ID", "Retry-After"],
        )
    app.add_middleware(
        BodyLimitMiddleware,
        max_bytes=settings.max_body_bytes,
        routes=route_body_limits(app.routes, settings),
    )
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(RequestContextMiddleware)
    if settings.trusted_proxy_list:
        # Outermost, so that the logs, the audit trail and the login throttle all see the
        # client the trusted proxy names; from anyone else the forwarded headers are ignored.
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=settings.trusted_proxy_list)
    return app


def _settle_memory() -> None:
    """Set aside what start-up made (modules, models, routes: ~280,000 objects) from the
    garbage collector: a full collection through them stalled every request for ~150 ms, the
    p99 of the benchmark's reads."""
    gc.collect()
    gc.freeze()


def _add_probes(app: FastAPI) -> None:
    @app.get("/healthz", tags=["probes"], include_in_schema=False, dependencies=[Depends(public)])
    async def healthz() -> dict[str, str]:
        """The process is up."""
        return {"status": "ok"}

    @app.get(
        "/readyz",
        tags=["probes"],
        include_in_schema=False,
        responses=problems(ServiceUnavailable),
        dependencies=[Depends(public)],
    )
    async def readyz(request: Request) -> JSONResponse:
        """The database answers."""
        try:
            async with request.app.state.engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
        except Exception as exc:
            raise ServiceUnavailable(
                "The database is not answering.", headers={"Retry-After": "5"}
            ) from exc
        return JSONResponse({"status": "ready"})


def _add_docs(app: FastAPI) -> None:
    """Interactive docs served with their own assets, so they work with no Internet access."""
    assets = resources.files("fastapi_offline") / "static"
    app.mount(DOCS_ASSETS, StaticFiles(directory=str(assets)), name="docs-assets")

    @app.get(DOCS_PATH, include_in_schema=False, dependencies=[Depends(public)])
    async def docs() -> HTMLResponse:
        """Swagger UI for the API."""
        return get_swagger_ui_html(
            openapi_url=OPENAPI_URL,
            title=API_TITLE,
            swagger_js_url=f"{DOCS_ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{DOCS_ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{DOCS_ASSETS}/favicon.png",
        )


def _add_spa(app: FastAPI, dist: Path) -> None:
    """Serve the built SPA: hashed assets cached for a year, any other page answered by
    index.html so that deep links and reloads work. A catch-all GET route rather than a mount,
    so that a wrong method on an API path still answers 405."""
    index = dist / "index.html"
    if not index.is_file():
        return
    root = dist.resolve()

    @app.get(
        "/{path:path}",
        include_in_schema=False,
        responses=problems(NotFoundError),
        dependencies=[Depends(public)],
    )
    async def spa(path: str) -> FileResponse:
        """A file of the built SPA, or its index.html."""
        if f"/{path}".startswith(SERVER_PREFIXES):
            raise NotFoundError("There is nothing at this address.")
        candidate = (root / path).resolve()
        if path and candidate.is_relative_to(root) and candidate.is_file():
            cache = (
                "public, max-age=31536000, immutable" if path.startswith("assets/") else "no-cache"
            )
            return FileResponse(candidate, headers={"Cache-Control": cache})
        return FileResponse(index, headers={"Cache-Control": "no-cache"})
