"""Benchmark of finalizing an evaluation cycle at city scale, on PostgreSQL.

`python -m bench.evaluation_bench` seeds a scratch database with `grassroots seed --scale`'s
generator: the city's tree and its evaluation cycle over the 9,800 villages (1,000,000 public
ratings, five submitted reviews each, so the trimmed mean applies), with few members and
records (finalizing reads neither). It then puts the whole cycle back in organizational
review and measures through the real app:
  - finalizing the whole cycle, POST /evaluation-cycles/{id}/finalize (target: under 10 s);
  - the first page of its results, GET /evaluation-cycles/{id}/results.
BENCH_SCALE=0.1 for a tenth of the ratings; BENCH_DATABASE_URL names the server's admin
database; BENCH_KEEP=1 keeps the scratch database for a look afterwards.

`make bench` (bench/server_bench.py) uses the same seeded cycle, with the helpers below.
"""

import asyncio
import dataclasses
import json
import os
import sys
import time
import uuid

import asyncpg
import httpx
from sqlalchemy import func, insert, select, update
from tests.builders import TEST_SECRET, settings_for_tests
from tests.databases import migrate

from grassroots import scale_seed
from grassroots.core.config import async_database_url
from grassroots.core.crypto import use_data_key
from grassroots.core.db import make_engine, make_sessionmaker, utcnow
from grassroots.core.security import encode_access_token
from grassroots.evaluations import ratings
from grassroots.evaluations.enums import EvaluationState
from grassroots.evaluations.models import (
    Evaluation,
    EvaluationCycle,
    EvaluationInvitation,
    EvaluationRating,
)
from grassroots.main import create_app

ADMIN_URL = os.environ.get("BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
SCALE = float(os.environ.get("BENCH_SCALE", "1"))


async def main() -> None:
    name = f"grassroots_bench_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(ADMIN_URL)
    await admin.execute(f'CREATE DATABASE "{name}"')
    url = async_database_url(ADMIN_URL.rsplit("/", 1)[0] + f"/{name}")
    try:
        await migrate(url, "head")
        await run(url)
    finally:
        if os.environ.get("BENCH_KEEP"):
            print(f"kept database {name}")
        else:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


async def run(url: str) -> None:
    city = scale_seed.SCALES["city"]
    scale = dataclasses.replace(city.times(0.001), ratings=int(city.ratings * SCALE))
    engine = make_engine(url)
    started = time.perf_counter()
    seeded = await scale_seed.seed_scale(engine, scale)
    await engine.dispose()
    print(f"seeded {seeded.counts} in {time.perf_counter() - started:.0f} s")
    cycle = await seeded_cycle(url)
    evaluations, rated = await ready_to_finalize(url, cycle)
    app = create_app(settings_for_tests(url, log_level="WARNING"))
    # A superuser and the session its token belongs to (named by the account's id).
    connection = await asyncpg.connect(url.replace("+asyncpg", ""))
    root = await connection.fetchval(
        "INSERT INTO user_account (id, version, created_at, updated_at, username, display_name,"
        " is_active, is_superuser) VALUES (gen_random_uuid(), 1, now(), now(), 'bench', 'bench',"
        " true, true) RETURNING id"
    )
    await connection.execute(
        "INSERT INTO refresh_token (id, user_id, family_id, token_hash, created_at, expires_at)"
        " VALUES (gen_random_uuid(), $1, $1, md5(random()::text), now(), now() + interval '1 day')",
        root,
    )
    await connection.close()
    token = encode_access_token(user_id=root, session_id=root, key=TEST_SECRET, minutes=60)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://bench", headers={"Authorization": f"Bearer {token}"}
    ) as client:
        begin = time.perf_counter()
        response = await client.post(f"/api/v1/evaluation-cycles/{cycle}/finalize")
        elapsed = time.perf_counter() - begin
        assert response.status_code == 200, response.text
        assert response.json()["changed"] == evaluations
        verdict = "PASS" if elapsed < 10 else "FAIL"
        print(
            f"finalize {evaluations:,} evaluations over {rated:,} ratings: "
            f"{elapsed:.2f} s [{verdict}]"
        )
        begin = time.perf_counter()
        page = await client.get(f"/api/v1/evaluation-cycles/{cycle}/results")
        assert page.status_code == 200, page.text
        first = page.json()["items"][0]
        print(
            f"results, first page: {(time.perf_counter() - begin) * 1000:.0f} ms "
            f"(top total {first['total']}, grade {first['computed_grade']})"
        )
    await app.state.engine.dispose()


def rating_body(code: str) -> bytes:
    """A public rating of the seeded cycle's questionnaire (the built-in one: Q1 to Q3)."""
    answers = {"Q1": 5, "Q2": 4, "Q3": 4}
    return json.dumps(
        {"answers": answers, "rater_group": "resident", "invitation_code": code}
    ).encode()


async def seeded_cycle(url: str) -> uuid.UUID:
    """The evaluation cycle `grassroots seed --scale` made."""
    engine = make_engine(url)
    async with make_sessionmaker(engine)() as session:
        cycle = await session.scalar(select(EvaluationCycle.id))
    await engine.dispose()
    assert cycle is not None, "the seed made no evaluation cycle"
    return cycle


async def open_for_rating(url: str, factor: float) -> tuple[uuid.UUID, str, list[str]]:
    """The seeded cycle's evaluation left open to public rating, with fresh invitation codes
    for the rating write (enough for a run at full scale, fewer at a small one). Returns
    (cycle id, the evaluation's rating token, the codes)."""
    # The codes are hashed with the server's key (DATA_KEY of the server's environment).
    use_data_key(settings_for_tests(url).personal_data_key)
    count = max(3000, round(15_000 * min(1.0, factor * 10)))
    codes = [ratings.new_code() for _ in range(count)]
    engine = make_engine(url)
    async with make_sessionmaker(engine)() as session:
        cycle_id, evaluation_id, token = (
            await session.execute(
                select(Evaluation.cycle_id, Evaluation.id, Evaluation.public_token).where(
                    Evaluation.state == EvaluationState.PUBLIC_RATING
                )
            )
        ).one()
        now = utcnow()
        await session.execute(
            insert(EvaluationInvitation),
            [
                {
                    "id": uuid.uuid4(),
                    "evaluation_id": evaluation_id,
                    "code_hash": ratings.invitation_hash(code),
                    "created_at": now,
                }
                for code in codes
            ],
        )
        await session.commit()
    await engine.dispose()
    return cycle_id, token, codes


async def ready_to_finalize(url: str, cycle_id: uuid.UUID) -> tuple[int, int]:
    """Put every evaluation of the cycle back in organizational review (the open one, rated by
    the rating scenario, too), as if the review had just closed; returns (evaluations, ratings)."""
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


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
