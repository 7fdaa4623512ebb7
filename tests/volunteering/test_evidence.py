"""Evidence photos: sniffed types, size and count limits, pending only, served in scope."""

import asyncio
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import httpx
from fastapi import FastAPI
from sqlalchemy import event, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from grassroots.core.db import make_engine, make_sessionmaker
from grassroots.core.localtime import local_today
from grassroots.core.security import SYSTEM
from grassroots.volunteering import evidence
from grassroots.volunteering import records as volunteer_records
from grassroots.volunteering.models import Evidence, VolunteerRecord
from grassroots.volunteering.schemas import RecordCreate
from tests.builders import (
    PNG,
    TEST_UPLOADS,
    assert_problem,
    make_activity,
    make_member,
    make_organization,
    make_photo,
    make_record,
)
from tests.databases import migrate, scratch_database
from tests.world import build_world

RECORDS = "/api/v1/volunteer-records"

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
    await session.refresh(record)  # photos changed its version
    await volunteer_records.verify_record(session, SYSTEM, record.id)
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


def _stored(app: FastAPI) -> set[str]:
    directory = app.state.settings.upload_dir / "evidence"
    return {path.name for path in directory.iterdir()} if directory.exists() else set()


async def test_the_photo_count_shows_on_the_list_and_the_record(
    client: httpx.AsyncClient, session: AsyncSession
):
    village = await make_organization(session)
    member = await make_member(session, organization=village)
    with_photos = await make_record(session, member=member, served_on=date(2026, 1, 5))
    without = await make_record(session, member=member, served_on=date(2026, 1, 6))
    for _ in range(2):
        await make_photo(session, record=with_photos)
    queue = (await client.get(RECORDS, params={"status": "pending"})).json()["items"]
    assert {r["id"]: r["photo_count"] for r in queue} == {
        str(with_photos.id): 2,
        str(without.id): 0,
    }
    detail = await client.get(f"{RECORDS}/{with_photos.id}")
    assert detail.json()["photo_count"] == 2
    url = f"{RECORDS}/{with_photos.id}/photos"
    photo_id = (await client.get(url)).json()["items"][0]["id"]
    assert (await client.delete(f"{url}/{photo_id}")).status_code == 204
    after = await client.get(f"{RECORDS}/{with_photos.id}")
    assert after.json()["photo_count"] == 1
    assert after.headers["etag"] != detail.headers["etag"], "the record's body changed"
    stored = await session.scalar(
        select(VolunteerRecord.photo_count).where(VolunteerRecord.id == with_photos.id)
    )
    assert stored == 1


async def test_staff_who_may_verify_a_record_may_add_its_photos(
    app: FastAPI, session: AsyncSession
):
    world = await build_world(session)
    # Staff of town A verify their own members' records, and records of activities their
    # organizations organize, whoever the member is.
    own = await make_record(session, member=world.member_a)
    activity = await make_activity(session, organization=world.village_a)
    organized = await volunteer_records.log_record(
        session,
        SYSTEM,
        data=RecordCreate(
            member_id=world.member_b.id,
            activity_id=activity.id,
            served_on=local_today() - timedelta(days=1),
            hours=Decimal(2),
        ),
    )
    elsewhere = await make_record(session, member=world.member_b, served_on=date(2026, 1, 5))
    await session.commit()
    async with world.client(app, "org_staff") as staff:
        for record in (own, organized):
            added = await staff.post(f"{RECORDS}/{record.id}/photos", files={"file": ("a", PNG)})
            assert added.status_code == 201, added.text
            shown = (await staff.get(f"{RECORDS}/{record.id}")).json()
            assert shown["photo_count"] == 1 and shown["status"] == "pending"
            if record is own:
                queue = (await staff.get(RECORDS, params={"status": "pending"})).json()["items"]
                assert {r["id"]: r["photo_count"] for r in queue}[str(own.id)] == 1
            verified = await staff.post(f"{RECORDS}/{record.id}/verify")
            assert verified.status_code == 200, verified.text
            assert verified.json()["photo_count"] == 1
        # Neither may they verify, nor add to, a record outside their reach.
        assert_problem(await staff.post(f"{RECORDS}/{elsewhere.id}/verify"), 404)
        assert_problem(
            await staff.post(f"{RECORDS}/{elsewhere.id}/photos", files={"file": ("a", PNG)}), 404
        )
    async with world.client(app, "reviewer") as reviewer:
        # Reviewers read records but decide on none: no photos either.
        assert (await reviewer.get(f"{RECORDS}/{own.id}")).status_code == 200
        assert_problem(await reviewer.post(f"{RECORDS}/{own.id}/verify"), 403)
        assert_problem(
            await reviewer.post(f"{RECORDS}/{own.id}/photos", files={"file": ("a", PNG)}), 403
        )


@contextmanager
def _failing_commits() -> Iterator[None]:
    """Every commit in this block fails, as a lost connection or a conflict at COMMIT would."""

    def fail(_session: Session) -> None:
        raise RuntimeError("the commit failed")

    event.listen(Session, "before_commit", fail)
    try:
        yield
    finally:
        event.remove(Session, "before_commit", fail)


async def test_a_photo_whose_transaction_fails_leaves_no_file(
    app: FastAPI, client: httpx.AsyncClient, session: AsyncSession
):
    village = await make_organization(session)
    record = await make_record(session, member=await make_member(session, organization=village))
    url = f"{RECORDS}/{record.id}/photos"
    before = _stored(app)
    with _failing_commits():
        failed = await client.post(url, files={"file": ("a.png", PNG)})
    assert failed.status_code == 500
    assert _stored(app) == before, "the file of a photo that was never saved is left behind"
    assert (await client.get(url)).json()["items"] == []
    assert (await client.get(f"{RECORDS}/{record.id}")).json()["photo_count"] == 0

    added = await client.post(url, files={"file": ("a.png", PNG)})
    assert added.status_code == 201
    [name] = _stored(app) - before
    photo = await session.get(Evidence, uuid.UUID(added.json()["id"]))
    assert photo is not None and photo.stored_name == name
    assert (await client.get(f"{url}/{photo.id}")).content == PNG

    # A removal that fails keeps the file of the photo still listed; one that commits does not.
    with _failing_commits():
        assert (await client.delete(f"{url}/{photo.id}")).status_code == 500
    assert name in _stored(app)
    assert (await client.get(f"{url}/{photo.id}")).content == PNG
    assert (await client.delete(f"{url}/{photo.id}")).status_code == 204
    assert _stored(app) == before


async def test_a_photo_rolled_back_in_a_service_leaves_no_file(session: AsyncSession):
    village = await make_organization(session)
    record = await make_record(session, member=await make_member(session, organization=village))
    directory = TEST_UPLOADS / "evidence"
    photo = await evidence.add_photo(
        session, record, content=PNG, directory=directory, max_bytes=1024
    )
    path, record_id = directory / photo.stored_name, record.id
    assert path.exists(), "written before the commit, so it is there once the row is"
    await session.rollback()
    assert not path.exists()
    kept = await make_photo(session, record=await session.get_one(VolunteerRecord, record_id))
    assert (directory / kept.stored_name).exists()


async def test_concurrent_uploads_never_exceed_six_photos(
    app: FastAPI, client: httpx.AsyncClient, session: AsyncSession
):
    village = await make_organization(session)
    record = await make_record(session, member=await make_member(session, organization=village))
    url = f"{RECORDS}/{record.id}/photos"
    before = _stored(app)
    responses = await asyncio.gather(
        *(client.post(url, files={"file": (f"{n}.png", PNG)}) for n in range(10))
    )
    statuses = sorted(response.status_code for response in responses)
    assert statuses.count(201) == 6, [r.text for r in responses if r.status_code != 201]
    for response in responses:
        if response.status_code != 201:
            assert_problem(response, 409)
    assert len((await client.get(url)).json()["items"]) == 6
    assert (await client.get(f"{RECORDS}/{record.id}")).json()["photo_count"] == 6
    assert len(_stored(app) - before) == 6


def test_the_migration_counts_the_photos_already_kept(tmp_path: Path):
    with scratch_database(tmp_path) as url:
        asyncio.run(migrate(url, "head"))
        records = asyncio.run(_records_with_photos(url, photos=[3, 0]))
        asyncio.run(migrate(url, "809b9bb8f892", down=True))
        asyncio.run(migrate(url, "head"))
        assert asyncio.run(_photo_counts(url)) == dict(zip(records, [3, 0], strict=True))


async def _records_with_photos(url: str, *, photos: list[int]) -> list[uuid.UUID]:
    engine = make_engine(url)
    try:
        async with make_sessionmaker(engine)() as session:
            village = await make_organization(session)
            member = await make_member(session, organization=village)
            ids = []
            for count in photos:
                record = await make_record(session, member=member)
                for _ in range(count):
                    await make_photo(session, record=record)
                ids.append(record.id)
            return ids
    finally:
        await engine.dispose()


async def _photo_counts(url: str) -> dict[uuid.UUID, int]:
    engine = make_engine(url)
    try:
        async with make_sessionmaker(engine)() as session:
            rows = await session.execute(select(VolunteerRecord.id, VolunteerRecord.photo_count))
            return {record_id: count for record_id, count in rows}
    finally:
        await engine.dispose()
