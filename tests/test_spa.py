"""The built SPA is served beside the API: long-cached hashed assets, index.html for the rest."""

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from grassroots.main import create_app
from tests.builders import settings_for_tests


@pytest.fixture
async def spa(tmp_path: Path, database_url: str) -> AsyncIterator[httpx.AsyncClient]:
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<!doctype html><title>基层服务型党组织建设平台</title>")
    (tmp_path / "assets" / "index-3f2a9c.js").write_text("console.log('app')")
    app = create_app(settings_for_tests(database_url, frontend_dist=tmp_path))
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client
    await app.state.engine.dispose()


async def test_deep_links_get_the_app_and_assets_are_cached(spa: httpx.AsyncClient):
    for path in ("/", "/organizations/123/edit", "/login?next=/dashboard"):
        response = await spa.get(path)
        assert response.status_code == 200 and "基层服务型党组织建设平台" in response.text
        assert response.headers["cache-control"] == "no-cache"
    asset = await spa.get("/assets/index-3f2a9c.js")
    assert asset.status_code == 200
    assert asset.headers["cache-control"] == "public, max-age=31536000, immutable"


async def test_unknown_api_paths_stay_problems(spa: httpx.AsyncClient):
    for path in ("/api/v1/nothing", "/api/nothing", "/api/v1/organizations/x/y/z"):
        response = await spa.get(path)
        assert response.status_code == 404
        assert response.headers["content-type"].startswith("application/problem+json")
    assert (await spa.get("/healthz")).json() == {"status": "ok"}
    wrong_method = await spa.put("/api/v1/organizations")
    assert wrong_method.status_code == 405


async def test_files_outside_the_build_are_never_served(spa: httpx.AsyncClient):
    for path in ("/../pyproject.toml", "/%2e%2e/%2e%2e/etc/passwd", "/assets/../../secret"):
        response = await spa.get(path)
        assert "基层服务型党组织建设平台" in response.text or response.status_code == 404
