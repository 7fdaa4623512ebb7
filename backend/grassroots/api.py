"""Mounts every domain's router under /api/v1."""

from fastapi import APIRouter

from grassroots.meta.router import router as meta_router
from grassroots.organizations.router import router as organizations_router

api_router = APIRouter(prefix="/api/v1")
api_router.include_router(organizations_router)
api_router.include_router(meta_router)
