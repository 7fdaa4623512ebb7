"""`grassroots seed --scale`: a generated county whose tallies and rollups agree with a
recount of its verified records."""

import asyncio
import subprocess
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from grassroots.core.db import make_engine, make_sessionmaker
from grassroots.grids.enums import TeamRole
from grassroots.grids.geometry import Boundary, measure
from grassroots.grids.models import Grid, GridTeam, GridTeamPerson
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
        assert "1,000 grids" in seeded.stdout
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
            await _check_grids(session)
    finally:
        await engine.dispose()


async def _check_grids(session: Any) -> None:
    """Every grid has a valid boundary whose stored measures match it; every active team has
    one leader; some grids are left without a team (coverage gaps)."""
    grids = list(await session.scalars(select(Grid)))
    assert len(grids) == 1000
    for grid in grids[:50]:
        measured = measure(Boundary.model_validate(grid.boundary))
        assert measured.bbox == (grid.min_lng, grid.min_lat, grid.max_lng, grid.max_lat)
        assert abs(measured.area_m2 - grid.area_m2) < 1
    assert len({(grid.organization_id, grid.code) for grid in grids}) == 1000
    teams = list(await session.scalars(select(GridTeam)))
    assert 800 < len(teams) < 1000
    leaders = dict(
        (
            await session.execute(
                select(GridTeamPerson.team_id, func.count())
                .where(GridTeamPerson.role == TeamRole.GRID_LEADER)
                .group_by(GridTeamPerson.team_id)
            )
        ).all()
    )
    assert all(leaders.get(team.id) == 1 for team in teams if team.active)
    assert any(team.active for team in teams) and any(not team.active for team in teams)
