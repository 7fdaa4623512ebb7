"""The enumerations endpoint that the SPA and integrations label their choices with."""

import httpx

from grassroots.main import create_app
from grassroots.organizations.enums import Domain, Flag, Formation, Kind, Tier
from tests.builders import settings_for_tests


async def test_every_enumeration_has_chinese_and_english_labels(client: httpx.AsyncClient):
    enums = (await client.get("/api/v1/meta/enums")).json()
    for name, enum in [
        ("organization_kind", Kind),
        ("organization_tier", Tier),
        ("organization_domain", Domain),
        ("organization_formation", Formation),
        ("organization_flag", Flag),
    ]:
        assert [option["value"] for option in enums[name]] == [member.value for member in enum]
        for option in enums[name]:
            assert option["zh"] and option["en"] and option["zh"] != option["en"]
    domains = {o["value"]: o["zh"] for o in enums["organization_domain"]}
    assert domains["non_public_enterprise"] == "非公有制企业"


async def test_the_limits_are_the_ones_the_server_enforces(
    anonymous: httpx.AsyncClient, database_url: str
):
    limits = (await anonymous.get("/api/v1/meta/limits")).json()
    assert limits == {
        "photo_max_bytes": 8 * 1024 * 1024,
        "photos_per_record": 6,
        "photo_types": ["image/jpeg", "image/png", "image/webp", "image/heic"],
        "upload_max_bytes": 32 * 1024 * 1024,
        "upload_max_uncompressed_bytes": 256 * 1024 * 1024,
        "import_max_rows": 200_000,
    }
    app = create_app(
        settings_for_tests(
            database_url, max_photo_bytes=1000, max_upload_bytes=5000, max_import_rows=7
        )
    )
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        configured = (await client.get("/api/v1/meta/limits")).json()
    await app.state.engine.dispose()
    assert (configured["photo_max_bytes"], configured["upload_max_bytes"]) == (1000, 5000)
    assert configured["import_max_rows"] == 7
