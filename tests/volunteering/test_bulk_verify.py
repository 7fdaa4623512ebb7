"""Verifying many records at once: a constant number of statements whatever the number, and
the same records, tallies and audit trail as verifying them one by one."""

import uuid
from datetime import timedelta
from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.core.audit import AuditEvent
from grassroots.core.localtime import local_today
from grassroots.core.security import SYSTEM, Role
from grassroots.members.models import Member
from grassroots.organizations.enums import Kind, Tier
from grassroots.volunteering import records as volunteer_records
from grassroots.volunteering.enums import RecordStatus, ServiceKind
from grassroots.volunteering.models import VolunteerRecord
from tests.builders import (
    bearer,
    make_activity,
    make_member,
    make_organization,
    make_record,
    make_user,
)
from tests.statements import counting_statements
from tests.volunteering.test_records import _assert_tallies_match_recount

RECORDS = "/api/v1/volunteer-records"
# The caller, the locking select with the organizations' paths, the update with the three tally
# upserts (one statement on PostgreSQL, four on SQLite), the audit records.
BULK_VERIFY_STATEMENTS = {"sqlite": 6, "postgresql": 4}


async def _staff_client(app: FastAPI, session: AsyncSession, town: Any) -> httpx.AsyncClient:
    staff = await make_user(session, organization=town, role=Role.ORG_STAFF)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    return httpx.AsyncClient(
        transport=transport, base_url="http://testserver", headers=bearer(staff)
    )


async def _members(session: AsyncSession) -> tuple[Any, list[Member]]:
    town = await make_organization(session, kind=Kind.COMMITTEE, tier=Tier.TOWNSHIP)
    villages = [await make_organization(session, parent=town) for _ in range(2)]
    community = await make_organization(session, parent=town, tier=Tier.COMMUNITY)
    members = [
        await make_member(
            session,
            organization=villages[i % 2],
            is_in_service=i % 3 == 0,
            residence_organization_id=community.id if i % 3 == 0 else None,
        )
        for i in range(5)
    ]
    return town, members


async def _pending(session: AsyncSession, members: list[Member], count: int) -> list[str]:
    """`count` pending records of these members over many days, written directly."""
    records = [
        VolunteerRecord(
            member_id=member.id,
            organization_id=member.organization_id,
            community_id=member.residence_organization_id or member.organization_id,
            served_on=local_today() - timedelta(days=1 + index // len(members)),
            minutes=30 + 30 * (index % 3),
            kind=list(ServiceKind)[index % len(ServiceKind)],
            status=RecordStatus.PENDING,
        )
        for index, member in ((i, members[i % len(members)]) for i in range(count))
    ]
    session.add_all(records)
    await session.commit()
    return [str(record.id) for record in records]


async def test_verifying_500_records_takes_the_statements_of_verifying_10(
    app: FastAPI, session: AsyncSession
):
    town, members = await _members(session)
    ten, five_hundred = await _pending(session, members, 10), await _pending(session, members, 500)
    async with await _staff_client(app, session, town) as staff:
        counts = []
        for ids in (ten, five_hundred):
            # The caller is remembered from here on (on SQLite until anything is committed).
            await staff.get("/api/v1/me")
            with counting_statements(app.state.engine) as statements:
                verified = await staff.post(f"{RECORDS}/verify", json={"record_ids": ids})
            assert verified.status_code == 200 and verified.json() == {"verified": len(ids)}
            counts.append(len(statements))
    assert counts[0] == counts[1] <= BULK_VERIFY_STATEMENTS[app.state.engine.dialect.name]
    statuses = set(await session.scalars(select(VolunteerRecord.status)))
    assert statuses == {RecordStatus.VERIFIED}
    await _assert_tallies_match_recount(session)


async def _twins(session: AsyncSession, members: list[Member], activity: Any) -> list[Any]:
    """Pairs of records alike in every fact: some of an activity, some verified and reverted
    before (so they were decided once already)."""
    pairs = []
    for index in range(8):
        pair = []
        for _ in range(2):
            record = await make_record(
                session,
                member=members[index % len(members)],
                hours=str(0.5 + index % 3),
                served_on=local_today() - timedelta(days=1 + index),
                kind=list(ServiceKind)[index % len(ServiceKind)],
            )
            if index % 3 == 0:
                record.activity_id = activity.id
            if index % 4 == 1:
                await volunteer_records.verify_record(session, SYSTEM, record.id)
                await session.refresh(record)
                await volunteer_records.revert_record(session, SYSTEM, record)
            await session.commit()
            pair.append(record.id)
        pairs.append(pair)
    return pairs


async def _verified_trail(session: AsyncSession, record_id: uuid.UUID) -> dict[str, Any]:
    """What a verify left on a record and in the audit trail, less its own id and instant."""
    record = await session.get(VolunteerRecord, record_id, populate_existing=True)
    assert record is not None
    [event] = await session.scalars(
        select(AuditEvent).where(
            AuditEvent.entity_id == str(record_id),
            AuditEvent.action == "update",
            AuditEvent.changes["status"]["new"].as_string() == "verified",
            AuditEvent.occurred_at
            == select(AuditEvent.occurred_at)
            .where(AuditEvent.entity_id == str(record_id), AuditEvent.action == "update")
            .order_by(AuditEvent.occurred_at.desc())
            .limit(1)
            .scalar_subquery(),
        )
    )
    changes = dict(event.changes or {})
    decided_at = changes.pop("decided_at")
    assert decided_at["new"] is not None
    return {
        "record": (record.status, record.decided_by_id, record.version),
        "decided_before": decided_at["old"] is not None,
        "event": (
            event.actor_type,
            event.actor_id,
            event.actor_label,
            event.entity_type,
            event.organization_id,
            event.organization_path,
            event.outcome,
        ),
        "changes": changes,
    }


async def test_verifying_together_leaves_what_verifying_one_by_one_leaves(
    app: FastAPI, session: AsyncSession
):
    town, members = await _members(session)
    activity = await make_activity(session, organization=town)
    pairs = await _twins(session, members, activity)
    async with await _staff_client(app, session, town) as staff:
        together = [str(first) for first, _ in pairs]
        verified = await staff.post(f"{RECORDS}/verify", json={"record_ids": together})
        assert verified.json() == {"verified": len(pairs)}
        for _, second in pairs:
            assert (await staff.post(f"{RECORDS}/{second}/verify")).status_code == 200
    for first, second in pairs:
        bulk, single = await _verified_trail(session, first), await _verified_trail(session, second)
        assert bulk == single
        assert bulk["changes"]["status"] == {"old": "pending", "new": "verified"}
    assert any(trail["decided_before"] for trail in [await _verified_trail(session, pairs[1][0])])
    await _assert_tallies_match_recount(session)
