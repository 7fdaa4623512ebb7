"""`grassroots seed --scale`: a generated county whose tallies and rollups agree with a
recount of its verified records."""

import asyncio
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

from grassroots.core.db import make_engine, make_sessionmaker
from grassroots.members.models import Member, MemberPosition
from grassroots.organizations.models import Organization
from grassroots.volunteering.enums import RecordStatus
from grassroots.volunteering.models import VolunteerRecord
from tests.databases import migrate, scratch_database
from tests.volunteering.test_records import _assert_tallies_match_recount


def test_a_generated_county_keeps_its_tallies_consistent(tmp_path: Path):
    with scratch_database(tmp_path) as url:
        asyncio.run(migrate(url, "head"))
        env = {"DATABASE_URL": url, "PATH": "/usr/bin:/bin"}
        command = [sys.executable, "-m", "grassroots.cli", "seed", "--scale", "county"]
        seeded = subprocess.run(
            [*command, "--factor", "0.002"], capture_output=True, text=True, env=env, check=False
        )
        assert seeded.returncode == 0, seeded.stderr
        assert "1,001 organizations, 60 members, 600 volunteer_records" in seeded.stdout
        again = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
        assert again.returncode != 0 and "empty" in again.stderr
        asyncio.run(_check(url))


async def _check(url: str) -> None:
    engine = make_engine(url)
    try:
        async with make_sessionmaker(engine)() as session:
            tiers = dict(
                (
                    await session.execute(
                        select(Organization.tier, func.count()).group_by(Organization.tier)
                    )
                ).all()
            )
            assert tiers == {"county": 1, "township": 20, "village": 980}
            assert await session.scalar(select(func.count()).select_from(Member)) == 60
            assert await session.scalar(select(func.count()).select_from(MemberPosition)) == 60
            statuses = dict(
                (
                    await session.execute(
                        select(VolunteerRecord.status, func.count()).group_by(
                            VolunteerRecord.status
                        )
                    )
                ).all()
            )
            assert statuses[RecordStatus.VERIFIED] > statuses.get(RecordStatus.PENDING, 0) > 0
            await _assert_tallies_match_recount(session)
    finally:
        await engine.dispose()
