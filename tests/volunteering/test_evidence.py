"""Evidence photos: sniffed types, size and count limits, pending only, served in scope."""

import httpx
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.core.security import SYSTEM
from grassroots.volunteering import service as volunteer_service
from tests.builders import PNG, assert_problem, make_member, make_organization, make_record
from tests.world import build_world

JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 100
HEIC = b"\x00\x00\x00\x18ftypheic" + b"\x00" * 100


async def test_photos_are_sniffed_limited_and_kept_until_decided(
    client: httpx.AsyncClient, session: AsyncSession
):
    village = await make_organization(session)
    record = await make_record(session, member=await make_member(session, organization=village))
    url = f"/api/v1/volunteer-records/{record.id}/photos"
    for name, content, kind in (
        ("a.jpg", JPEG, "image/jpeg"),
        ("b.heic", HEIC, "image/heic"),
        ("renamed.txt", PNG, "image/png"),
    ):
        added = await client.post(url, files={"file": (name, content, "text/plain")})
        assert added.status_code == 201, added.text
        assert added.json()["content_type"] == kind
    fake = await client.post(url, files={"file": ("evil.jpg", b"<script>alert(1)</script>")})
    assert_problem(fake, 422, "evidence_not_a_photo")
    photos = (await client.get(url)).json()["items"]
    assert len(photos) == 3
    served = await client.get(f"{url}/{photos[0]['id']}")
    assert served.content == JPEG and served.headers["content-type"] == "image/jpeg"
    assert served.headers.get_list("x-content-type-options") == ["nosniff"]
    for _ in range(3):
        await client.post(url, files={"file": ("c.png", PNG)})
    assert_problem(await client.post(url, files={"file": ("d.png", PNG)}), 409, "evidence_too_many")
    assert (await client.delete(f"{url}/{photos[1]['id']}")).status_code == 204
    assert len((await client.get(url)).json()["items"]) == 5
    await volunteer_service.verify_record(session, SYSTEM, record)
    await session.commit()
    assert_problem(await client.post(url, files={"file": ("e.png", PNG)}), 409)
    assert_problem(await client.delete(f"{url}/{photos[0]['id']}"), 409)


async def test_oversized_photos_are_refused(
    app: FastAPI, client: httpx.AsyncClient, session: AsyncSession
):
    village = await make_organization(session)
    record = await make_record(session, member=await make_member(session, organization=village))
    limit = app.state.settings.max_photo_bytes
    huge = JPEG + b"\x00" * limit
    response = await client.post(
        f"/api/v1/volunteer-records/{record.id}/photos", files={"file": ("big.jpg", huge)}
    )
    assert response.status_code in (413, 422)
    assert_problem(response, response.status_code)


async def test_photos_are_served_only_to_callers_in_scope(app: FastAPI, session: AsyncSession):
    world = await build_world(session)
    record = await make_record(session, member=world.member_b)
    async with world.client(app, "admin") as outsider:
        url = f"/api/v1/volunteer-records/{record.id}/photos"
        assert_problem(await outsider.get(url), 404)
        assert_problem(await outsider.post(url, files={"file": ("a.png", PNG)}), 404)
