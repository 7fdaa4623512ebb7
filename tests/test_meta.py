"""The enumerations endpoint that the SPA and integrations label their choices with."""

import httpx

from grassroots.organizations.enums import Domain, Flag, Formation, Kind, Tier


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
