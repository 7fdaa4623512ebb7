"""Volunteer records: logging, the 24-hour day, verification, revert, and who may do what."""

import asyncio
import random
from datetime import date, timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.core.audit import AuditEvent
from grassroots.core.errors import EditConflict
from grassroots.core.security import SYSTEM, Role
from grassroots.organizations.enums import Kind, Tier
from grassroots.organizations.models import Organization
from grassroots.volunteering import exceptions as volunteer_exceptions
from grassroots.volunteering import records as volunteer_records
from grassroots.volunteering.enums import RecordStatus, ServiceKind
from grassroots.volunteering.models import (
    MemberTally,
    VolunteerRecord,
    VolunteerRollup,
    VolunteerTally,
)
from tests.builders import (
    assert_problem,
    bearer,
    make_activity,
    make_member,
    make_organization,
    make_record,
    make_user,
)
from tests.world import build_world

RECORDS = "/api/v1/volunteer-records"
YESTERDAY = str(date.today() - timedelta(days=1))


async def _member_client(
    app: FastAPI, session: AsyncSession, member_id: object, organization: object
) -> httpx.AsyncClient:
    user = await make_user(session, organization=organization, role=Role.MEMBER)  # type: ignore[arg-type]
    user.member_id = member_id  # type: ignore[assignment]
    await session.commit()
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    return httpx.AsyncClient(
        transport=transport, base_url="http://testserver", headers=bearer(user)
    )


async def test_a_member_logs_their_own_service_and_staff_verify_it(
    app: FastAPI, session: AsyncSession
):
    world = await build_world(session)
    async with await _member_client(app, session, world.member_a.id, world.village_a) as member:
        logged = await member.post(
            RECORDS,
            json={
                "served_on": YESTERDAY,
                "hours": 2.5,
                "kind": "pairing_assistance",
                "beneficiaries": 3,
                "description": "帮王奶奶买药",
            },
        )
        assert logged.status_code == 201, logged.text
        record = logged.json()
        assert record["status"] == "pending" and record["hours"] == 2.5
        assert record["member_id"] == str(world.member_a.id)
        assert_problem(await member.post(f"{RECORDS}/{record['id']}/verify"), 403)
        mine = (await member.get(RECORDS)).json()["items"]
        assert [r["id"] for r in mine] == [record["id"]]
    async with world.client(app, "org_staff") as staff:
        verified = await staff.post(f"{RECORDS}/{record['id']}/verify")
        assert verified.status_code == 200 and verified.json()["status"] == "verified"
        assert_problem(
            await staff.post(f"{RECORDS}/{record['id']}/verify"),
            409,
            "volunteer_record_wrong_state",
        )
        assert_problem(await staff.post(f"{RECORDS}/{record['id']}/revert"), 403)
    async with world.client(app, "admin") as admin:
        reverted = await admin.post(f"{RECORDS}/{record['id']}/revert")
        assert reverted.status_code == 200 and reverted.json()["status"] == "pending"
    reverts = await session.scalars(select(AuditEvent).where(AuditEvent.action == "revert"))
    assert [event.actor_label for event in reverts] == ["caller-admin"]


async def test_a_day_holds_at_most_twenty_four_hours(
    client: httpx.AsyncClient, session: AsyncSession
):
    village = await make_organization(session)
    member = await make_member(session, organization=village)
    body = {"member_id": str(member.id), "served_on": YESTERDAY, "kind": "volunteer_service"}
    assert (await client.post(RECORDS, json={**body, "hours": 20})).status_code == 201
    too_much = await client.post(RECORDS, json={**body, "hours": 4.5})
    assert_problem(too_much, 422, "volunteer_day_over_24_hours")
    assert (await client.post(RECORDS, json={**body, "hours": 4})).status_code == 201
    other_day = {**body, "served_on": str(date.today() - timedelta(days=2))}
    assert (await client.post(RECORDS, json={**other_day, "hours": 24})).status_code == 201
    for bad in (
        {**body, "hours": 0},
        {**body, "hours": -1},
        {**body, "hours": 25},
        {**body, "served_on": str(volunteer_records.local_today() + timedelta(days=1)), "hours": 1},
    ):
        assert_problem(await client.post(RECORDS, json=bad), 422)
    assert await session.scalar(select(func.count()).select_from(VolunteerRecord)) == 3


async def test_rejected_hours_give_the_day_back(client: httpx.AsyncClient, session: AsyncSession):
    village = await make_organization(session)
    member = await make_member(session, organization=village)
    record = await make_record(session, member=member, hours="24")
    rejected = await client.post(f"{RECORDS}/{record.id}/reject", json={"reason": "时长不实"})
    assert rejected.json()["reject_reason"] == "时长不实"
    again = await client.post(
        RECORDS,
        json={
            "member_id": str(member.id),
            "hours": 3,
            "served_on": str(record.served_on),
            "kind": "volunteer_service",
        },
    )
    assert again.status_code == 201


async def test_concurrent_logs_for_one_member_cannot_pass_twenty_four_hours(
    client: httpx.AsyncClient, session: AsyncSession
):
    village = await make_organization(session)
    member = await make_member(session, organization=village)
    body = {
        "member_id": str(member.id),
        "served_on": YESTERDAY,
        "kind": "volunteer_service",
        "hours": 5,
    }
    responses = await asyncio.gather(*(client.post(RECORDS, json=body) for _ in range(8)))
    assert sorted(r.status_code for r in responses).count(201) == 4
    total = await session.scalar(select(func.sum(VolunteerRecord.minutes)))
    assert total == 4 * 5 * 60


async def test_bulk_verify_is_all_or_nothing(client: httpx.AsyncClient, session: AsyncSession):
    village = await make_organization(session)
    member = await make_member(session, organization=village)
    pending = [await make_record(session, member=member, hours="1") for _ in range(3)]
    done = await make_record(session, member=member, hours="1", verified=True)
    ids = [str(r.id) for r in pending]
    refused = await client.post(f"{RECORDS}/verify", json={"record_ids": [*ids, str(done.id)]})
    problem = assert_problem(refused, 409, "volunteer_record_wrong_state")
    assert problem["record_ids"] == [str(done.id)]
    statuses = await session.scalars(select(VolunteerRecord.status))
    assert sorted(s.value for s in statuses) == ["pending", "pending", "pending", "verified"]
    accepted = await client.post(f"{RECORDS}/verify", json={"record_ids": ids})
    assert accepted.json() == {"verified": 3}


async def test_tallies_equal_a_recount_after_random_decisions(session: AsyncSession):
    town = await make_organization(session, kind=Kind.COMMITTEE, tier=Tier.TOWNSHIP)
    villages = [await make_organization(session, parent=town) for _ in range(3)]
    community = await make_organization(session, parent=town, tier=Tier.COMMUNITY)
    members = [
        await make_member(
            session,
            organization=random.Random(i).choice(villages),
            is_in_service=i % 2 == 0,
            residence_organization_id=community.id if i % 2 == 0 else None,
        )
        for i in range(6)
    ]
    rng = random.Random(2014)
    records = []
    for index in range(60):
        records.append(
            await make_record(
                session,
                member=rng.choice(members),
                hours=str(rng.choice([0.5, 1, 1.5, 2])),
                served_on=date.today() - timedelta(days=rng.randrange(1, 200)),
                kind=rng.choice(list(ServiceKind)),
            )
        )
        if index % 7 == 0:
            await session.commit()
    for _ in range(300):
        record = rng.choice(records)
        await session.refresh(record)
        action = rng.choice(["verify", "reject", "revert"])
        try:
            if action == "verify":
                await volunteer_records.verify_record(session, SYSTEM, record.id)
            elif action == "reject" and record.status is RecordStatus.PENDING:
                await volunteer_records.reject_record(session, SYSTEM, record, reason="核对")
            elif action == "revert":
                await volunteer_records.revert_record(session, SYSTEM, record)
        except volunteer_exceptions.RecordWrongState:
            await session.rollback()
            continue
        await session.commit()
    await _assert_tallies_match_recount(session)


async def test_a_record_changed_after_it_was_read_is_not_verified(
    session: AsyncSession, monkeypatch: pytest.MonkeyPatch
):
    village = await make_organization(session)
    record = await make_record(session, member=await make_member(session, organization=village))
    read = volunteer_records._decidable_rows
    table = VolunteerRecord.__table__

    async def read_then_changed(*args: Any) -> Any:
        rows = await read(*args)
        # What another request could do between the read and the update on SQLite.
        await session.execute(
            update(table).where(table.c.id == record.id).values(version=table.c.version + 1)
        )
        return rows

    monkeypatch.setattr(volunteer_records, "_decidable_rows", read_then_changed)
    with pytest.raises(EditConflict):
        await volunteer_records.verify_record(session, SYSTEM, record.id)
    await session.rollback()
    await session.refresh(record)
    assert record.status is RecordStatus.PENDING
    await _assert_tallies_match_recount(session)


async def _assert_tallies_match_recount(session: AsyncSession) -> None:
    verified = list(
        await session.scalars(
            select(VolunteerRecord).where(VolunteerRecord.status == RecordStatus.VERIFIED)
        )
    )
    expected: dict[tuple[object, ...], list[int]] = {}
    by_member: dict[tuple[object, ...], list[int]] = {}
    for r in verified:
        month = r.served_on.replace(day=1)
        for table, key in (
            (expected, (r.organization_id, r.community_id, month, r.kind)),
            (by_member, (r.member_id, r.organization_id, r.community_id, month)),
        ):
            totals = table.setdefault(key, [0, 0])
            totals[0] += r.minutes
            totals[1] += 1
    tallies = {
        (t.organization_id, t.community_id, t.month, t.kind): [t.minutes, t.records]
        for t in await session.scalars(select(VolunteerTally))
        if t.records
    }
    member_tallies = {
        (t.member_id, t.organization_id, t.community_id, t.month): [t.minutes, t.records]
        for t in await session.scalars(select(MemberTally))
        if t.records
    }
    assert tallies == expected
    assert member_tallies == by_member
    await _assert_rollups_match_recount(session, verified)
    assert all(t.minutes >= 0 for t in await session.scalars(select(VolunteerTally)))


async def _assert_rollups_match_recount(
    session: AsyncSession, verified: list[VolunteerRecord]
) -> None:
    """Each subtree's rollup counts each verified record once if it holds the record's
    organization or community."""
    paths = dict((await session.execute(select(Organization.id, Organization.path))).all())
    expected: dict[tuple[object, ...], list[int]] = {}
    for r in verified:
        for ancestor_id, ancestor_path in paths.items():
            if paths[r.organization_id].startswith(ancestor_path) or paths[
                r.community_id
            ].startswith(ancestor_path):
                totals = expected.setdefault(
                    (ancestor_id, r.served_on.replace(day=1), r.kind), [0, 0]
                )
                totals[0] += r.minutes
                totals[1] += 1
    rollups = {
        (t.organization_id, t.month, t.kind): [t.minutes, t.records]
        for t in await session.scalars(select(VolunteerRollup))
        if t.records
    }
    assert rollups == expected


async def test_staff_log_for_members_in_scope_only(app: FastAPI, session: AsyncSession):
    world = await build_world(session)
    async with world.client(app, "org_staff") as staff:
        body = {"served_on": YESTERDAY, "hours": 1, "kind": "volunteer_service"}
        ok = await staff.post(RECORDS, json={**body, "member_id": str(world.member_a.id)})
        assert ok.status_code == 201
        assert_problem(
            await staff.post(RECORDS, json={**body, "member_id": str(world.member_b.id)}),
            422,
            "member_not_found",
        )
        assert_problem(await staff.post(RECORDS, json=body), 422, "member_required")
    async with world.client(app, "reviewer") as reviewer:
        assert_problem(
            await reviewer.post(
                RECORDS,
                json={
                    "served_on": YESTERDAY,
                    "hours": 1,
                    "kind": "volunteer_service",
                    "member_id": str(world.member_a.id),
                },
            ),
            422,
            "member_not_found",
        )


async def test_a_record_for_an_activity_takes_its_kind(
    client: httpx.AsyncClient, session: AsyncSession
):
    village = await make_organization(session)
    member = await make_member(session, organization=village)
    activity = await make_activity(session, organization=village)
    logged = await client.post(
        RECORDS,
        json={
            "member_id": str(member.id),
            "hours": 3,
            "served_on": YESTERDAY,
            "activity_id": str(activity.id),
        },
    )
    assert logged.status_code == 201 and logged.json()["kind"] == "volunteer_service"
    listed = (await client.get(RECORDS, params={"activity_id": str(activity.id)})).json()
    assert [r["id"] for r in listed["items"]] == [logged.json()["id"]]


async def test_records_filter_by_kind_and_list_newest_first(
    client: httpx.AsyncClient, session: AsyncSession
):
    village = await make_organization(session)
    member = await make_member(session, organization=village)
    days = [date.today() - timedelta(days=n) for n in (30, 20, 10)]
    for day, kind in zip(
        days,
        (
            ServiceKind.VOLUNTEER_SERVICE,
            ServiceKind.CULTURAL_ACTIVITY,
            ServiceKind.VOLUNTEER_SERVICE,
        ),
        strict=True,
    ):
        await make_record(session, member=member, served_on=day, kind=kind)
    cultural = (await client.get(RECORDS, params={"kind": "cultural_activity"})).json()
    assert [r["served_on"] for r in cultural["items"]] == [str(days[1])]
    newest = (await client.get(RECORDS, params={"order": "newest", "limit": 2})).json()
    assert [r["served_on"] for r in newest["items"]] == [str(days[2]), str(days[1])]
    rest = (
        await client.get(
            RECORDS, params={"order": "newest", "limit": 2, "cursor": newest["next_cursor"]}
        )
    ).json()
    assert [r["served_on"] for r in rest["items"]] == [str(days[0])]
    assert_problem(await client.get(RECORDS, params={"order": "sideways"}), 422)
