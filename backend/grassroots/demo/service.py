"""A year of volunteer service in the demo county: activities (past ones with the records of
those who came, upcoming ones with sign-ups and places left), each member's own records (most
verified, recent ones pending, a few rejected with a reason), evidence photos, and pledges in
every state. Verified hours go into the tallies the rollups read, as a verify would."""

import asyncio
import hashlib
import random
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import exists, or_, select

from grassroots.core import audit
from grassroots.core.security import SYSTEM
from grassroots.demo.context import DemoContext, insert_rows, new_id
from grassroots.demo.people import DEMO_MEMBER_ORGANIZATION, demo_member_id
from grassroots.demo.photos import scene
from grassroots.demo.texts import (
    ACTIVITY_TITLES,
    FULFILMENT_NOTES,
    KIND_WEIGHTS,
    PLEDGES,
    RECORD_TEXTS,
    REJECT_REASONS,
)
from grassroots.members.models import Member, MemberTransfer
from grassroots.organizations.enums import Domain, Kind, Tier
from grassroots.organizations.models import Organization, within_subtree
from grassroots.volunteering.enums import PledgeStatus, RecordStatus, ServiceKind
from grassroots.volunteering.models import (
    ActivitySignup,
    Evidence,
    Pledge,
    VolunteerActivity,
    VolunteerRecord,
)
from grassroots.volunteering.tallies import count_records

YEAR = 365
# What the tallies count of a verified record (see `count_records`).
FACTS = ("member_id", "organization_id", "community_id", "served_on", "minutes", "kind")


@dataclass
class Person:
    """What the service plan needs of a member."""

    id: uuid.UUID
    organization_id: uuid.UUID
    residence_id: uuid.UUID | None
    registered_on: date | None
    is_in_service: bool
    joined_on: date
    is_migrant: bool
    is_elderly: bool
    moves: list[tuple[date, uuid.UUID]] = field(default_factory=list)  # (day, organization left)
    days: set[date] = field(default_factory=set)

    def organization_on(self, day: date) -> uuid.UUID:
        """The organization the member belonged to on a day, going back through transfers."""
        organization = self.organization_id
        for moved_on, left in sorted(self.moves, reverse=True):
            if day < moved_on:
                organization = left
        return organization

    def community_on(self, day: date) -> uuid.UUID:
        """Where the day's hours count besides: the community an in-service member registered
        at (as logging a record decides it), else their own organization."""
        organization = self.organization_on(day)
        registered = self.registered_on is None or day >= self.registered_on
        still_here = organization == self.organization_id
        if self.is_in_service and self.residence_id and registered and still_here:
            return self.residence_id
        return organization


@dataclass
class Service:
    """The rows planned so far."""

    activities: list[dict[str, Any]] = field(default_factory=list)
    signups: list[dict[str, Any]] = field(default_factory=list)
    records: list[dict[str, Any]] = field(default_factory=list)
    evidence: list[dict[str, Any]] = field(default_factory=list)
    photos: dict[str, bytes] = field(default_factory=dict)
    pledges: list[dict[str, Any]] = field(default_factory=list)


async def seed_service(context: DemoContext) -> dict[str, int]:
    """Add the county's year of service, unless it has records or activities already."""
    session = context.session
    in_county = within_subtree(Organization.path, context.county.path)
    already = await session.scalar(
        select(
            or_(
                exists().where(VolunteerRecord.organization_id == Organization.id, in_county),
                exists().where(VolunteerActivity.organization_id == Organization.id, in_county),
            )
        )
    )
    if already:
        return {}
    people = await _people(context)
    if not people:
        return {}
    service = plan_service(context, people, demo_member=await demo_member_id(context.session))
    for model, rows in (
        (VolunteerActivity, service.activities),
        (ActivitySignup, service.signups),
        (VolunteerRecord, service.records),
        (Evidence, service.evidence),
        (Pledge, service.pledges),
    ):
        await insert_rows(session, model, rows)
    verified = [r for r in service.records if r["status"] is RecordStatus.VERIFIED]
    await count_records(session, [{key: r[key] for key in FACTS} for r in verified])
    await asyncio.to_thread(_write_photos, context.upload_dir / "evidence", service.photos)
    audit.record(
        session,
        action="seed",
        entity_type="volunteer_record",
        organization=context.county,
        changes={"rows": len(service.records), "verified": len(verified)},
    )
    return {
        "activities": len(service.activities),
        "sign-ups": len(service.signups),
        "volunteer records": len(service.records),
        "evidence photos": len(service.evidence),
        "pledges": len(service.pledges),
    }


def _write_photos(directory: Path, photos: dict[str, bytes]) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for name, content in photos.items():
        (directory / name).write_bytes(content)


async def _people(context: DemoContext) -> list[Person]:
    """The county's members, in a stable order, with the transfers behind them."""
    rows = await context.session.execute(
        select(
            Member.id,
            Member.organization_id,
            Member.residence_organization_id,
            Member.registered_on,
            Member.is_in_service,
            Member.joined_on,
            Member.is_migrant,
            Member.is_elderly,
        )
        .join(Organization, Organization.id == Member.organization_id)
        .where(within_subtree(Organization.path, context.county.path))
        .order_by(Member.id)
    )
    today = context.today
    people = {
        row.id: Person(
            row.id,
            row.organization_id,
            row.residence_organization_id,
            row.registered_on,
            row.is_in_service,
            row.joined_on or today - timedelta(days=3 * YEAR),
            row.is_migrant,
            row.is_elderly,
        )
        for row in rows
    }
    moves = await context.session.execute(
        select(
            MemberTransfer.member_id,
            MemberTransfer.transferred_on,
            MemberTransfer.from_organization_id,
        ).where(MemberTransfer.member_id.in_(list(people)))
    )
    for member_id, moved_on, left in moves:
        if left is not None:
            people[member_id].moves.append((moved_on, left))
    return list(people.values())


def plan_service(
    context: DemoContext, people: list[Person], *, demo_member: uuid.UUID | None
) -> Service:
    """Every activity, record, photo and pledge of the county, the same for the same day."""
    service = Service()
    demo = next((person for person in people if person.id == demo_member), None)
    _activities(context, service, people, demo)
    rng = context.rng("records")
    for person in people:
        _own_records(context, service, rng, person, extra=12 if person is demo else 0)
    _decide(context, service, demo)
    _photos(context, service, demo)
    _pledges(context, service, people, demo)
    return service


def _kinds(organization: Organization) -> tuple[list[ServiceKind], list[int]]:
    key = (
        organization.domain.value
        if organization.domain in (Domain.RURAL, Domain.COMMUNITY)
        else "unit"
    )
    weights = KIND_WEIGHTS[key]
    return list(weights), list(weights.values())


def _activity_counts(organization: Organization, rng: random.Random) -> tuple[int, int]:
    """How many past and upcoming activities an organization runs."""
    if organization.code == DEMO_MEMBER_ORGANIZATION:
        return 10, 3
    if organization.tier is Tier.VILLAGE:
        return rng.randint(3, 6), rng.randint(0, 2)
    if organization.tier is Tier.COMMUNITY:
        return rng.randint(5, 9), rng.randint(1, 3)
    if organization.tier is Tier.UNIT:
        if organization.kind is Kind.COMMITTEE and organization.code.endswith(("-JG", "-LX")):
            return 1, 0
        return rng.randint(3, 6), rng.randint(0, 1)
    return rng.randint(2, 4), 1


def _activities(
    context: DemoContext, service: Service, people: list[Person], demo_member: Person | None
) -> None:
    by_path = defaultdict(list)
    for person in people:
        if person.is_migrant:
            continue
        paths = {context.by_id[person.organization_id].path}
        for _, left in person.moves:
            paths.add(context.by_id[left].path)
        if person.residence_id and person.is_in_service:
            paths.add(context.by_id[person.residence_id].path)
        for path in paths:
            by_path[path].append(person)
    for organization in context.organizations:
        rng = context.rng("activities", organization.code)
        pool = sorted(
            {p.id: p for o in context.subtree(organization) for p in by_path[o.path]}.values(),
            key=lambda p: p.id,
        )
        if not pool:
            continue
        past, upcoming = _activity_counts(organization, rng)
        for _ in range(past):
            day = context.days_ago(rng, 3, YEAR - 5)
            free = [p for p in pool if _belongs(context, p, organization, day)]
            came = rng.sample(free, min(len(free), rng.randint(6, 18)))
            mine = organization.code == DEMO_MEMBER_ORGANIZATION
            if mine and demo_member in free and demo_member not in came and came:
                came[0] = demo_member  # the demo member comes to every activity of her own
            capacity = None if rng.random() < 0.3 else len(came) + rng.randint(0, 8)
            _activity(context, service, rng, organization, day, came, capacity=capacity)
        for index in range(upcoming):
            day = context.today + timedelta(days=rng.randint(2, 24))
            capacity = rng.randint(15, 40)
            wanted = capacity if rng.random() < 0.15 else round(capacity * rng.uniform(0.3, 0.85))
            others = [p for p in pool if p is not demo_member]
            coming = rng.sample(others, min(len(others), wanted))
            joins = index == 0 and organization.tier in (Tier.COMMUNITY, Tier.STREET)
            if demo_member is not None and demo_member in pool and joins:
                coming = [demo_member, *coming[: capacity - 2]]  # one place left for others
            _activity(context, service, rng, organization, day, coming, capacity=capacity)


def _belongs(context: DemoContext, person: Person, organization: Organization, day: date) -> bool:
    """Whether the member could come to an organization's activity on a day."""
    if day < person.joined_on or day in person.days:
        return False
    for organization_id in {person.organization_on(day), person.community_on(day)}:
        if context.by_id[organization_id].path.startswith(organization.path):
            return True
    return False


def _activity(
    context: DemoContext,
    service: Service,
    rng: random.Random,
    organization: Organization,
    day: date,
    people: list[Person],
    *,
    capacity: int | None,
) -> None:
    kinds, weights = _kinds(organization)
    kind = rng.choices(kinds, weights)[0]
    place = organization.short_name or organization.name.removeprefix("中共")
    hour = 19.0 if kind is ServiceKind.CULTURAL_ACTIVITY else rng.choice([8.5, 9.0, 14.0, 14.5])
    hours = rng.choice([2, 2, 2.5, 3])
    activity_id = new_id(rng)
    title = rng.choice(ACTIVITY_TITLES[kind]).format(place=place)
    past = day <= context.today
    created = min(day - timedelta(days=rng.randint(5, 20)), context.today)
    service.activities.append(
        {
            "id": activity_id,
            "version": 1,
            "created_at": context.at(created, 9),
            "updated_at": context.at(created, 9),
            "organization_id": organization.id,
            "kind": kind,
            "title": title,
            "description": f"{title}。请参加的党员准时到场，活动结束后在“我的服务”中登记时长。",
            "place": organization.venue_address or f"{place}会议室",
            "starts_at": context.at(day, hour),
            "ends_at": context.at(day, hour + hours),
            "capacity": capacity,
            "signed_up": len(people),
        }
    )
    for person in people:
        signed = min(created + timedelta(days=rng.randint(0, 4)), context.today)
        service.signups.append(
            {
                "id": new_id(rng),
                "activity_id": activity_id,
                "member_id": person.id,
                "created_at": context.at(signed, 8 + rng.random() * 12),
            }
        )
        if past:
            _record(
                context,
                service,
                rng,
                person,
                day,
                kind,
                minutes=round(hours * 60),
                activity_id=activity_id,
                # Quotes inside quotes are single ones: 参加“‘红色代办’集中服务日”.
                description=f"参加“{title.replace('“', '‘').replace('”', '’')}”",
            )


def _own_records(
    context: DemoContext, service: Service, rng: random.Random, person: Person, *, extra: int
) -> None:
    """The member's own service through the year: some none, most a few, some a lot."""
    draw = rng.random()
    if person.is_migrant:
        count = 0 if draw < 0.8 else rng.randint(1, 3)
    elif draw < 0.2:
        count = 0
    elif draw < 0.65:
        count = rng.randint(1, 4)
    elif draw < 0.92:
        count = rng.randint(4, 9)
    else:
        count = rng.randint(10, 20)
    if person.is_elderly:
        count //= 2
    for _ in range(count + extra):
        day = context.days_ago(rng, 0, YEAR - 1)
        if day < person.joined_on or day in person.days:
            continue
        organization = context.by_id[person.organization_on(day)]
        kinds, weights = _kinds(organization)
        kind = rng.choices(kinds, weights)[0]
        minutes = rng.choice([60, 60, 90, 90, 120, 120, 150, 180, 240])
        _record(
            context,
            service,
            rng,
            person,
            day,
            kind,
            minutes=minutes,
            activity_id=None,
            description=rng.choice(RECORD_TEXTS[kind]),
        )


def _record(
    context: DemoContext,
    service: Service,
    rng: random.Random,
    person: Person,
    day: date,
    kind: ServiceKind,
    *,
    minutes: int,
    activity_id: uuid.UUID | None,
    description: str,
) -> None:
    person.days.add(day)  # one record a day: never near the 24-hour limit
    group = kind in (
        ServiceKind.VOLUNTEER_SERVICE,
        ServiceKind.CULTURAL_ACTIVITY,
        ServiceKind.PUBLIC_SENTIMENT_TALK,
    )
    logged = min(context.at(day, 18 + rng.random() * 4), context.now)
    service.records.append(
        {
            "id": new_id(rng),
            "version": 1,
            "created_at": logged,
            "updated_at": logged,
            "member_id": person.id,
            "activity_id": activity_id,
            "organization_id": person.organization_on(day),
            "community_id": person.community_on(day),
            "served_on": day,
            "minutes": minutes,
            "kind": kind,
            "beneficiaries": rng.randint(5, 40) if group else rng.randint(1, 4),
            "description": description,
            "status": RecordStatus.PENDING,
            "reject_reason": None,
            "photo_count": 0,
            "logged_by_id": SYSTEM.id,
            "decided_by_id": None,
            "decided_at": None,
        }
    )


def _decide(context: DemoContext, service: Service, demo_member: Person | None) -> None:
    """Older records were decided long ago (a few rejected); recent ones wait for staff."""
    rng = context.rng("decisions")
    for record in service.records:
        age = (context.today - record["served_on"]).days
        draw = rng.random()
        if age > 30:
            status = "verified" if draw < 0.95 else "rejected" if draw < 0.985 else "pending"
        elif age > 7:
            status = "verified" if draw < 0.62 else "rejected" if draw < 0.67 else "pending"
        else:
            status = "verified" if draw < 0.2 else "pending"
        _set_status(context, rng, record, RecordStatus(status))
    if demo_member is not None:
        own = sorted(
            (r for r in service.records if r["member_id"] == demo_member.id),
            key=lambda r: r["served_on"],
            reverse=True,
        )
        for index, record in enumerate(own):
            status = RecordStatus.VERIFIED
            if index < 2:
                status = RecordStatus.PENDING
            elif index == 5:
                status = RecordStatus.REJECTED
            _set_status(context, rng, record, status)


def _set_status(
    context: DemoContext, rng: random.Random, record: dict[str, Any], status: RecordStatus
) -> None:
    record["status"] = status
    record["reject_reason"] = (
        rng.choice(REJECT_REASONS) if status is RecordStatus.REJECTED else None
    )
    if status is RecordStatus.PENDING:
        record["decided_by_id"] = record["decided_at"] = None
        return
    decided = context.at(
        record["served_on"] + timedelta(days=rng.randint(1, 6)), 9 + rng.random() * 8
    )
    record["decided_by_id"] = SYSTEM.id
    record["decided_at"] = max(min(decided, context.now), record["created_at"])
    record["updated_at"] = record["decided_at"]


def _photos(context: DemoContext, service: Service, demo_member: Person | None) -> None:
    """Photos on some records of the last six weeks: most often on those still pending."""
    rng = context.rng("photos")
    chance = {RecordStatus.PENDING: 0.15, RecordStatus.REJECTED: 0.3, RecordStatus.VERIFIED: 0.02}
    own = sorted(
        (r for r in service.records if demo_member and r["member_id"] == demo_member.id),
        key=lambda r: r["served_on"],
        reverse=True,
    )
    shown = {r["id"] for r in own[:3]}  # the demo member's three latest, pending or not
    for record in service.records:
        if record["id"] not in shown and (
            (context.today - record["served_on"]).days > 42
            or rng.random() >= chance[record["status"]]
        ):
            continue
        count = rng.choice([1, 1, 2, 3])
        # The record counts its photos, as evidence.py keeps it when one is added.
        record["photo_count"] = count
        for _ in range(count):
            content = scene(rng)
            evidence_id = new_id(rng)
            name = f"{evidence_id.hex}.png"
            service.photos[name] = content
            service.evidence.append(
                {
                    "id": evidence_id,
                    "record_id": record["id"],
                    "organization_id": record["organization_id"],
                    "content_type": "image/png",
                    "size": len(content),
                    "sha256": hashlib.sha256(content).hexdigest(),
                    "stored_name": name,
                    "created_at": record["created_at"],
                }
            )


def _pledges(
    context: DemoContext, service: Service, people: list[Person], demo_member: Person | None
) -> None:
    """Last year's pledges reviewed (most fulfilled); this year's pledged or under way."""
    rng = context.rng("pledges")
    year = context.today.year
    for person in people:
        mine = person is demo_member
        if mine or rng.random() < 0.5:
            draw = rng.random()
            status = PledgeStatus.FULFILLED if mine or draw < 0.85 else PledgeStatus.NOT_FULFILLED
            made = date(year - 1, rng.randint(1, 3), rng.randint(1, 28))
            reviewed = context.at(date(year - 1, 12, rng.randint(10, 31)), 10)
            _pledge(service, rng, context, person, year - 1, made, status, reviewed)
        if mine or rng.random() < 0.6:
            draw = rng.random()
            if mine:
                status = PledgeStatus.IN_PROGRESS
            elif draw < 0.45:
                status = PledgeStatus.PLEDGED
            elif draw < 0.9:
                status = PledgeStatus.IN_PROGRESS
            elif draw < 0.97:
                status = PledgeStatus.FULFILLED
            else:
                status = PledgeStatus.NOT_FULFILLED
            made = min(date(year, rng.randint(1, 3), rng.randint(1, 28)), context.today)
            reviewed = context.at(made + timedelta(days=rng.randint(30, 200)), 15)
            reviewed = max(min(reviewed, context.now), context.at(made, 11))
            _pledge(service, rng, context, person, year, made, status, reviewed)


def _pledge(
    service: Service,
    rng: random.Random,
    context: DemoContext,
    person: Person,
    year: int,
    made: date,
    status: PledgeStatus,
    reviewed: datetime,
) -> None:
    decided = status in (PledgeStatus.FULFILLED, PledgeStatus.NOT_FULFILLED)
    notes = FULFILMENT_NOTES.get(status.value)
    created = context.at(made, 10)
    service.pledges.append(
        {
            "id": new_id(rng),
            "version": 1,
            "created_at": created,
            "updated_at": reviewed if decided else created,
            "member_id": person.id,
            "organization_id": person.organization_id,
            "year": year,
            "content": rng.choice(PLEDGES),
            "status": status,
            "fulfilment_note": rng.choice(notes) if notes else None,
            "reviewed_by_id": SYSTEM.id if decided else None,
            "reviewed_at": reviewed if decided else None,
        }
    )
