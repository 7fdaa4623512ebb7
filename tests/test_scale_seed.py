"""`grassroots seed --scale`: a generated county whose tallies and rollups agree with a
recount of its verified records, whose evaluation cycle is finalized and open to a rating
through the API, and whose units register holds every kind of coverage."""

import asyncio
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import func, select

from grassroots.core.db import make_engine, make_sessionmaker
from grassroots.evaluations.enums import EvaluationState
from grassroots.evaluations.models import Evaluation, EvaluationRating, EvaluationReview
from grassroots.grids.enums import TeamRole, UnitCoverage
from grassroots.grids.geometry import Boundary, measure
from grassroots.grids.models import Grid, GridTeam, GridTeamPerson, Unit
from grassroots.main import create_app
from grassroots.members.models import Member, MemberPosition
from grassroots.organizations.models import Organization
from grassroots.volunteering.enums import RecordStatus
from grassroots.volunteering.models import VolunteerRecord
from tests.builders import bearer, make_user, settings_for_tests
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
        assert "980 evaluations" in seeded.stdout and "evaluation_ratings" in seeded.stdout
        again = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
        assert again.returncode != 0 and "empty" in again.stderr
        asyncio.run(_check(url))
        asyncio.run(_check_through_the_api(url))


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


async def _check_units(session: Any) -> None:
    """A few units per village and township, every coverage kind among them, a covered unit
    naming its organization, and a unit in a grid located inside that grid."""
    per_village = dict(
        (
            await session.execute(
                select(Unit.organization_id, func.count())
                .join(Organization, Organization.id == Unit.organization_id)
                .where(Organization.tier == "village")
                .group_by(Unit.organization_id)
            )
        ).all()
    )
    assert len(per_village) == 980 and set(per_village.values()) <= {1, 2, 3, 4}
    coverage = dict(
        (await session.execute(select(Unit.coverage, func.count()).group_by(Unit.coverage))).all()
    )
    assert set(coverage) == set(UnitCoverage) and all(n > 100 for n in coverage.values())
    units = list(await session.scalars(select(Unit).where(Unit.grid_id.is_not(None)).limit(50)))
    assert units
    for unit in units:
        grid = await session.get(Grid, unit.grid_id)
        assert grid.organization_id == unit.organization_id
        assert grid.min_lng <= unit.longitude <= grid.max_lng
        assert grid.min_lat <= unit.latitude <= grid.max_lat


async def _check_through_the_api(url: str) -> None:
    """The cycle's results page ranks the finalized evaluations, the open evaluation takes a
    public rating with a code issued through the API, and the coverage counts the units."""
    app = create_app(settings_for_tests(url))
    async with app.router.lifespan_context(app), app.state.sessionmaker() as session:
        await _check_units(session)
        root = await make_user(session, username="root", superuser=True)
        evaluations = dict(
            (
                await session.execute(
                    select(Evaluation.state, func.count()).group_by(Evaluation.state)
                )
            ).all()
        )
        assert evaluations == {EvaluationState.FINALIZED: 979, EvaluationState.PUBLIC_RATING: 1}
        # Five reviews of every finalized evaluation: the trimmed mean applies.
        assert await session.scalar(select(func.count()).select_from(EvaluationReview)) == 5 * 979
        open_one = await session.scalar(
            select(Evaluation).where(Evaluation.state == EvaluationState.PUBLIC_RATING)
        )
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://testserver", headers=bearer(root)
        ) as client:
            page = await client.get(f"/api/v1/evaluation-cycles/{open_one.cycle_id}/results")
            assert page.status_code == 200, page.text
            rows = page.json()["items"]
            assert [row["rank"] for row in rows] == sorted(row["rank"] for row in rows)
            assert rows[0]["rank"] == 1 and rows[0]["computed_grade"] is not None
            assert all(row["self_score"] and row["review_score"] for row in rows)
            issued = await client.post(
                f"/api/v1/evaluations/{open_one.id}/invitations", json={"count": 1}
            )
            assert issued.status_code == 201, issued.text
            rated_before = await _ratings_of(session, open_one.id)
            rating = await client.post(
                f"/api/v1/public/ratings/{open_one.public_token}",
                json={
                    "answers": {"Q1": 5, "Q2": 4, "Q3": 4},
                    "rater_group": "resident",
                    "invitation_code": issued.json()["codes"][0],
                },
            )
            assert rating.status_code == 201, rating.text
            assert await _ratings_of(session, open_one.id) == rated_before + 1
            coverage = await client.get("/api/v1/grid-coverage")
            assert coverage.status_code == 200, coverage.text
            units = coverage.json()["units"]
            assert units["total"] == await session.scalar(select(func.count()).select_from(Unit))
            assert 0 < units["uncovered"]["count"] < units["total"]
            assert units["uncovered"]["items"]
    await app.state.engine.dispose()


async def _ratings_of(session: Any, evaluation_id: Any) -> int:
    statement = select(func.count()).where(EvaluationRating.evaluation_id == evaluation_id)
    return int(await session.scalar(statement) or 0)
