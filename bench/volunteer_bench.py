"""Benchmark of volunteer service at city scale, on PostgreSQL (`make bench`).

Seeds a scratch database with 10,000 organizations, 300,000 members and 3,000,000 verified
records (BENCH_SCALE=0.1 for a tenth), then measures through the real app:
  - the city-wide monthly rollup, GET /api/v1/volunteer-stats (target: p99 under 100 ms);
  - importing 100,000 verified records from a CSV (target: under 60 s).
"""

import asyncio
import csv
import io
import os
import statistics
import sys
import time
import uuid
from datetime import date, timedelta

import asyncpg
import httpx
from tests.builders import TEST_SECRET, settings_for_tests
from tests.databases import migrate

from bench.load import percentile
from grassroots.core.crypto import cipher
from grassroots.core.security import SYSTEM, encode_access_token
from grassroots.imports.service import import_records
from grassroots.jobs import service as jobs
from grassroots.jobs.models import Job
from grassroots.main import create_app
from grassroots.members.identity import check_digit

ADMIN_URL = os.environ.get("BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
SCALE = float(os.environ.get("BENCH_SCALE", "1"))
COUNTIES, TOWNSHIPS_PER_COUNTY, VILLAGES_PER_TOWNSHIP = 10, 20, 49
MEMBERS = int(300_000 * SCALE)
RECORDS = int(3_000_000 * SCALE)
IMPORTED = int(100_000 * SCALE)
KINDS = [
    "volunteer_service",
    "pairing_assistance",
    "demonstration_post",
    "responsibility_zone",
    "public_sentiment_talk",
    "full_agency_service",
    "one_stop_service",
    "cultural_activity",
    "other",
]

SEED = f"""
INSERT INTO organization (id, version, created_at, updated_at, name, code, parent_id, path,
  depth, kind, tier, domain, formation, flag_weak_and_lax, flag_poverty_village,
  flag_old_revolutionary_base, flag_ethnic_minority_area, flag_border_area, flag_poor_area)
SELECT id, 1, now(), now(), '市委', 'CITY', NULL, replace(id::text, '-', '') || '/', 0,
  'committee', 'city', 'government', 'standalone', false, false, false, false, false, false
FROM (SELECT gen_random_uuid() AS id) s;

INSERT INTO organization (id, version, created_at, updated_at, name, code, parent_id, path,
  depth, kind, tier, domain, formation, flag_weak_and_lax, flag_poverty_village,
  flag_old_revolutionary_base, flag_ethnic_minority_area, flag_border_area, flag_poor_area)
SELECT s.id, 1, now(), now(), '县委' || s.n, 'C' || s.n, p.id,
  p.path || replace(s.id::text, '-', '') || '/', 1, 'committee', 'county', 'government',
  'standalone', false, false, false, false, false, false
FROM (SELECT gen_random_uuid() AS id, n FROM generate_series(1, {COUNTIES}) n) s,
  organization p WHERE p.code = 'CITY';

INSERT INTO organization (id, version, created_at, updated_at, name, code, parent_id, path,
  depth, kind, tier, domain, formation, flag_weak_and_lax, flag_poverty_village,
  flag_old_revolutionary_base, flag_ethnic_minority_area, flag_border_area, flag_poor_area)
SELECT s.id, 1, now(), now(), '镇党委' || p.code || '-' || s.n, p.code || '-' || s.n, p.id,
  p.path || replace(s.id::text, '-', '') || '/', 2, 'committee', 'township', 'rural',
  'standalone', false, false, false, false, false, false
FROM organization p, LATERAL (
  SELECT gen_random_uuid() AS id, n FROM generate_series(1, {TOWNSHIPS_PER_COUNTY}) n) s
WHERE p.depth = 1;

INSERT INTO organization (id, version, created_at, updated_at, name, code, parent_id, path,
  depth, kind, tier, domain, formation, flag_weak_and_lax, flag_poverty_village,
  flag_old_revolutionary_base, flag_ethnic_minority_area, flag_border_area, flag_poor_area)
SELECT s.id, 1, now(), now(), '村党支部' || p.code || '-' || s.n, p.code || '-' || s.n, p.id,
  p.path || replace(s.id::text, '-', '') || '/', 3, 'branch', 'village', 'rural',
  'standalone', false, false, false, false, false, false
FROM organization p, LATERAL (
  SELECT gen_random_uuid() AS id, n FROM generate_series(1, {VILLAGES_PER_TOWNSHIP}) n) s
WHERE p.depth = 2;

CREATE TEMP TABLE village AS
SELECT row_number() OVER (ORDER BY code) - 1 AS i, id FROM organization WHERE depth = 3;

INSERT INTO member (id, version, created_at, updated_at, name, organization_id, status,
  is_migrant, is_in_service, residence_organization_id, is_elderly, is_in_hardship)
SELECT gen_random_uuid(), 1, now(), now(), '党员' || n, v.id, 'full', false, n % 10 = 0,
  CASE WHEN n % 10 = 0 THEN r.id END, false, false
FROM generate_series(0, {MEMBERS} - 1) n
JOIN village v ON v.i = n % (SELECT count(*) FROM village)
JOIN village r ON r.i = (n * 7 + 3) % (SELECT count(*) FROM village);

CREATE TEMP TABLE numbered AS
SELECT row_number() OVER (ORDER BY id) - 1 AS i, id, organization_id,
  COALESCE(CASE WHEN is_in_service THEN residence_organization_id END, organization_id)
    AS community_id
FROM member;

INSERT INTO volunteer_record (id, version, created_at, updated_at, member_id, organization_id,
  community_id, served_on, minutes, kind, beneficiaries, status)
SELECT gen_random_uuid(), 1, now(), now(), m.id, m.organization_id, m.community_id,
  date '2025-01-01' + (n * 37 % 365)::int, 30 + (n % 8)::int * 30,
  (ARRAY{KINDS!r})[(1 + n % 9)::int], (n % 5)::int, 'verified'
FROM generate_series(0::bigint, {RECORDS} - 1) n
JOIN numbered m ON m.i = (n * 7919) % {MEMBERS};

INSERT INTO volunteer_tally (organization_id, community_id, month, kind, minutes, records)
SELECT organization_id, community_id, date_trunc('month', served_on)::date, kind,
  sum(minutes), count(*) FROM volunteer_record GROUP BY 1, 2, 3, 4;

INSERT INTO member_tally (member_id, organization_id, community_id, month, minutes, records)
SELECT member_id, organization_id, community_id, date_trunc('month', served_on)::date,
  sum(minutes), count(*) FROM volunteer_record GROUP BY 1, 2, 3, 4;

INSERT INTO volunteer_rollup (organization_id, month, kind, minutes, records)
SELECT a.ancestor::uuid, t.month, t.kind, sum(t.minutes), sum(t.records)
FROM volunteer_tally t
JOIN organization h ON h.id = t.organization_id
JOIN organization c ON c.id = t.community_id
CROSS JOIN LATERAL (
  SELECT DISTINCT x FROM unnest(string_to_array(rtrim(h.path, '/'), '/')
                                || string_to_array(rtrim(c.path, '/'), '/')) AS x
) a(ancestor)
GROUP BY 1, 2, 3;
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
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


async def run(url: str) -> None:
    connection = await asyncpg.connect(url)
    started = time.perf_counter()
    await connection.execute(SEED)
    # Vacuum now, or autovacuum wakes up on the fresh tables in the middle of the measuring.
    await connection.execute("VACUUM ANALYZE")
    counts = await connection.fetchrow(
        "SELECT (SELECT count(*) FROM organization) o, (SELECT count(*) FROM member) m, "
        "(SELECT count(*) FROM volunteer_record) r, (SELECT count(*) FROM volunteer_rollup) u"
    )
    print(
        f"seeded {counts['o']:,} organizations, {counts['m']:,} members, {counts['r']:,} "
        f"verified records ({counts['u']:,} rollup rows) in {time.perf_counter() - started:.0f} s"
    )
    city = await connection.fetchval("SELECT id FROM organization WHERE code = 'CITY'")
    root = await connection.fetchval(
        "INSERT INTO user_account (id, version, created_at, updated_at, username, display_name,"
        " is_active, is_superuser) VALUES (gen_random_uuid(), 1, now(), now(), 'bench', 'bench',"
        " true, true) RETURNING id"
    )
    app = create_app(settings_for_tests(url, log_level="WARNING"))
    transport = httpx.ASGITransport(app=app)
    # A session for the token: an access token is refused once its session has ended.
    await connection.execute(
        "INSERT INTO refresh_token (id, user_id, family_id, token_hash, created_at, expires_at)"
        " VALUES ($1, $2, $1, md5(random()::text), now(), now() + interval '1 day')",
        root,
        root,
    )
    token = encode_access_token(user_id=root, session_id=root, key=TEST_SECRET, minutes=60)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://bench", headers={"Authorization": f"Bearer {token}"}
    ) as client:
        for group_by in ("month", "kind"):
            await measure_rollup(client, str(city), group_by)
    await measure_import(app, connection)
    await connection.close()
    await app.state.engine.dispose()


async def measure_rollup(client: httpx.AsyncClient, city: str, group_by: str) -> None:
    params = {"within": city, "from": "2025-01-01", "to": "2025-12-31", "group_by": group_by}
    for _ in range(100):
        assert (await client.get("/api/v1/volunteer-stats", params=params)).status_code == 200
    samples = []
    for _ in range(300):
        begin = time.perf_counter()
        response = await client.get("/api/v1/volunteer-stats", params=params)
        samples.append((time.perf_counter() - begin) * 1000)
        assert response.status_code == 200
    body = response.json()
    p99 = percentile(samples, 0.99)
    verdict = "PASS" if p99 < 100 else "FAIL"
    print(
        f"city-wide rollup by {group_by}: p50 {statistics.median(samples):.1f} ms, "
        f"p95 {percentile(samples, 0.95):.1f} ms, p99 {p99:.1f} ms "
        f"({body['total_records']:,} records, {body['total_hours']:,.0f} hours) [{verdict}]"
    )


async def measure_import(app: object, connection: asyncpg.Connection) -> None:
    rows = await connection.fetch(
        f"SELECT id FROM member WHERE NOT is_in_service ORDER BY id LIMIT {IMPORTED // 10}"
    )
    numbers = {}
    for index, row in enumerate(rows):
        born = date(1940, 1, 1) + timedelta(days=index)
        first = f"110105{born:%Y%m%d}{index % 1000:03d}"
        number = first + check_digit(first)
        numbers[row["id"]] = number
    await connection.executemany(
        "UPDATE member SET id_number = $2, id_number_hash = $3 WHERE id = $1",
        [
            (member_id, cipher().encrypt(n), cipher().lookup_hash(n))
            for member_id, n in numbers.items()
        ],
    )
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["公民身份号码", "服务日期", "服务时长（小时）", "服务类型", "服务对象人数"])
    identity_numbers = list(numbers.values())
    for index in range(IMPORTED):
        served = date(2026, 1 + index % 10, 1 + index // len(identity_numbers) % 28)
        writer.writerow(
            [
                identity_numbers[index % len(identity_numbers)],
                served.isoformat(),
                "0.5",
                "志愿服务",
                "1",
            ]
        )
    content = buffer.getvalue().encode("utf-8-sig")
    sessionmaker = app.state.sessionmaker  # type: ignore[attr-defined]
    async with sessionmaker() as session:
        job = await jobs.create_job(session, SYSTEM, kind="bench", dry_run=False)
        await session.commit()

    async def work(session: object, progress: jobs.Progress) -> jobs.Outcome:
        return await import_records(
            session,
            progress,
            SYSTEM,
            content=content,  # type: ignore[arg-type]
            dry_run=False,
            verify=True,
        )

    begin = time.perf_counter()
    await jobs.run(sessionmaker, job.id, SYSTEM, work)
    elapsed = time.perf_counter() - begin
    async with sessionmaker() as session:
        job = await session.get(Job, job.id)
    verdict = "PASS" if job.state == "succeeded" and elapsed < 60 else "FAIL"
    print(
        f"import of {IMPORTED:,} verified records: {elapsed:.1f} s, {job.state}: "
        f"{job.message} [{verdict}]"
    )


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
