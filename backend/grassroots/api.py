"""Every domain's router, and how they are mounted under /api/v1."""

from fastapi import APIRouter, FastAPI

from grassroots.api_keys.router import router as api_keys_router
from grassroots.audit.router import router as audit_router
from grassroots.auth.router import router as auth_router
from grassroots.evaluations.router import routers as evaluation_routers
from grassroots.grids.router import routers as grids_routers
from grassroots.imports.grids_router import router as grid_imports_router
from grassroots.imports.router import router as imports_router
from grassroots.jobs.router import router as jobs_router
from grassroots.members.router import router as members_router
from grassroots.meta.router import router as meta_router
from grassroots.organizations.router import router as organizations_router
from grassroots.users.router import router as users_router
from grassroots.volunteering.routers import routers as volunteering_routers

API_PREFIX = "/api/v1"
# In the order a request tries them.
ROUTERS: tuple[APIRouter, ...] = (
    auth_router,
    organizations_router,
    members_router,
    *volunteering_routers,
    *grids_routers,
    *evaluation_routers,
    imports_router,
    grid_imports_router,
    jobs_router,
    users_router,
    api_keys_router,
    audit_router,
    meta_router,
)


def include_api(app: FastAPI) -> None:
    """Mount each domain's router under /api/v1 on the app itself, not inside one API router:
    FastAPI matches an included router's routes once more for each level of inclusion, and
    checks the whole tree below it for added routes each time."""
    for router in ROUTERS:
        app.include_router(router, prefix=API_PREFIX)
