"""The demo county a new user sees: a living tree, people with leaders, a year of service, and
accounts that show real figures at once."""

import re
import uuid
from collections import Counter
from datetime import datetime, timedelta

import httpx
import shapely
from fastapi import FastAPI
from shapely.geometry import shape
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.core.audit import AuditEvent
from grassroots.core.localtime import local_today
from grassroots.demo import COUNTY_CODE, DEMO_ACCOUNTS, SECTIONS, seed_demo, seed_demo_accounts
from grassroots.demo.organizations import seed_organizations
from grassroots.grids.enums import TeamRole, UnitCoverage, UnitKind
from grassroots.grids.geometry import Boundary, measure
from grassroots.grids.models import Grid, GridTeam, GridTeamPerson
from grassroots.grids.service import current_marker
from grassroots.members.enums import Position
from grassroots.members.identity import birth_date_of, normalize_id_number
from grassroots.members.models import Member, MemberPosition, MemberTransfer
from grassroots.models import Base
from grassroots.organizations.enums import Domain, Tier
from grassroots.organizations.models import Organization
from grassroots.users.models import User
from grassroots.volunteering.enums import PledgeStatus, RecordStatus
from grassroots.volunteering.evidence import sniff
from grassroots.volunteering.models import (
    ActivitySignup,
    Evidence,
    VolunteerActivity,
    VolunteerRecord,
)
from tests.builders import TEST_UPLOADS, bearer, open_session
from tests.volunteering.test_records import _assert_tallies_match_recount

API = "/api/v1"


async def _seed(session: AsyncSession) -> tuple[dict[str, int], dict[str, str]]:
    accounts: list[tuple[str, str]] = []
    created = await seed_demo(session, upload_dir=TEST_UPLOADS, accounts=accounts)
    passwords = dict(accounts + await seed_demo_accounts(session))
    await session.commit()
    return created, passwords


async def _row_counts(session: AsyncSession) -> dict[str, int]:
    counts = {}
    for table in Base.metadata.sorted_tables:
        counts[table.name] = await session.scalar(select(func.count()).select_from(table))
    return counts


async def test_the_demo_county_is_a_living_tree_and_seeding_twice_adds_nothing(
    session: AsyncSession,
):
    created, passwords = await _seed(session)
    before = await _row_counts(session)
    marker = await current_marker(session)
    assert marker is not None  # the grids' boundaries were written
    assert await seed_demo(session, upload_dir=TEST_UPLOADS) == {"organizations": 0}
    assert await seed_demo_accounts(session) == []
    await session.commit()
    assert await _row_counts(session) == before
    assert await current_marker(session) == marker
    assert set(passwords) == {username for username, *_ in DEMO_ACCOUNTS}
    assert len(SECTIONS) >= 3

    organizations = list(await session.scalars(select(Organization)))
    assert len(organizations) == created["organizations"]
    tiers = Counter(o.tier for o in organizations)
    assert tiers[Tier.COUNTY] == 1
    assert 9 <= tiers[Tier.TOWNSHIP] + tiers[Tier.STREET] <= 12
    assert 70 <= tiers[Tier.VILLAGE] + tiers[Tier.COMMUNITY] <= 90
    assert len({o.domain for o in organizations}) == len(Domain)
    assert any(o.flags for o in organizations if o.tier is Tier.VILLAGE)
    county = next(o for o in organizations if o.code == COUNTY_CODE)
    assert all(o.path.startswith(county.path) for o in organizations)
    assert all(o.name.startswith("中共") or "党" in o.name for o in organizations)

    members = list(await session.scalars(select(Member)))
    assert created["members"] == len(members) > 2000
    assert {m.organization_id for m in members} == {o.id for o in organizations}
    # Identity numbers pass GB 11643 and hold the birth date; phones are mobile numbers.
    assert all(normalize_id_number(m.id_number) == m.id_number for m in members if m.id_number)
    assert all(birth_date_of(m.id_number) == m.birth_date for m in members if m.id_number)
    assert all(int(m.id_number[16]) % 2 == (m.gender.value == "male") for m in members)
    assert len({m.id_number for m in members}) == len(members)
    phones = [m.phone for m in members if m.phone]
    assert len(phones) > 0.9 * len(members) and len(set(phones)) == len(phones)
    assert all(re.fullmatch(r"1[3-9]\d{9}", phone) for phone in phones)
    assert all(m.joined_on and m.birth_date and m.joined_on > m.birth_date for m in members)
    assert 0 < sum(m.status.value == "probationary" for m in members) < 0.1 * len(members)
    assert sum(m.is_migrant for m in members) > 20
    registered = [m for m in members if m.residence_organization_id is not None]
    communities = {o.id for o in organizations if o.tier is Tier.COMMUNITY}
    assert len(registered) > 100 and all(m.is_in_service for m in registered)
    assert {m.residence_organization_id for m in registered} <= communities

    transfers = list(await session.scalars(select(MemberTransfer)))
    moved = Counter(t.member_id for t in transfers)
    assert len(moved) >= 10 and max(moved.values()) == 2
    by_id = {m.id: m for m in members}
    latest = {}
    for transfer in sorted(transfers, key=lambda t: t.transferred_on):
        latest[transfer.member_id] = transfer.to_organization_id
    assert all(by_id[member_id].organization_id == org for member_id, org in latest.items())

    activities = list(await session.scalars(select(VolunteerActivity)))
    signups = Counter(s.activity_id for s in await session.scalars(select(ActivitySignup)))
    assert all(a.signed_up == signups[a.id] for a in activities)
    assert all(a.capacity is None or a.signed_up <= a.capacity for a in activities)
    today = local_today()
    past = [a for a in activities if a.starts_at.date() <= today]
    assert len(past) > 100 and len(activities) - len(past) > 20
    came = Counter(
        r.activity_id
        for r in await session.scalars(
            select(VolunteerRecord).where(VolunteerRecord.activity_id.is_not(None))
        )
    )
    assert all(came[a.id] == a.signed_up for a in past if a.starts_at.date() < today)
    photos = list(await session.scalars(select(Evidence)))
    assert photos and all((TEST_UPLOADS / "evidence" / p.stored_name).exists() for p in photos)
    assert all(
        sniff((TEST_UPLOADS / "evidence" / p.stored_name).read_bytes()) == "image/png"
        for p in photos[:20]
    )
    # Each record counts its photos, as lists show them without counting per row.
    per_record = Counter(p.record_id for p in photos)
    counted = dict(
        (
            await session.execute(
                select(VolunteerRecord.id, VolunteerRecord.photo_count).where(
                    VolunteerRecord.photo_count > 0
                )
            )
        ).all()
    )
    assert counted == per_record

    # The seed is written to the audit trail once per section, not once per row.
    seeded = await session.scalar(
        select(func.count()).where(AuditEvent.action == "seed").select_from(AuditEvent)
    )
    assert seeded == len(SECTIONS)


async def test_every_account_sees_leaders_and_a_year_of_service(
    app: FastAPI, session: AsyncSession
):
    created, _ = await _seed(session)
    admin = await _user(session, "demo-admin")
    county = await session.scalar(select(Organization).where(Organization.code == COUNTY_CODE))
    assert county is not None
    async with _client(app, admin) as client:
        stats = (await client.get(f"{API}/organizations/{county.id}/stats")).json()
    assert stats["secretaries_in_place"] + stats["secretary_vacancies"] == stats["total"]
    assert 2 <= stats["secretary_vacancies"] <= 8
    sent_to = list(
        await session.scalars(
            select(Organization).where(
                Organization.tier == Tier.VILLAGE,
                Organization.flag_weak_and_lax | Organization.flag_poverty_village,
            )
        )
    )
    assert sent_to and stats["first_secretaries"] >= len(sent_to)
    first = list(
        await session.scalars(
            select(MemberPosition).where(MemberPosition.position == Position.FIRST_SECRETARY)
        )
    )
    assert {p.organization_id for p in first} >= {o.id for o in sent_to}
    assert all(p.dispatched_by for p in first)
    positions = Counter(p.position for p in await session.scalars(select(MemberPosition)))
    assert positions[Position.DEPUTY_SECRETARY] > 20 and positions[Position.COMMITTEE_MEMBER] > 100
    ended = await session.scalar(
        select(func.count()).where(
            MemberPosition.position == Position.SECRETARY, MemberPosition.ended_on.is_not(None)
        )
    )
    assert ended == stats["secretary_vacancies"]  # each vacancy was left by a secretary

    today = local_today()
    year_ago = today - timedelta(days=365)
    records = list(await session.scalars(select(VolunteerRecord)))
    assert created["volunteer records"] == len(records) > 5000
    assert (
        min(r.served_on for r in records) >= year_ago and max(r.served_on for r in records) <= today
    )
    statuses = Counter(r.status for r in records)
    assert statuses[RecordStatus.VERIFIED] > 0.8 * len(records)
    assert 0 < statuses[RecordStatus.REJECTED] < statuses[RecordStatus.PENDING]
    assert all(r.reject_reason for r in records if r.status is RecordStatus.REJECTED)
    assert all(r.decided_at is None for r in records if r.status is RecordStatus.PENDING)
    await _assert_tallies_match_recount(session)

    reviewer = await _user(session, "demo-reviewer")
    async with _client(app, reviewer) as client:
        span = {"from": year_ago.isoformat(), "to": today.isoformat()}
        by_month = (await client.get(f"{API}/volunteer-stats", params=span)).json()
        assert by_month["total_hours"] > 10_000
        assert len(by_month["groups"]) >= 12 and all(g["hours"] > 0 for g in by_month["groups"])
        by_member = (
            await client.get(f"{API}/volunteer-stats", params={**span, "group_by": "member"})
        ).json()
        assert by_member["top_volunteers"][0]["hours"] > 20
        assert 0 < by_member["members_without_hours_count"] < 0.4 * created["members"]
        for status in PledgeStatus:
            pledges = await client.get(f"{API}/pledges", params={"status": status.value})
            assert pledges.json()["items"], status

    member = await _user(session, "demo-member")
    async with _client(app, member) as client:
        me = (await client.get(f"{API}/me")).json()
        assert me["member_id"] is not None
        mine = (
            await client.get(
                f"{API}/volunteer-records",
                params={"member_id": me["member_id"], "order": "newest", "limit": 200},
            )
        ).json()["items"]
        assert len(mine) >= 15
        assert {r["status"] for r in mine} == {"verified", "pending", "rejected"}
        assert [r["status"] for r in mine[:2]] == ["pending", "pending"]
        with_photos = [
            photos
            for r in mine
            if (photos := (await client.get(f"{API}/volunteer-records/{r['id']}/photos")).json())[
                "items"
            ]
        ]
        assert with_photos
        photo = with_photos[0]["items"][0]
        image = await client.get(
            f"{API}/volunteer-records/{photo['record_id']}/photos/{photo['id']}"
        )
        assert image.status_code == 200 and sniff(image.content) == photo["content_type"]
        assert len(image.content) == photo["size"]
        pledges = (await client.get(f"{API}/pledges", params={"member_id": me["member_id"]})).json()
        assert {p["status"] for p in pledges["items"]} == {"fulfilled", "in_progress"}
        upcoming = (
            await client.get(
                f"{API}/volunteer-activities",
                params={"starts_from": datetime.now().astimezone().isoformat(), "limit": 200},
            )
        ).json()["items"]
        assert any(a["signed_up_by_me"] for a in upcoming)
        assert any(
            not a["signed_up_by_me"] and a["capacity"] and a["signed_up"] < a["capacity"]
            for a in upcoming
        )

    staff = await _user(session, "demo-staff")
    async with _client(app, staff) as client:
        queue = (
            await client.get(f"{API}/volunteer-records", params={"status": "pending", "limit": 200})
        ).json()["items"]
        assert len(queue) >= 20
        verified = await client.post(f"{API}/volunteer-records/{queue[0]['id']}/verify")
        assert verified.status_code == 200, verified.text
    await _assert_tallies_match_recount(session)
    await _assert_demo_evaluations(app, session, created)


async def _assert_demo_evaluations(app: FastAPI, session: AsyncSession, created: dict) -> None:
    """Last year's assessment and duty review are finished with confirmed grades; this year's
    is in its public rating, open to residents; the demo reviewer is assigned to all three."""
    assert created["evaluation cycles"] == 3 and created["public ratings"] > 2000
    resident = await session.scalar(
        select(func.count()).where(Organization.tier.in_([Tier.VILLAGE, Tier.COMMUNITY]))
    )
    year = local_today().year
    admin = await _user(session, "demo-admin")
    async with _client(app, admin) as client:
        cycles = {c["name"]: c for c in await _all(client, "evaluation-cycles")}
        finished = cycles[f"{year - 1}年度基层党组织分类考核"]
        rows = await _all(client, f"evaluation-cycles/{finished['id']}/results")
        assert len(rows) == resident
        assert all(r["grade"] and r["total"] is not None and r["rating_count"] >= 16 for r in rows)
        assert len({r["grade"] for r in rows}) >= 2 and {r["rank"] for r in rows} >= {1}
        duty = cycles[f"{year - 1}年度社区党组织书记述职评议"]
        secretaries = await _all(client, f"evaluation-cycles/{duty['id']}/results")
        assert secretaries and all(r["member_id"] and r["grade"] for r in secretaries)
        running = cycles[f"{year}年度基层党组织分类考核"]
        now = await _all(client, "evaluations", cycle_id=running["id"])
        assert len(now) == resident and {e["state"] for e in now} == {"public_rating"}
        link = now[0]["rating_link"]
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as public:
        page = await public.get(f"{API}/public/ratings/{link.rsplit('/', 1)[1]}")
        assert page.status_code == 200 and page.json()["open"] is True
    reviewer = await _user(session, "demo-reviewer")
    async with _client(app, reviewer) as client:
        assigned = await _all(client, "evaluations", cycle_id=running["id"])
        assert len(assigned) == resident and all(e["reviewing"] for e in assigned)


async def test_the_county_has_grids_on_the_map_teams_and_units_with_a_few_gaps(
    app: FastAPI, session: AsyncSession
):
    created, _ = await _seed(session)
    assert created["grids"] > 150 and created["grid teams"] > 150 and 20 <= created["units"] <= 30
    organizations = {o.id: o for o in await session.scalars(select(Organization))}
    county = next(o for o in organizations.values() if o.code == COUNTY_CODE)
    resident = [o for o in organizations.values() if o.tier in (Tier.VILLAGE, Tier.COMMUNITY)]
    for o in resident:
        low, high = (200, 900) if o.tier is Tier.VILLAGE else (1_500, 6_000)
        assert o.households is not None and low <= o.households <= high, o.name
        assert o.population is not None and 2.3 < o.population / o.households < 3.5

    admin = await _user(session, "demo-admin")
    async with _client(app, admin) as client:
        response = await client.get(f"{API}/grid-coverage", params={"within": str(county.id)})
        assert response.status_code == 200, response.text
        coverage = response.json()
        grids = await _all(client, "grids", within=str(county.id))
        teams = await _all(client, "grid-teams", within=str(county.id))
        for grid in grids:
            located = await client.get(
                f"{API}/grids/locate",
                params={"lng": grid["centroid"][0], "lat": grid["centroid"][1]},
            )
            assert located.status_code == 200 and located.json()["id"] == grid["id"], grid["name"]

    # Every figure of the coverage page is real, with a handful of gaps of every kind the
    # rules allow (an active team always has its grid leader).
    assert coverage["grids"] == len(grids) == created["grids"]
    assert coverage["teams"] == len(teams) == created["grid teams"]
    assert 0 < coverage["grids_without_active_team"]["count"] <= 10
    assert coverage["active_teams_without_leader"]["count"] == 0
    assert 0 < coverage["active_teams_without_party_members"]["count"] <= 6
    assert 0 < coverage["organizations_without_grid"]["count"] <= 6
    assert {o["tier"] for o in coverage["organizations_without_grid"]["items"]} == {"village"}
    assert 0 < coverage["active_teams"] < coverage["teams"]
    assert coverage["grid_organizations"] == len(resident)
    for tally in ("households", "population"):
        counted, declared = coverage[tally]["in_grids"], coverage[tally]["declared"]
        assert 0.8 * declared < counted <= declared
    units = coverage["units"]
    assert units["total"] == created["units"]
    assert all(units["by_coverage"][c.value] > 0 for c in UnitCoverage)
    assert units["uncovered"]["count"] == units["by_coverage"]["none"]

    # Boundaries: valid, measured, tiling their community's block without overlaps.
    assert all(g["bbox"] and g["area_m2"] and g["area_m2"] > 10_000 for g in grids)
    assert all(measure(Boundary.model_validate(g["boundary"])).bbox for g in grids)
    kinds = Counter(g["boundary"]["type"] for g in grids)
    assert kinds["MultiPolygon"] == 1
    assert any(
        len(g["boundary"]["coordinates"]) > 1 for g in grids if g["boundary"]["type"] == "Polygon"
    )
    shapes = {g["id"]: shape(g["boundary"]) for g in grids}
    union = shapely.union_all(list(shapes.values()))
    assert abs(union.area - sum(s.area for s in shapes.values())) < 1e-9
    assert 119 < union.centroid.x < 121 and 29 < union.centroid.y < 31
    by_organization: dict[object, list[str]] = {}
    for g in grids:
        by_organization.setdefault(g["organization_id"], []).append(g["id"])
    for ids in by_organization.values():
        assert 2 <= len(ids) <= 4
        for one in ids:
            # Each grid shares a stretch of border with a neighbour of its organization.
            assert any(
                shapes[one].intersection(shapes[other]).length > 0.001
                for other in ids
                if other != one
            )
    communities = [o for o in resident if o.tier is Tier.COMMUNITY]
    assert all(
        g["buildings"]
        for g in grids
        if organizations[_uuid(g["organization_id"])].tier is Tier.COMMUNITY
    )
    assert len(communities) and all(
        g["households"] > 0 and g["population"] > g["households"] for g in grids
    )

    # Teams: one grid leader from the grid's organization, its members, in-service members
    # registered there, and residents with a phone kept encrypted.
    stored = list(await session.scalars(select(GridTeam)))
    people = list(await session.scalars(select(GridTeamPerson)))
    members = {m.id: m for m in await session.scalars(select(Member))}
    leaders = Counter(p.team_id for p in people if p.role is TeamRole.GRID_LEADER)
    assert all(leaders[t.id] == 1 for t in stored if t.active)
    assert any(not t.active for t in stored)
    for person in people:
        if person.member_id is None:
            assert person.name and re.fullmatch(r"1[3-9]\d{9}", person.phone or "")
            continue
        member = members[person.member_id]
        assert member.organization_id == person.organization_id or (
            member.is_in_service and member.residence_organization_id == person.organization_id
        )
    registered = [
        p
        for p in people
        if p.member_id and members[p.member_id].organization_id != p.organization_id
    ]
    assert len(registered) > 20
    officers = {
        (p.member_id, p.organization_id)
        for p in await session.scalars(
            select(MemberPosition).where(MemberPosition.ended_on.is_(None))
        )
    }
    led_by_officers = [
        p
        for p in people
        if p.role is TeamRole.GRID_LEADER and (p.member_id, p.organization_id) in officers
    ]
    assert len(led_by_officers) > 0.6 * len(leaders)
    raw = (
        (await session.execute(text("SELECT phone FROM grid_team_person WHERE phone IS NOT NULL")))
        .scalars()
        .all()
    )
    plain = {p.phone for p in people if p.phone}
    assert raw and not plain & set(raw)
    shown = [p for t in teams for p in t["people"] if not p["is_party_member"]]
    assert shown and all(re.fullmatch(r"1\d\d\*{4}\d{4}", p["phone"]) for p in shown)

    # Units: every kind, each in a grid of its register or located in the development zone,
    # covered by their own branch or jointly, or not yet.
    async with _client(app, admin) as client:
        register = await _all(client, "units", within=str(county.id))
    assert {u["kind"] for u in register} == {k.value for k in UnitKind}
    assert all(u["latitude"] and u["longitude"] for u in register)
    in_grids = [u for u in register if u["grid_id"]]
    assert len(in_grids) > 10
    for unit in in_grids:
        assert shapes[unit["grid_id"]].contains(shapely.Point(unit["longitude"], unit["latitude"]))
    own = [
        organizations[_uuid(u["covering_organization_id"])]
        for u in register
        if u["coverage"] == "own"
    ]
    assert {o.domain for o in own} == {Domain.NON_PUBLIC_ENTERPRISE, Domain.SOCIAL_ORGANIZATION}

    # The street's party-affairs worker sees the grids, and the gaps, of the street alone.
    street = next(o for o in organizations.values() if o.code == f"{COUNTY_CODE}001")
    in_street = {
        g.id
        for g in await session.scalars(select(Grid))
        if organizations[g.organization_id].path.startswith(street.path)
    }
    staff = await _user(session, "demo-staff")
    async with _client(app, staff) as client:
        seen = await _all(client, "grids")
        street_coverage = (await client.get(f"{API}/grid-coverage")).json()
        outside = next(g for g in grids if _uuid(g["id"]) not in in_street)
        located = await client.get(
            f"{API}/grids/locate",
            params={"lng": outside["centroid"][0], "lat": outside["centroid"][1]},
        )
    assert {_uuid(g["id"]) for g in seen} == in_street and len(in_street) >= 16
    assert street_coverage["grids"] == len(in_street)
    assert street_coverage["grids_without_active_team"]["count"] > 0
    assert street_coverage["active_teams_without_party_members"]["count"] > 0
    assert located.status_code == 404


async def _all(client: httpx.AsyncClient, path: str, **params: str) -> list[dict]:
    """Every item of a list endpoint, page by page."""
    items: list[dict] = []
    cursor = None
    while True:
        query = {**params, "limit": "200"} | ({"cursor": cursor} if cursor else {})
        response = await client.get(f"{API}/{path}", params=query)
        assert response.status_code == 200, response.text
        page = response.json()
        items += page["items"]
        if not (cursor := page.get("next_cursor")):
            return items


def _uuid(value: str) -> uuid.UUID:
    return uuid.UUID(value)


async def test_accounts_made_before_the_people_are_linked_once_they_come(session: AsyncSession):
    # A database seeded by the first demo (organizations and accounts, no members).
    await seed_organizations(session)
    passwords = dict(await seed_demo_accounts(session))
    await session.commit()
    assert (await _user(session, "demo-member")).member_id is None
    created, again = await _seed(session)
    assert created["organizations"] == 0 and created["members"] > 0
    assert again == {} and set(passwords) == {username for username, *_ in DEMO_ACCOUNTS}
    member = await _user(session, "demo-member")
    linked = await session.get(Member, member.member_id)
    assert linked is not None and linked.name == "周海燕"


async def _user(session: AsyncSession, username: str) -> User:
    """A demo account, with a session open for `bearer()` tokens."""
    user = await session.scalar(select(User).where(User.username == username))
    assert user is not None
    await open_session(session, user)
    return user


def _client(app: FastAPI, user: User) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    return httpx.AsyncClient(
        transport=transport, base_url="http://testserver", headers=bearer(user)
    )
