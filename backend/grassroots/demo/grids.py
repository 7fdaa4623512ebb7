"""The demo county's grids: households and population declared by every village and community,
two to four grids under most of them (a few villages have none yet) with boundaries on the map,
a service team for most grids, and a register of enterprises, social organizations,
cooperatives, buildings and markets, most covered by a Party organization.

A few of everything is missing on purpose, as in a real county in its second year: grids
without a team, teams disbanded, teams without a Party member, units not covered; so the
coverage page has gaps of every kind to show."""

import math
import random
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, cast

from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry
from sqlalchemy import Table, bindparam, exists, select, update
from sqlalchemy.orm.attributes import set_committed_value

from grassroots.core import audit
from grassroots.core.db import utcnow
from grassroots.demo.context import DemoContext, insert_rows, new_id
from grassroots.demo.maps import BLOCK, Area, block_of, split, to_lnglat
from grassroots.demo.names import mobile, person_name
from grassroots.demo.organizations import COUNTY_CODE
from grassroots.grids import service as grid_service
from grassroots.grids.enums import TeamRole, UnitCoverage, UnitKind
from grassroots.grids.geometry import measure
from grassroots.grids.models import Grid, GridTeam, GridTeamPerson, Unit
from grassroots.grids.schemas import GridCreate, PersonIn, TeamCreate, UnitCreate
from grassroots.members.enums import Gender, Position
from grassroots.members.models import Member, MemberPosition
from grassroots.organizations.enums import Tier
from grassroots.organizations.models import Organization, within_subtree
from grassroots.volunteering.enums import ServiceKind

RESIDENT_TIERS = (Tier.VILLAGE, Tier.COMMUNITY)
VILLAGES_WITHOUT_GRIDS = 4
# How many grids get each kind of gap; one of each lies in 城关街道, demo-staff's street.
GAPS = (("no team", 5), ("disbanded team", 3), ("no party member", 4))
OLD_TEAMS = 3  # grids with a disbanded special team besides their active one
OFFICERS = (
    Position.SECRETARY,
    Position.DEPUTY_SECRETARY,
    Position.COMMITTEE_MEMBER,
    Position.PARTY_AFFAIRS_WORKER,
)
STREET = f"{COUNTY_CODE}001"
# Where each street lies (its lowest-left corner, metres east and north of the town centre):
# the three streets make up the town; townships lie around it, 11.5 km out.
STREET_CORNERS = {
    f"{COUNTY_CODE}001": (-1260.0, -1260.0),
    f"{COUNTY_CODE}002": (1560.0, -1000.0),
    f"{COUNTY_CODE}003": (-1900.0, -3200.0),
}
STREET_CELL = 420.0
TOWNSHIP_CELL = 850.0
TOWNSHIP_DISTANCE = 11_500.0
ZONE = (300.0, 4_800.0)  # 青山经济开发区, north of the town, not divided into grids
NUMERALS = "一二三四五六七八九十"

COMPOUND_WORDS = (
    "锦绣", "阳光", "幸福", "和平", "翠苑", "丽景", "书香", "金色", "桂花", "朝阳", "紫金",
    "嘉和", "香樟", "银杏", "绿洲", "怡景", "春江", "明珠", "学府", "和谐", "安居", "康乐",
    "玉兰", "秀水", "东方", "天和", "瑞丰", "清华", "柳岸", "星河", "泰和", "世纪",
)  # fmt: skip
COMPOUND_ENDINGS = ("花园", "小区", "家园", "苑", "新村", "名邸", "公寓", "里", "府", "佳苑")
SERVICE_KINDS = {
    Tier.VILLAGE: (
        ServiceKind.VOLUNTEER_SERVICE,
        ServiceKind.RESPONSIBILITY_ZONE,
        ServiceKind.PAIRING_ASSISTANCE,
        ServiceKind.PUBLIC_SENTIMENT_TALK,
        ServiceKind.FULL_AGENCY_SERVICE,
        ServiceKind.CULTURAL_ACTIVITY,
    ),
    Tier.COMMUNITY: (
        ServiceKind.VOLUNTEER_SERVICE,
        ServiceKind.RESPONSIBILITY_ZONE,
        ServiceKind.PUBLIC_SENTIMENT_TALK,
        ServiceKind.ONE_STOP_SERVICE,
        ServiceKind.CULTURAL_ACTIVITY,
        ServiceKind.PAIRING_ASSISTANCE,
    ),
}

K, C = UnitKind, UnitCoverage
# The units register: name, kind, size (employees or residents), code suffix of the register
# it is kept in, of the organization whose grids it lies in (None: the development zone),
# how it is covered and by which organization (code suffix).
UNITS: list[tuple[str, UnitKind, int, str, str | None, UnitCoverage, str | None]] = [
    ("人民路商业综合体", K.BUILDING, 620, "001206", "001206", C.JOINT, "001206"),
    ("锦绣国际大厦", K.BUILDING, 380, "001208", "001208", C.NONE, None),
    ("城南农贸市场", K.MARKET, 210, "001201", "001201", C.JOINT, "001201"),
    ("青山县律师协会", K.SOCIAL_ORGANIZATION, 86, "001", "001203", C.OWN, "-H01"),
    ("青山县个体劳动者协会", K.SOCIAL_ORGANIZATION, 24, "001", "001204", C.OWN, "-H02"),
    ("顺丰速运青山营业部", K.ENTERPRISE, 38, "001205", "001205", C.JOINT, "-F04"),
    ("中通快递青山分拨中心", K.ENTERPRISE, 52, "001207", "001207", C.JOINT, "-F04"),
    ("青山县好邻居家政服务有限公司", K.ENTERPRISE, 27, "001202", "001202", C.NONE, None),
    ("东湖商业街", K.MARKET, 340, "002201", "002201", C.JOINT, "002201"),
    ("青山县志愿者联合会", K.SOCIAL_ORGANIZATION, 15, "002206", "002206", C.OWN, "-H03"),
    ("东湖科创大厦", K.BUILDING, 460, "002202", "002202", C.NONE, None),
    ("阳光幸福养老服务中心", K.SOCIAL_ORGANIZATION, 32, "002207", "002207", C.NONE, None),
    ("凤凰汽车城", K.MARKET, 280, "003201", "003201", C.NONE, None),
    ("青山嘉园物业服务有限公司", K.ENTERPRISE, 64, "003204", "003204", C.JOINT, "003204"),
    ("青山华宇纺织有限公司", K.ENTERPRISE, 860, "-LX", None, C.OWN, "-F01"),
    ("浙青机械制造股份有限公司", K.ENTERPRISE, 1450, "-LX", None, C.OWN, "-F02"),
    ("青山新材料科技有限公司", K.ENTERPRISE, 120, "-LX", None, C.JOINT, "-F03"),
    ("青山精密模具有限公司", K.ENTERPRISE, 75, "-LX", None, C.JOINT, "-F03"),
    ("青山绿源食品有限公司", K.ENTERPRISE, 96, "-LX", None, C.JOINT, "-F03"),
    ("青山恒达包装材料有限公司", K.ENTERPRISE, 43, "-LX", None, C.NONE, None),
    ("青山云端电子商务产业园", K.BUILDING, 310, "-LX", None, C.NONE, None),
    ("青溪镇茶叶专业合作社", K.COOPERATIVE, 126, "004009", "004009", C.JOINT, "004009"),
    ("白沙镇杨梅专业合作社", K.COOPERATIVE, 88, "005008", "005008", C.JOINT, "005008"),
    ("龙潭竹制品专业合作社", K.COOPERATIVE, 45, "006007", "006007", C.NONE, None),
    ("梅岭红色旅游开发有限公司", K.ENTERPRISE, 36, "007", "007001", C.NONE, None),
    ("桃源畲乡民宿协会", K.SOCIAL_ORGANIZATION, 21, "009", "009003", C.NONE, None),
    ("白沙镇农贸市场", K.MARKET, 150, "005", "005001", C.JOINT, "005001"),
]


@dataclass
class Roster:
    """Who may serve on the teams of each village and community: its officers (secretary
    first), its other members, and in-service members registered there (双报到)."""

    officers: dict[uuid.UUID, list[uuid.UUID]] = field(default_factory=dict)
    members: dict[uuid.UUID, list[uuid.UUID]] = field(default_factory=dict)
    registered: dict[uuid.UUID, list[uuid.UUID]] = field(default_factory=dict)


@dataclass
class PlannedGrid:
    """A grid row and what the teams and units need to know of it."""

    row: dict[str, Any]
    organization: Organization
    geometry: BaseGeometry


@dataclass
class Plan:
    """The rows to write."""

    declared: list[dict[str, Any]] = field(default_factory=list)
    grids: list[PlannedGrid] = field(default_factory=list)
    teams: list[dict[str, Any]] = field(default_factory=list)
    people: list[dict[str, Any]] = field(default_factory=list)
    units: list[dict[str, Any]] = field(default_factory=list)


async def seed_grids(context: DemoContext) -> dict[str, int]:
    """Add the county's grids, teams and units, unless it has grids already."""
    session = context.session
    already = await session.scalar(
        select(
            exists()
            .where(Grid.organization_id == Organization.id)
            .where(within_subtree(Organization.path, context.county.path))
        )
    )
    if already:
        return {}
    plan = plan_grids(context, await _roster(context))
    await _declare(context, plan.declared)
    for model, rows in (
        (Grid, [grid.row for grid in plan.grids]),
        (GridTeam, plan.teams),
        (GridTeamPerson, plan.people),
        (Unit, plan.units),
    ):
        await insert_rows(session, model, rows)
    await grid_service.bump_marker(session)
    audit.record(
        session,
        action="seed",
        entity_type="grid",
        organization=context.county,
        changes={"rows": len(plan.grids), "teams": len(plan.teams), "units": len(plan.units)},
    )
    return {
        "declared totals": len(plan.declared),
        "grids": len(plan.grids),
        "grid teams": len(plan.teams),
        "team people": len(plan.people),
        "units": len(plan.units),
    }


async def _roster(context: DemoContext) -> Roster:
    """The members of the county who can serve on teams: not away as migrants, under 78."""
    in_county = within_subtree(Organization.path, context.county.path)
    oldest = context.today - timedelta(days=int(78 * 365.25))
    rows = await context.session.execute(
        select(
            Member.id,
            Member.organization_id,
            Member.residence_organization_id,
            Member.is_in_service,
            Member.birth_date,
        )
        .join(Organization, Organization.id == Member.organization_id)
        .where(in_county, Member.is_migrant.is_(False))
        .order_by(Member.id)
    )
    roster = Roster()
    able: set[uuid.UUID] = set()
    for member_id, organization_id, residence_id, in_service, born in rows:
        if born is not None and born < oldest:
            continue
        able.add(member_id)
        roster.members.setdefault(organization_id, []).append(member_id)
        if in_service and residence_id is not None and residence_id != organization_id:
            roster.registered.setdefault(residence_id, []).append(member_id)
    positions = await context.session.execute(
        select(MemberPosition.member_id, MemberPosition.organization_id, MemberPosition.position)
        .join(Member, Member.id == MemberPosition.member_id)
        .where(
            MemberPosition.ended_on.is_(None),
            MemberPosition.position.in_(OFFICERS),
            Member.organization_id == MemberPosition.organization_id,
        )
        .order_by(MemberPosition.member_id)
    )
    ranked = sorted(positions, key=lambda row: OFFICERS.index(row.position))
    for member_id, organization_id, _ in ranked:
        officers = roster.officers.setdefault(organization_id, [])
        if member_id in able and member_id not in officers:
            officers.append(member_id)
    return roster


def plan_grids(context: DemoContext, roster: Roster) -> Plan:
    """Every row of the section, the same for the same county and seed day."""
    plan = Plan()
    rng = context.rng("grids")
    resident = [org for org in context.organizations if org.tier in RESIDENT_TIERS]
    areas = sorted(
        (org for org in context.organizations if org.parent_id == context.county.id),
        key=lambda org: org.code,
    )
    townships = [org for org in areas if org.tier is Tier.TOWNSHIP]
    # Villages with units in the register, and the one with the farm, keep their grids.
    keep = {f"{COUNTY_CODE}{place}" for *_, place, _, _ in UNITS if place}
    keep.add(min(org.code for org in resident if org.parent_id == townships[0].id))
    villages = [org for org in resident if org.tier is Tier.VILLAGE and org.code not in keep]
    without = {org.id for org in rng.sample(villages, VILLAGES_WITHOUT_GRIDS)}
    compounds: set[str] = set()
    for area_org in areas:
        places = [org for org in resident if org.parent_id == area_org.id]
        if not places:
            continue
        area = _area(context, area_org, townships, len(places))
        per_row = area.columns // BLOCK
        for index, organization in enumerate(places):
            declared = _declared(context, plan, organization)
            if organization.id in without:
                continue
            place_rng = context.rng("grids", organization.code)
            count = place_rng.choice(
                (2, 3, 3, 4) if organization.tier is Tier.COMMUNITY else (2, 2, 3, 3, 4)
            )
            rectangles = split(block_of(index, per_row), count, place_rng)
            shares = _shares(place_rng, declared, count)
            # The first village of the first township lies on the township's edge: its first
            # grid there reaches over to a farm outside.
            exclave = (
                next((n for n, (_, r0, *_) in enumerate(rectangles, start=1) if r0 == 0), None)
                if index == 0 and area_org is townships[0]
                else None
            )
            for number, rectangle in enumerate(rectangles, start=1):
                plan.grids.append(
                    _grid(
                        context,
                        place_rng,
                        area,
                        organization,
                        number,
                        rectangle,
                        shares[number - 1],
                        compounds,
                        exclave=number == exclave,
                    )
                )
    _teams(context, plan, roster)
    _units(context, plan)
    return plan


def _area(
    context: DemoContext, area_org: Organization, townships: list[Organization], places: int
) -> Area:
    """The part of the map of a street (in town) or a township (around it)."""
    per_row = math.ceil(math.sqrt(places))
    columns, rows = per_row * BLOCK, math.ceil(places / per_row) * BLOCK
    rng = context.rng("map", area_org.code)
    if area_org.tier is Tier.STREET:
        corner = STREET_CORNERS.get(area_org.code, (0.0, -6_000.0))
        return Area(corner, STREET_CELL, columns, rows, bends=1, rng=rng)
    index = townships.index(area_org)
    angle = math.pi / 2 - index * 2 * math.pi / len(townships) + rng.uniform(-0.1, 0.1)
    distance = TOWNSHIP_DISTANCE + rng.uniform(-800, 1_500)
    centre = (distance * math.cos(angle), distance * math.sin(angle))
    corner = (centre[0] - columns * TOWNSHIP_CELL / 2, centre[1] - rows * TOWNSHIP_CELL / 2)
    return Area(corner, TOWNSHIP_CELL, columns, rows, bends=2, rng=rng)


def _declared(context: DemoContext, plan: Plan, organization: Organization) -> tuple[int, int]:
    """The households and population the organization declares, set now when it has none."""
    if organization.households is not None and organization.population is not None:
        return organization.households, organization.population
    rng = context.rng("declared", organization.code)
    if organization.tier is Tier.VILLAGE:
        households, people_per_household = rng.randint(200, 900), rng.uniform(2.6, 3.4)
    else:
        households, people_per_household = rng.randint(1_500, 6_000), rng.uniform(2.4, 3.0)
    if organization.households is not None:
        households = organization.households
    population = organization.population
    if population is None:
        population = round(households * people_per_household)
    plan.declared.append(
        {"b_id": organization.id, "b_households": households, "b_population": population}
    )
    return households, population


def _shares(rng: random.Random, declared: tuple[int, int], count: int) -> list[tuple[int, int]]:
    """Households and population of each grid: 90–100% of the declared totals, unevenly."""
    weights = [rng.uniform(0.7, 1.3) for _ in range(count)]
    counted = rng.uniform(0.9, 1.0)
    shares = []
    for total in declared:
        whole = int(total * counted)
        parts = [int(whole * w / sum(weights)) for w in weights]
        parts[-1] += whole - sum(parts)
        shares.append(parts)
    return list(zip(shares[0], shares[1], strict=True))


def _grid(
    context: DemoContext,
    rng: random.Random,
    area: Area,
    organization: Organization,
    number: int,
    rectangle: tuple[int, int, int, int],
    share: tuple[int, int],
    compounds: set[str],
    *,
    exclave: bool,
) -> PlannedGrid:
    """One grid of a village or community; 城南社区's first grid leaves out a school campus (a
    hole) and one grid of the first village also keeps a tea farm up the hill (MultiPolygon)."""
    c0, r0, *_ = rectangle
    shell = area.ring(rectangle)
    description = None
    boundary: dict[str, Any] = {"type": "Polygon", "coordinates": [shell]}
    if organization.tier is Tier.COMMUNITY:
        compound = _compound(rng, organization, compounds)
        name = f"{compound}网格"
        buildings = [f"{compound}{n}幢" for n in range(1, rng.randint(6, 24) + 1)]
        if organization.code == f"{STREET}201" and number == 1:
            campus = area.box((c0 + 0.2, c0 + 0.42), (r0 + 0.2, r0 + 0.42))
            boundary["coordinates"].append(campus)
            description = "不含城南小学校园"
    else:
        name = f"第{_numeral(number)}网格"
        buildings = []
        groups = [f"{_numeral(n)}组" for n in range(number * 3 - 2, number * 3 + 1)]
        description = f"含{'、'.join(groups)}村民小组"
        if exclave:
            farm = list(reversed(area.box((c0 + 0.25, c0 + 0.7), (-0.65, -0.3))))
            boundary = {"type": "MultiPolygon", "coordinates": [[shell], [farm]]}
            description += "，另含后山茶场（飞地）"
    data = GridCreate(
        organization_id=organization.id,
        code=f"{organization.code}{number:03d}",
        name=name,
        description=description,
        households=share[0],
        population=share[1],
        buildings=buildings,
        boundary=cast(Any, boundary),
    )
    assert data.boundary is not None
    measured = measure(data.boundary)
    created = context.at(context.days_ago(rng, 330, 520), 9 + rng.random() * 8)
    row = {
        "id": new_id(rng),
        "version": 1,
        "created_at": created,
        "updated_at": created,
        **data.model_dump(exclude={"boundary"}),
        "boundary": measured.geojson,
        "min_lng": measured.bbox[0],
        "min_lat": measured.bbox[1],
        "max_lng": measured.bbox[2],
        "max_lat": measured.bbox[3],
        "centroid_lng": measured.centroid[0],
        "centroid_lat": measured.centroid[1],
        "area_m2": round(measured.area_m2, 1),
    }
    return PlannedGrid(row, organization, measured.geometry)


def _numeral(number: int) -> str:
    """一 to 十九."""
    return NUMERALS[number - 1] if number <= 10 else "十" + NUMERALS[number - 11]


def _compound(rng: random.Random, organization: Organization, taken: set[str]) -> str:
    """The name of a residential compound, not yet used in the county."""
    place = (organization.short_name or "").removesuffix("社区")
    name = f"{place}新村"
    while name in taken:
        name = rng.choice(COMPOUND_WORDS) + rng.choice(COMPOUND_ENDINGS)
    taken.add(name)
    return name


def _teams(context: DemoContext, plan: Plan, roster: Roster) -> None:
    """A team for most grids, led by an officer of the grid's organization, with grid workers,
    its Party members, in-service members registered there and resident volunteers; and the
    gaps: grids without a team, teams disbanded, teams without a Party member."""
    rng = context.rng("teams")
    street_path = context.by_code[STREET].path
    gaps: dict[int, str] = {}
    for kind, count in GAPS:
        free = [i for i in range(len(plan.grids)) if i not in gaps]
        local = [i for i in free if plan.grids[i].organization.path.startswith(street_path)]
        picks = rng.sample(local, 1)
        picks += rng.sample([i for i in free if i not in picks], count - 1)
        gaps.update(dict.fromkeys(picks, kind))
    regular = [i for i in range(len(plan.grids)) if i not in gaps]
    old_teams = set(rng.sample(regular, OLD_TEAMS))
    pools: dict[uuid.UUID, tuple[list[uuid.UUID], list[uuid.UUID], list[uuid.UUID]]] = {}
    for index, grid in enumerate(plan.grids):
        organization = grid.organization
        if organization.id not in pools:
            shuffle = context.rng("teams", organization.code)
            members = [
                m
                for m in roster.members.get(organization.id, [])
                if m not in roster.officers.get(organization.id, [])
            ]
            registered = list(roster.registered.get(organization.id, []))
            shuffle.shuffle(members)
            shuffle.shuffle(registered)
            pools[organization.id] = (
                list(roster.officers.get(organization.id, [])),
                members,
                registered,
            )
        team_rng = context.rng("teams", grid.row["code"])
        gap = gaps.get(index)
        if gap == "no team":
            continue
        officers, members, registered = pools[organization.id]
        short = organization.short_name or organization.name
        name = f"{short}{grid.row['name']}服务团队"
        formed = grid.row["created_at"] + timedelta(days=team_rng.randint(3, 40))
        if gap == "no party member":
            people = [_resident(context, team_rng, TeamRole.GRID_LEADER)]
            people += [_resident(context, team_rng, TeamRole.GRID_WORKER)]
            people += _volunteers(context, team_rng, 2, 3)
            _team(context, team_rng, plan, grid, name, people, active=True, formed=formed)
            continue
        leader = officers.pop(0) if officers else members.pop()
        people = [PersonIn(role=TeamRole.GRID_LEADER, member_id=leader)]
        if members and team_rng.random() < 0.4:
            people.append(PersonIn(role=TeamRole.GRID_WORKER, member_id=members.pop()))
        else:
            people.append(_resident(context, team_rng, TeamRole.GRID_WORKER))
        for _ in range(team_rng.randint(2, 5)):
            if members:
                people.append(PersonIn(role=TeamRole.PARTY_MEMBER, member_id=members.pop()))
        for _ in range(team_rng.randint(1, 3)):
            if registered:
                people.append(PersonIn(role=TeamRole.PARTY_MEMBER, member_id=registered.pop()))
        people += _volunteers(context, team_rng, 1, 4)
        if gap == "disbanded team":
            # The grid leader left and the team has not met since.
            people = people[1:]
            _team(context, team_rng, plan, grid, name, people, active=False, formed=formed)
            continue
        _team(context, team_rng, plan, grid, name, people, active=True, formed=formed)
        if index in old_teams:
            special = [PersonIn(role=TeamRole.GRID_LEADER, member_id=leader)]
            special += [
                PersonIn(role=TeamRole.PARTY_MEMBER, member_id=p.member_id)
                for p in people
                if p.role is TeamRole.PARTY_MEMBER
            ][:3]
            special += _volunteers(context, team_rng, 2, 5)
            _team(
                context,
                team_rng,
                plan,
                grid,
                f"{short}{grid.row['name']}防汛抗台突击队",
                special,
                active=False,
                formed=formed,
            )


def _resident(context: DemoContext, rng: random.Random, role: TeamRole) -> PersonIn:
    """Someone without a member record: a hired grid worker or a resident volunteer."""
    gender = Gender.MALE if rng.random() < 0.5 else Gender.FEMALE
    born = context.today - timedelta(days=rng.randint(24 * 365, 68 * 365))
    return PersonIn(role=role, name=person_name(rng, gender, born), phone=mobile(rng))


def _volunteers(context: DemoContext, rng: random.Random, low: int, high: int) -> list[PersonIn]:
    return [_resident(context, rng, TeamRole.VOLUNTEER) for _ in range(rng.randint(low, high))]


def _team(
    context: DemoContext,
    rng: random.Random,
    plan: Plan,
    grid: PlannedGrid,
    name: str,
    people: list[PersonIn],
    *,
    active: bool,
    formed: datetime,
) -> None:
    """One team and its people, checked as the API checks a team formed there."""
    tier = grid.organization.tier
    kinds = rng.sample(SERVICE_KINDS[tier], rng.randint(2, 4))
    data = TeamCreate(
        grid_id=grid.row["id"], name=name, service_kinds=kinds, active=active, people=people
    )
    grid_service.check_leader(active=active, roles=[person.role for person in people])
    member_ids = [person.member_id for person in people if person.member_id is not None]
    assert len(set(member_ids)) == len(member_ids)
    formed = min(formed, context.now)
    changed = formed if active else min(formed + timedelta(days=rng.randint(60, 200)), context.now)
    team_id = new_id(rng)
    plan.teams.append(
        {
            "id": team_id,
            "version": 1 if active else 2,
            "created_at": formed,
            "updated_at": changed,
            "grid_id": data.grid_id,
            "organization_id": grid.organization.id,
            "name": data.name,
            "service_kinds": list(data.service_kinds),
            "active": data.active,
        }
    )
    for position, person in enumerate(data.people):
        plan.people.append(
            {
                "id": new_id(rng),
                "team_id": team_id,
                "organization_id": grid.organization.id,
                "position": position,
                "role": person.role,
                "member_id": person.member_id,
                "name": person.name,
                "phone": person.phone,
                "created_at": formed,
            }
        )


def _units(context: DemoContext, plan: Plan) -> None:
    """The units register: each unit placed in a grid of the organization it lies in (a
    point inside the grid), or in the development zone, which has no grids."""
    rng = context.rng("units")
    grids_of: dict[uuid.UUID, list[PlannedGrid]] = {}
    for planned in plan.grids:
        grids_of.setdefault(planned.organization.id, []).append(planned)
    for name, kind, size, register, place, coverage, covering in UNITS:
        register_org = context.by_code[f"{COUNTY_CODE}{register}"]
        grid: PlannedGrid | None = None
        if place is not None:
            grid = rng.choice(grids_of[context.by_code[f"{COUNTY_CODE}{place}"].id])
            lng, lat = _inside(rng, grid.geometry)
        else:
            lng, lat = to_lnglat(
                ZONE[0] + rng.uniform(-1_200, 1_200), ZONE[1] + rng.uniform(-700, 700)
            )
        data = UnitCreate(
            organization_id=register_org.id,
            name=name,
            kind=kind,
            size=size,
            latitude=lat,
            longitude=lng,
            grid_id=grid.row["id"] if grid else None,
            coverage=coverage,
            covering_organization_id=context.by_code[f"{COUNTY_CODE}{covering}"].id
            if covering
            else None,
        )
        assert grid is None or grid.organization.path.startswith(register_org.path)
        entered = context.at(context.days_ago(rng, 60, 400), 9 + rng.random() * 8)
        plan.units.append(
            {
                "id": new_id(rng),
                "version": 1,
                "created_at": entered,
                "updated_at": entered,
                **data.model_dump(),
            }
        )


def _inside(rng: random.Random, geometry: BaseGeometry) -> tuple[float, float]:
    """A point drawn inside a grid, (longitude, latitude) to a metre or so."""
    min_lng, min_lat, max_lng, max_lat = geometry.bounds
    while True:
        lng, lat = rng.uniform(min_lng, max_lng), rng.uniform(min_lat, max_lat)
        if geometry.contains(Point(lng, lat)):
            return round(lng, 5), round(lat, 5)


async def _declare(context: DemoContext, declared: list[dict[str, Any]]) -> None:
    """Write the declared households and population in one statement, and into the loaded
    organizations, whose version moves as an update's does."""
    if not declared:
        return
    table = cast(Table, Organization.__table__)
    now = utcnow()
    await context.session.execute(
        update(table)
        .where(table.c.id == bindparam("b_id"))
        .values(
            households=bindparam("b_households"),
            population=bindparam("b_population"),
            version=table.c.version + 1,
            updated_at=now,
        ),
        declared,
    )
    for row in declared:
        organization = context.by_id[row["b_id"]]
        set_committed_value(organization, "households", row["b_households"])
        set_committed_value(organization, "population", row["b_population"])
        set_committed_value(organization, "version", organization.version + 1)
        set_committed_value(organization, "updated_at", now)
