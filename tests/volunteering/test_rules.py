"""The rules of a record, each written once in volunteering and used for one row and for
many (logging one record, importing a table, the member list, the stats)."""

import uuid
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.core.localtime import local_today
from grassroots.core.security import SYSTEM
from grassroots.members.models import Member
from grassroots.volunteering import records
from grassroots.volunteering.tallies import served_verified_hours
from tests.builders import make_member, make_organization, make_record

TODAY = local_today()


def test_the_community_is_the_residence_only_while_in_service():
    home, residence = uuid.uuid4(), uuid.uuid4()
    assert records.community_of(home, residence, True) == residence
    assert records.community_of(home, residence, False) == home
    assert records.community_of(home, None, True) == home


def test_a_day_has_come_up_to_today():
    assert records.day_has_come(TODAY, today=TODAY)
    assert not records.day_has_come(TODAY + timedelta(days=1), today=TODAY)
    assert not records.day_overfull(24 * 60) and records.day_overfull(24 * 60 + 1)


async def test_the_day_totals_of_many_members_are_those_of_each_day_alone(session: AsyncSession):
    village = await make_organization(session)
    members = [await make_member(session, organization=village) for _ in range(2)]
    days = [TODAY - timedelta(days=n) for n in (1, 2)]
    for index, (member, day) in enumerate((m, d) for m in members for d in days for _ in range(2)):
        record = await make_record(session, member=member, served_on=day, hours=str(index + 1))
        if index == 0:  # a rejected record no longer counts toward the day
            await records.reject_record(session, SYSTEM, record, reason="重复登记")
    await session.commit()
    ids = [m.id for m in members]
    many = {(m, d): minutes for m, d, minutes in await session.execute(records.day_totals(ids))}
    one_by_one = {
        (m, d): minutes
        for member_id in ids
        for day in days
        for m, d, minutes in await session.execute(records.day_totals([member_id], day))
    }
    assert many == one_by_one
    assert many[(ids[0], days[0])] == 2 * 60  # 1 hour rejected, 2 hours counted


async def test_verified_hours_in_a_period_read_the_same_for_one_member_and_each_row(
    session: AsyncSession,
):
    village = await make_organization(session)
    served = await make_member(session, organization=village, name="服务过")
    idle = await make_member(session, organization=village, name="未服务")
    await make_record(session, member=idle, served_on=TODAY - timedelta(days=1))  # pending only
    await make_record(session, member=served, served_on=TODAY - timedelta(days=1), verified=True)
    period = (TODAY - timedelta(days=40), TODAY)
    each_row = set(
        await session.scalars(select(Member.id).where(served_verified_hours(Member.id, *period)))
    )
    one_member = {
        member.id
        for member in (served, idle)
        if await session.scalar(select(served_verified_hours(member.id, *period)))
    }
    assert each_row == one_member == {served.id}
