"""Benchmark of finalizing an evaluation cycle at county scale, on PostgreSQL.

`python -m bench.evaluation_bench` seeds a scratch database with a county of 10,000 villages,
launches a cycle over them (one evaluation each, through the service), adds 1,000,000 public
ratings (100 per evaluation) and 50,000 submitted reviews (five per evaluation, so the
trimmed mean applies) with bulk INSERT … SELECT, then measures through the real app:
  - finalizing the whole cycle, POST /evaluation-cycles/{id}/finalize (target: under 10 s);
  - the first page of its results, GET /evaluation-cycles/{id}/results.
BENCH_SCALE=0.1 for a tenth; BENCH_DATABASE_URL names the server's admin database; BENCH_KEEP=1
keeps the scratch database for a look afterwards.
"""

import asyncio
import json
import os
import sys
import time
import uuid
from datetime import timedelta

import asyncpg
import httpx
from sqlalchemy import select
from tests.builders import TEST_SECRET, settings_for_tests
from tests.databases import migrate
from tests.evaluations.builders import cycle_body

from grassroots.core.security import SYSTEM, encode_access_token
from grassroots.evaluations import cycles
from grassroots.evaluations.schemas import CycleCreate
from grassroots.main import create_app
from grassroots.organizations.models import Organization

ADMIN_URL = os.environ.get("BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
SCALE = float(os.environ.get("BENCH_SCALE", "1"))
TOWNSHIPS = max(1, int(100 * SCALE))
VILLAGES_PER_TOWNSHIP = 100
RATINGS_PER_EVALUATION = 100
REVIEWERS = 5

ORGANIZATION_COLUMNS = """id, version, created_at, updated_at, name, code, parent_id, path,
  depth, kind, tier, domain, formation, flag_weak_and_lax, flag_poverty_village,
  flag_old_revolutionary_base, flag_ethnic_minority_area, flag_border_area, flag_poor_area"""

SEED = f"""
INSERT INTO organization ({ORGANIZATION_COLUMNS})
SELECT id, 1, now(), now(), '县委', 'COUNTY', NULL, replace(id::text, '-', '') || '/', 0,
  'committee', 'county', 'government', 'standalone', false, false, false, false, false, false
FROM (SELECT gen_random_uuid() AS id) s;

INSERT INTO organization ({ORGANIZATION_COLUMNS})
SELECT s.id, 1, now(), now(), '镇党委' || s.n, 'T' || s.n, p.id,
  p.path || replace(s.id::text, '-', '') || '/', 1, 'committee', 'township', 'government',
  'standalone', false, false, false, false, false, false
FROM (SELECT gen_random_uuid() AS id, n FROM generate_series(1, {TOWNSHIPS}) n) s,
  organization p WHERE p.code = 'COUNTY';

INSERT INTO organization ({ORGANIZATION_COLUMNS})
SELECT s.id, 1, now(), now(), '村党支部' || p.code || '-' || s.n, p.code || '-' || s.n, p.id,
  p.path || replace(s.id::text, '-', '') || '/', 2, 'branch', 'village',
  CASE WHEN s.n % 4 = 0 THEN 'community' ELSE 'rural' END,
  'standalone', false, false, false, false, false, false
FROM organization p, LATERAL (
  SELECT gen_random_uuid() AS id, n FROM generate_series(1, {VILLAGES_PER_TOWNSHIP}) n) s
WHERE p.depth = 1;

INSERT INTO user_account (id, version, created_at, updated_at, username, display_name,
  is_active, is_superuser)
SELECT gen_random_uuid(), 1, now(), now(), 'reviewer' || n, '考评员' || n, true, false
FROM generate_series(1, {REVIEWERS}) n;
"""

# Every evaluation put in organizational review with its self score, then ratings and reviews.
FILL = f"""
CREATE TEMP TABLE ev AS
SELECT row_number() OVER (ORDER BY id) AS i, id, organization_id
FROM evaluation WHERE cycle_id = $1;

UPDATE evaluation e SET state = 'organizational_review',
  self_points = 6000 + (ev.i * 37 % 4001), self_max_points = 10000,
  self_score = (6000 + (ev.i * 37 % 4001)) / 100.0, submitted_at = now()
FROM ev WHERE e.id = ev.id;

INSERT INTO evaluation_rating (id, evaluation_id, rater_group, answers, answer_sum,
  answer_count, satisfied_count, comment, rated_on)
SELECT gen_random_uuid(), ev.id, CASE WHEN n % 3 = 0 THEN 'member' ELSE 'resident' END,
  json_build_array(a.q1, a.q2, a.q3), a.q1 + a.q2 + a.q3, 3,
  (a.q1 >= 4)::int + (a.q2 >= 4)::int + (a.q3 >= 4)::int, NULL, date '2026-06-01'
FROM ev, generate_series(1, {RATINGS_PER_EVALUATION}) n,
  LATERAL (SELECT 2 + ((ev.i * 31 + n * 7) % 4) AS q1, 1 + ((ev.i * 17 + n * 3) % 5) AS q2,
                  3 + ((ev.i + n) % 3) AS q3) a;

INSERT INTO evaluation_review (id, version, created_at, updated_at, evaluation_id,
  organization_id, reviewer_id, "group", scores, comment, points, max_points, score,
  submitted_at)
SELECT gen_random_uuid(), 1, now(), now(), ev.id, ev.organization_id, u.id, NULL, '{{}}'::json,
  NULL, 5000 + ((ev.i * 13 + u.n * 29) % 5001), 10000,
  (5000 + ((ev.i * 13 + u.n * 29) % 5001)) / 100.0, now()
FROM ev, (SELECT id, row_number() OVER (ORDER BY username) AS n FROM user_account
          WHERE username LIKE 'reviewer%') u;
"""


async def main() -> None:
    name = f"grassroots_bench_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(ADMIN_URL)
    await admin.execute(f'CREATE DATABASE "{name}"')
    url = ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    try:
        await migrate(url.replace("postgresql://", "postgresql+asyncpg://", 1), "head")
        await run(url)
    finally:
        if os.environ.get("BENCH_KEEP"):
            print(f"kept database {name}")
        else:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


async def run(url: str) -> None:
    connection = await asyncpg.connect(url)
    started = time.perf_counter()
    await connection.execute(SEED)
    reviewers = [r["id"] for r in await connection.fetch("SELECT id FROM user_account")]
    root = await connection.fetchval(
        "INSERT INTO user_account (id, version, created_at, updated_at, username, display_name,"
        " is_active, is_superuser) VALUES (gen_random_uuid(), 1, now(), now(), 'bench', 'bench',"
        " true, true) RETURNING id"
    )
    app = create_app(settings_for_tests(url, log_level="WARNING"))
    async with app.state.sessionmaker() as session:
        county = await session.scalar(select(Organization).where(Organization.code == "COUNTY"))
        assert county is not None
        body = cycle_body(
            county, target_tiers=["village"], reviewers=[{"user_id": r} for r in reviewers]
        )
        cycle = await cycles.create_cycle(session, SYSTEM, data=CycleCreate.model_validate(body))
        begin = time.perf_counter()
        created, _ = await cycles.launch(session, cycle, county)
        await session.commit()
        launched = time.perf_counter() - begin
    async with connection.transaction():
        await connection.execute(FILL.replace("$1", f"'{cycle.id}'"))
    await connection.execute("VACUUM ANALYZE")
    counts = await connection.fetchrow(
        "SELECT (SELECT count(*) FROM evaluation) e, (SELECT count(*) FROM evaluation_rating) r,"
        " (SELECT count(*) FROM evaluation_review) v"
    )
    print(
        f"seeded {counts['e']:,} evaluations (launched in {launched:.1f} s), {counts['r']:,} "
        f"ratings, {counts['v']:,} reviews in {time.perf_counter() - started:.0f} s"
    )
    assert created == counts["e"]
    # The session the account's tokens belong to (named by the account's id).
    await connection.execute(
        "INSERT INTO refresh_token (id, user_id, family_id, token_hash, created_at, expires_at)"
        " VALUES (gen_random_uuid(), $1, $1, md5(random()::text), now(), now() + interval '1 day')",
        root,
    )
    token = encode_access_token(user_id=root, session_id=root, key=TEST_SECRET, minutes=60)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://bench", headers={"Authorization": f"Bearer {token}"}
    ) as client:
        begin = time.perf_counter()
        response = await client.post(f"/api/v1/evaluation-cycles/{cycle.id}/finalize")
        elapsed = time.perf_counter() - begin
        assert response.status_code == 200, response.text
        verdict = "PASS" if elapsed < 10 else "FAIL"
        print(
            f"finalize {response.json()['changed']:,} evaluations over {counts['r']:,} ratings: "
            f"{elapsed:.2f} s [{verdict}]"
        )
        begin = time.perf_counter()
        page = await client.get(f"/api/v1/evaluation-cycles/{cycle.id}/results")
        assert page.status_code == 200, page.text
        first = page.json()["items"][0]
        print(
            f"results, first page: {(time.perf_counter() - begin) * 1000:.0f} ms "
            f"(top total {first['total']}, grade {first['computed_grade']})"
        )
    await connection.close()
    await app.state.engine.dispose()


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))


# The evaluation cycle of `make bench` (bench/server_bench.py) --------------------------------

# Ratings of the finalized evaluations, per evaluation, on PostgreSQL: 100 (about a million
# over a city's villages) at full scale.
RATED = """
INSERT INTO evaluation_rating (id, evaluation_id, rater_group, answers, answer_sum,
  answer_count, satisfied_count, comment, rated_on)
SELECT gen_random_uuid(), ev.id, CASE WHEN n % 3 = 0 THEN 'member' ELSE 'resident' END,
  json_build_array(a.q1, a.q2, a.q3), a.q1 + a.q2 + a.q3, 3,
  (a.q1 >= 4)::int + (a.q2 >= 4)::int + (a.q3 >= 4)::int, NULL, current_date
FROM (SELECT row_number() OVER (ORDER BY id) AS i, id FROM evaluation
      WHERE cycle_id = :cycle AND state = 'organizational_review') ev,
  generate_series(1, :per) n,
  LATERAL (SELECT 2 + ((ev.i * 31 + n * 7) % 4) AS q1, 1 + ((ev.i * 17 + n * 3) % 5) AS q2,
                  3 + ((ev.i + n) % 3) AS q3) a
"""


def rating_body(code: str) -> bytes:
    """A public rating of the bench's questionnaire (the built-in one: Q1 to Q3)."""
    answers = {"Q1": 5, "Q2": 4, "Q3": 4}
    return json.dumps(
        {"answers": answers, "rater_group": "resident", "invitation_code": code}
    ).encode()


async def prepare_cycle(
    url: str, root_id: uuid.UUID, factor: float
) -> tuple[uuid.UUID, str, list[str]]:
    """A cycle of the root over its villages: every evaluation but one self-assessed, rated
    (100 ratings each at full scale) and finalized, so the results page has the whole cycle;
    the one left open to public rating, with fresh invitation codes for the write scenario.
    Returns (cycle id, the open evaluation's rating token, its codes)."""
    from sqlalchemy import insert, text, update

    from grassroots.core.crypto import use_data_key
    from grassroots.core.db import make_engine, make_sessionmaker, utcnow
    from grassroots.evaluations import ratings, results
    from grassroots.evaluations.enums import EvaluationState
    from grassroots.evaluations.models import Evaluation, EvaluationInvitation, EvaluationRating

    # The codes are hashed with the server's key (DATA_KEY of app_env).
    use_data_key(settings_for_tests(url).personal_data_key)
    engine = make_engine(url)
    per = max(10, round(RATINGS_PER_EVALUATION * factor))
    codes_count = max(3000, round(15_000 * min(1.0, factor * 10)))
    started = time.perf_counter()
    async with make_sessionmaker(engine)() as session:
        root = await session.get(Organization, root_id)
        assert root is not None
        now = utcnow()
        window = {"opens_at": now - timedelta(days=1), "closes_at": now + timedelta(days=30)}
        body = {
            "organization_id": root.id,
            "name": "bench",
            "year": now.year,
            "target_tiers": ["village"],
            "windows": {
                "self_assessment": window,
                "public_rating": window,
                "organizational_review": window,
            },
        }
        cycle = await cycles.create_cycle(session, SYSTEM, data=CycleCreate.model_validate(body))
        await cycles.launch(session, cycle, root)
        ids = list(
            await session.scalars(
                select(Evaluation.id).where(Evaluation.cycle_id == cycle.id).order_by(Evaluation.id)
            )
        )
        rated, rest = ids[0], ids[1:]
        await session.execute(
            update(Evaluation)
            .where(Evaluation.cycle_id == cycle.id, Evaluation.id != rated)
            .values(
                state=EvaluationState.ORGANIZATIONAL_REVIEW,
                self_points=8500,
                self_max_points=10000,
                self_score=85.0,
                submitted_at=now,
            )
        )
        await session.execute(
            update(Evaluation)
            .where(Evaluation.id == rated)
            .values(state=EvaluationState.PUBLIC_RATING, submitted_at=now)
        )
        if engine.dialect.name == "postgresql":
            await session.execute(text(RATED), {"cycle": cycle.id, "per": per})
        else:
            rows = [
                {
                    "id": uuid.uuid4(),
                    "evaluation_id": evaluation_id,
                    "rater_group": "resident",
                    "answers": [a := 2 + (i + n) % 4, 4, 5],
                    "answer_sum": a + 9,
                    "answer_count": 3,
                    "satisfied_count": 2 + (a >= 4),
                    "comment": None,
                    "rated_on": now.date(),
                }
                for i, evaluation_id in enumerate(rest)
                for n in range(per)
            ]
            for start in range(0, len(rows), 5000):
                await session.execute(insert(EvaluationRating), rows[start : start + 5000])
        finalized = await results.rescore(session, cycle)
        codes = [ratings.new_code() for _ in range(codes_count)]
        await session.execute(
            insert(EvaluationInvitation),
            [
                {
                    "id": uuid.uuid4(),
                    "evaluation_id": rated,
                    "code_hash": ratings.invitation_hash(code),
                    "created_at": now,
                }
                for code in codes
            ],
        )
        token = await session.scalar(select(Evaluation.public_token).where(Evaluation.id == rated))
        await session.commit()
        cycle_id = cycle.id
    await engine.dispose()
    print(
        f"evaluation cycle: {len(ids):,} evaluations, {finalized:,} finalized over "
        f"{per * len(rest):,} ratings, {len(codes):,} invitation codes "
        f"in {time.perf_counter() - started:.0f} s"
    )
    assert token is not None
    return cycle_id, token, codes


async def ready_to_finalize(url: str, cycle_id: uuid.UUID) -> tuple[int, int]:
    """Put every evaluation of the cycle back in organizational review (the open one, rated by
    the rating scenario, too), as if the review had just closed; returns (evaluations, ratings)."""
    from sqlalchemy import func, update

    from grassroots.core.db import make_engine, make_sessionmaker
    from grassroots.evaluations.enums import EvaluationState
    from grassroots.evaluations.models import Evaluation, EvaluationRating

    engine = make_engine(url)
    async with make_sessionmaker(engine)() as session:
        await session.execute(
            update(Evaluation)
            .where(Evaluation.cycle_id == cycle_id)
            .values(state=EvaluationState.ORGANIZATIONAL_REVIEW, finalized_at=None)
        )
        await session.commit()
        evaluations = await session.scalar(
            select(func.count()).where(Evaluation.cycle_id == cycle_id)
        )
        rated = await session.scalar(
            select(func.count())
            .select_from(EvaluationRating)
            .join(Evaluation, Evaluation.id == EvaluationRating.evaluation_id)
            .where(Evaluation.cycle_id == cycle_id)
        )
    await engine.dispose()
    return evaluations or 0, rated or 0
