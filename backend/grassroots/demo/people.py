"""The members of the demo county: every organization with its members, a secretary in most
(a few vacancies), first secretaries in weak and poor villages, deputies and committee members,
in-service members registered at communities, migrants, and a few members transferred."""

import random
import re
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.core import audit
from grassroots.core.crypto import cipher
from grassroots.demo.context import DemoContext, insert_rows, new_id
from grassroots.demo.names import MIGRANT_PLACES, OTHER_REGIONS, id_number, mobile, person_name
from grassroots.demo.organizations import COUNTY_CODE
from grassroots.members.enums import Gender, MemberStatus, Position
from grassroots.members.identity import check_digit
from grassroots.members.models import Member, MemberPosition, MemberTransfer
from grassroots.organizations.enums import Domain, Kind, Tier
from grassroots.organizations.models import Organization, within_subtree

TWO_NEW_COMMITTEE = f"{COUNTY_CODE}-LX"
WORKING_COMMITTEES = {f"{COUNTY_CODE}-JG", TWO_NEW_COMMITTEE}
VACANCIES = 5
TRANSFERS = 14

# The member behind the `demo-member` account, in 城南社区.
DEMO_MEMBER_ORGANIZATION = f"{COUNTY_CODE}001201"
DEMO_MEMBER_ID_NUMBER = "33012719720318026" + check_digit("33012719720318026")
DEMO_MEMBER: dict[str, Any] = {
    "name": "周海燕",
    "gender": Gender.FEMALE,
    "birth_date": date(1972, 3, 18),
    "ethnicity": "汉族",
    "phone": "13857112468",
    "id_number": DEMO_MEMBER_ID_NUMBER,
    "joined_on": date(1998, 7, 1),
}

TRANSFER_REASONS = (
    "工作调动",
    "居住地变更，转入现居住地党组织",
    "考入县直单位工作",
    "外出务工返乡，转回本村",
    "随配偶迁居",
)


@dataclass
class People:
    """The rows planned so far, with what must stay unique among them."""

    members: list[dict[str, Any]] = field(default_factory=list)
    positions: list[dict[str, Any]] = field(default_factory=list)
    transfers: list[dict[str, Any]] = field(default_factory=list)
    id_numbers: set[str] = field(default_factory=set)
    phones: set[str] = field(default_factory=set)
    ids: random.Random = field(default_factory=lambda: random.Random("qingshan/positions"))


async def seed_people(context: DemoContext) -> dict[str, int]:
    """Add the county's members, positions and transfers, unless it has members already."""
    session = context.session
    already = await session.scalar(
        select(
            exists()
            .where(Member.organization_id == Organization.id)
            .where(within_subtree(Organization.path, context.county.path))
        )
    )
    if already:
        return {}
    people = plan_people(context)
    for model, rows in (
        (Member, people.members),
        (MemberPosition, people.positions),
        (MemberTransfer, people.transfers),
    ):
        await insert_rows(session, model, rows)
    audit.record(
        session,
        action="seed",
        entity_type="member",
        organization=context.county,
        changes={"rows": len(people.members)},
    )
    return {
        "members": len(people.members),
        "positions": len(people.positions),
        "transfers": len(people.transfers),
    }


async def demo_member_id(session: AsyncSession) -> uuid.UUID | None:
    """The member behind the demo-member account, when this section made them."""
    return await session.scalar(
        select(Member.id).where(
            Member.id_number_hash == cipher().lookup_hash(DEMO_MEMBER_ID_NUMBER)
        )
    )


def plan_people(context: DemoContext) -> People:
    """Every member row of the county, the same for the same seed day."""
    people = People()
    parents = {org.parent_id for org in context.organizations}
    vacancies = _vacancies(context)
    for organization in context.organizations:
        rng = context.rng("people", organization.code)
        members = [
            _member(context, people, rng, organization)
            for _ in range(_size(organization, organization.id in parents, rng))
        ]
        if organization.code == DEMO_MEMBER_ORGANIZATION:
            members.insert(0, _demo_member(context, people, organization))
        people.members += members
        _leadership(context, people, rng, organization, members, organization.id in vacancies)
    _transfers(context, people)
    return people


def _size(organization: Organization, has_children: bool, rng: random.Random) -> int:
    if organization.tier is Tier.VILLAGE:
        return rng.randint(22, 55)
    if organization.tier is Tier.COMMUNITY:
        return rng.randint(28, 70)
    if organization.tier is Tier.UNIT and not has_children:
        return {
            Kind.BRANCH: rng.randint(14, 34),
            Kind.GENERAL_BRANCH: rng.randint(35, 58),
            Kind.COMMITTEE: rng.randint(60, 100),
        }[organization.kind]
    return rng.randint(7, 9)  # a committee's own leadership team


def _profile(organization: Organization) -> str:
    if organization.tier in (Tier.VILLAGE, Tier.COMMUNITY):
        return organization.tier.value
    if organization.kind is Kind.COMMITTEE and organization.tier is not Tier.UNIT:
        return "leadership"
    return "unit"


# Age (low, mode, high) and the share of men, by the kind of organization.
AGES = {
    "village": (24, 62, 88, 0.78),
    "community": (26, 66, 90, 0.55),
    "unit": (23, 42, 59, 0.6),
    "leadership": (35, 48, 57, 0.8),
}


def workplace(organization: Organization) -> str:
    """Where the members of an organization's leadership or unit work, from its name."""
    name = organization.name.removeprefix("中共")
    place = re.sub(r"党(工)?委$", "", organization.short_name or "")
    if organization.tier is Tier.COUNTY:
        return "中共青山县委"
    if organization.tier is Tier.TOWNSHIP:
        return f"青山县{place}人民政府"
    if organization.tier is Tier.STREET:
        return f"青山县{place}办事处"
    if organization.code in WORKING_COMMITTEES:
        return organization.name
    return re.sub(r"(机关)?(联合党支部|党委|党总支|党支部)$", "", name)


def _member(
    context: DemoContext, people: People, rng: random.Random, organization: Organization
) -> dict[str, Any]:
    profile = _profile(organization)
    low, mode, high, men = AGES[profile]
    age = rng.triangular(low, high, mode)
    born = context.today - timedelta(days=int(age * 365.25) + rng.randrange(0, 365))
    gender = Gender.MALE if rng.random() < men else Gender.FEMALE
    region = "330127" if rng.random() < 0.88 else rng.choice(OTHER_REGIONS)
    in_service = profile in ("unit", "leadership")
    row = _row(
        context,
        people,
        rng,
        organization,
        name=person_name(rng, gender, born),
        gender=gender,
        birth_date=born,
        ethnicity="畲族"
        if organization.flag_ethnic_minority_area and rng.random() < 0.35
        else "汉族",
        region=region,
        joined_on=_joined(context, rng, born),
        is_in_service=in_service,
        work_unit=workplace(organization) if in_service else None,
    )
    if profile == "village" and 22 <= _age(context, row) <= 50 and rng.random() < 0.16:
        row["is_migrant"] = True
        row["current_location"] = rng.choice(MIGRANT_PLACES)
    if profile in ("village", "community"):
        hardship = (
            0.07 if organization.flag_poverty_village or organization.flag_poor_area else 0.025
        )
        row["is_in_hardship"] = rng.random() < hardship * (2 if row["is_elderly"] else 1)
    if in_service and context.communities and rng.random() < 0.75:
        # 双报到: in-service members register at the community where they live, mostly in town.
        towns = [c for c in context.communities if c.code.startswith(f"{COUNTY_CODE}001")]
        row["residence_organization_id"] = rng.choice(context.communities + towns).id
        row["registered_on"] = max(row["joined_on"], context.days_ago(rng, 30, 900))
    return row


def _joined(context: DemoContext, rng: random.Random, born: date) -> date:
    """Most joined in their twenties and long ago; a few are probationary, joined this year."""
    age = (context.today - born).days / 365.25
    if age < 45 and rng.random() < 0.04:
        return context.days_ago(rng, 20, 340)
    joined = born + timedelta(days=int(rng.triangular(19, min(age - 1.2, 55), 26) * 365.25))
    return min(joined, context.days_ago(rng, 400, 1500))


def _age(context: DemoContext, row: dict[str, Any]) -> float:
    born: date = row["birth_date"]
    return (context.today - born).days / 365.25


def _row(
    context: DemoContext,
    people: People,
    rng: random.Random,
    organization: Organization,
    *,
    region: str = "330127",
    **fields: Any,
) -> dict[str, Any]:
    """A member row with a unique identity number and phone, and the derived columns."""
    number = fields.pop("id_number", None)
    while number is None or number in people.id_numbers:
        number = id_number(rng, fields["birth_date"], fields["gender"], region)
    given_phone = fields.pop("phone", None)
    phone = given_phone
    while phone is None or phone in people.phones:
        phone = mobile(rng)
    people.id_numbers.add(number)
    people.phones.add(phone)
    joined: date = fields["joined_on"]
    probationary = (context.today - joined).days < 365
    # Members were entered when the county started using the product, or when they joined.
    entered = max(joined, context.today - timedelta(days=540))
    row: dict[str, Any] = {
        "id": new_id(rng),
        "version": 1,
        "created_at": context.at(entered, 10 + rng.random() * 7),
        "organization_id": organization.id,
        "status": MemberStatus.PROBATIONARY if probationary else MemberStatus.FULL,
        "phone": phone if given_phone or rng.random() < 0.96 else None,
        "id_number": number,
        "id_number_hash": cipher().lookup_hash(number),
        "is_migrant": False,
        "current_location": None,
        "is_in_service": False,
        "work_unit": None,
        "residence_organization_id": None,
        "registered_on": None,
        "is_in_hardship": False,
        **fields,
    }
    row["updated_at"] = row["created_at"]
    standing = (context.today - joined).days / 365.25
    row["is_elderly"] = _age(context, row) >= 75 or standing >= 50
    return row


def _demo_member(
    context: DemoContext, people: People, organization: Organization
) -> dict[str, Any]:
    rng = context.rng("demo-member")
    row = _row(context, people, rng, organization, **DEMO_MEMBER)
    _hold(people, row, Position.COMMITTEE_MEMBER, context.days_ago(rng, 900, 1100))
    return row


def _hold(
    people: People,
    member: dict[str, Any],
    position: Position,
    started_on: date,
    *,
    ended_on: date | None = None,
    dispatched_by: str | None = None,
    organization_id: uuid.UUID | None = None,
) -> None:
    people.positions.append(
        {
            "id": new_id(people.ids),
            "member_id": member["id"],
            "organization_id": organization_id or member["organization_id"],
            "position": position,
            "dispatched_by": dispatched_by,
            "started_on": max(started_on, member["joined_on"]),
            "ended_on": ended_on,
        }
    )


def _vacancies(context: DemoContext) -> set[uuid.UUID]:
    """A few organizations without a secretary, one of them weak and lax when there is one."""
    rng = context.rng("vacancies")
    grassroots = [
        org
        for org in context.organizations
        if org.tier in (Tier.VILLAGE, Tier.COMMUNITY, Tier.UNIT)
        and org.kind is not Kind.COMMITTEE
        and org.code != DEMO_MEMBER_ORGANIZATION
    ]
    weak = [org for org in grassroots if org.flag_weak_and_lax]
    chosen = rng.sample(weak, min(1, len(weak)))
    others = [org for org in grassroots if org not in chosen]
    chosen += rng.sample(others, min(VACANCIES - len(chosen), len(others)))
    return {org.id for org in chosen}


def _leadership(
    context: DemoContext,
    people: People,
    rng: random.Random,
    organization: Organization,
    members: list[dict[str, Any]],
    vacant: bool,
) -> None:
    """The secretary (or a vacancy left by one), deputies, committee members, a party-affairs
    worker, and a first secretary or instructor sent from outside where the policy sends one."""
    pool = [
        m
        for m in members
        if 28 <= _age(context, m) <= 62
        and not m["is_migrant"]
        and m["status"] is MemberStatus.FULL
        and m["id_number"] != DEMO_MEMBER_ID_NUMBER
    ]
    rng.shuffle(pool)
    secretary = pool.pop() if pool else None
    if secretary is not None and vacant:
        left = context.days_ago(rng, 40, 200)
        _hold(
            people,
            secretary,
            Position.SECRETARY,
            context.days_ago(rng, 1200, 2500),
            ended_on=left,
        )
    elif secretary is not None:
        _hold(people, secretary, Position.SECRETARY, context.days_ago(rng, 60, 2600))
    is_committee = organization.kind is not Kind.BRANCH
    if pool and (is_committee or len(members) > 40):
        _hold(people, pool.pop(), Position.DEPUTY_SECRETARY, context.days_ago(rng, 60, 2000))
    committee = {Kind.COMMITTEE: (4, 6), Kind.GENERAL_BRANCH: (3, 5), Kind.BRANCH: (2, 3)}
    for _ in range(rng.randint(*committee[organization.kind])):
        if pool:
            _hold(people, pool.pop(), Position.COMMITTEE_MEMBER, context.days_ago(rng, 60, 1800))
    if pool and (organization.tier is not Tier.VILLAGE and is_committee):
        _hold(people, pool.pop(), Position.PARTY_AFFAIRS_WORKER, context.days_ago(rng, 60, 1500))
    if organization.tier is Tier.COMMUNITY and pool:
        _hold(people, pool.pop(), Position.PARTY_AFFAIRS_WORKER, context.days_ago(rng, 60, 1500))
    if organization.tier in (Tier.VILLAGE, Tier.COMMUNITY) and (
        organization.flag_weak_and_lax or organization.flag_poverty_village
    ):
        _outsider(context, people, rng, organization, members, Position.FIRST_SECRETARY)
    two_new = organization.domain in (Domain.NON_PUBLIC_ENTERPRISE, Domain.SOCIAL_ORGANIZATION)
    if two_new and organization.tier is Tier.UNIT and organization.code not in WORKING_COMMITTEES:
        _outsider(context, people, rng, organization, members, Position.INSTRUCTOR)


def _outsider(
    context: DemoContext,
    people: People,
    rng: random.Random,
    organization: Organization,
    members: list[dict[str, Any]],
    position: Position,
) -> None:
    """A cadre sent by a county unit (第一书记, 党建指导员), their membership moved in with them."""
    if position is Position.FIRST_SECRETARY:
        senders = [
            org
            for org in context.organizations
            if org.tier is Tier.UNIT
            and org.domain
            in (Domain.GOVERNMENT, Domain.PUBLIC_INSTITUTION, Domain.STATE_OWNED_ENTERPRISE)
            and org.code not in WORKING_COMMITTEES
        ]
        unit = rng.choice(senders)
        sender, work_unit = unit.name, workplace(unit)
    else:
        sender, work_unit = context.by_code[TWO_NEW_COMMITTEE].name, "青山县委组织部"
    gender = Gender.MALE if rng.random() < 0.7 else Gender.FEMALE
    born = context.today - timedelta(days=rng.randint(29 * 365, 50 * 365))
    row = _row(
        context,
        people,
        rng,
        organization,
        name=person_name(rng, gender, born),
        gender=gender,
        birth_date=born,
        ethnicity="汉族",
        joined_on=born + timedelta(days=rng.randint(21 * 365, 27 * 365)),
        is_in_service=True,
        work_unit=work_unit,
    )
    row["joined_on"] = min(row["joined_on"], context.days_ago(rng, 800, 1500))
    row["status"] = MemberStatus.FULL
    members.append(row)
    people.members.append(row)
    _hold(people, row, position, context.days_ago(rng, 120, 700), dispatched_by=sender)


def _transfers(context: DemoContext, people: People) -> None:
    """Move a few village members elsewhere in the county, some of them twice, ending the
    positions they held where they left."""
    rng = context.rng("transfers")
    holders = {p["member_id"] for p in people.positions}
    villages = {org.id for org in context.organizations if org.tier is Tier.VILLAGE}
    candidates = [
        m
        for m in people.members
        if m["organization_id"] in villages
        and m["id"] not in holders
        and not m["is_migrant"]
        and 24 <= _age(context, m) <= 50
        and m["status"] is MemberStatus.FULL
    ]
    targets = [
        org
        for org in context.organizations
        if org.tier is Tier.COMMUNITY or (org.tier is Tier.UNIT and org.kind is not Kind.COMMITTEE)
    ]
    for index, member in enumerate(rng.sample(candidates, min(TRANSFERS, len(candidates)))):
        left = context.by_id[member["organization_id"]]
        target = rng.choice([org for org in targets if org.id != left.id])
        moved_on = context.days_ago(rng, 20, 330)
        if index % 4 == 0:
            # Moved once before, into the village it is leaving now.
            earlier = rng.choice([org for org in targets if org.id != target.id])
            earlier_on = max(moved_on - timedelta(days=rng.randint(200, 500)), member["joined_on"])
            _transfer(context, people, rng, member, earlier, left, earlier_on)
        elif index % 3 == 0:
            _hold(
                people,
                member,
                Position.COMMITTEE_MEMBER,
                moved_on - timedelta(days=rng.randint(400, 1200)),
                ended_on=moved_on,
            )
        _transfer(context, people, rng, member, left, target, moved_on)
        member["organization_id"] = target.id
        if target.tier is Tier.UNIT:
            member["is_in_service"] = True
            member["work_unit"] = workplace(target)


def _transfer(
    context: DemoContext,
    people: People,
    rng: random.Random,
    member: dict[str, Any],
    source: Organization,
    target: Organization,
    moved_on: date,
) -> None:
    people.transfers.append(
        {
            "id": new_id(rng),
            "member_id": member["id"],
            "from_organization_id": source.id,
            "to_organization_id": target.id,
            "transferred_on": moved_on,
            "reason": rng.choice(TRANSFER_REASONS),
            "created_at": context.at(moved_on, 9 + rng.random() * 8),
        }
    )
