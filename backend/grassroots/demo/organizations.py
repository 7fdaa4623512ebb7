"""The organizations of the demo county (青山县): townships, villages, communities and units."""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.core.security import SYSTEM
from grassroots.organizations import service as org_service
from grassroots.organizations.enums import Domain, Flag, Formation, Kind, Tier
from grassroots.organizations.models import Organization
from grassroots.organizations.schemas import OrganizationCreate

COUNTY_CODE = "330127"


@dataclass
class DemoOrganization:
    """One organization of the demo tree and what hangs below it."""

    code: str
    name: str
    kind: Kind
    tier: Tier
    domain: Domain
    short_name: str | None = None
    formation: Formation = Formation.STANDALONE
    flags: list[Flag] = field(default_factory=list)
    children: list["DemoOrganization"] = field(default_factory=list)


TOWNSHIPS = [
    # name, tier, villages or communities, flags shared by its villages
    (
        "城关街道",
        Tier.STREET,
        ["城南", "城北", "文昌", "新华", "解放路", "人民路", "滨江", "锦绣"],
        [],
    ),
    ("东湖街道", Tier.STREET, ["东湖", "翠苑", "湖滨", "长乐", "和平", "幸福里", "阳光"], []),
    ("凤凰街道", Tier.STREET, ["凤凰", "朝阳", "金桥", "嘉园", "桂花园", "丰收"], []),
    (
        "青溪镇",
        Tier.TOWNSHIP,
        ["青溪", "上湾", "下湾", "李家", "陈家坞", "柳树塘", "双溪", "大坪", "茶园"],
        [],
    ),
    (
        "白沙镇",
        Tier.TOWNSHIP,
        ["白沙", "沙洲", "王家埠", "渡口", "新塘", "周家", "枫林", "杨梅岭"],
        [],
    ),
    (
        "龙潭镇",
        Tier.TOWNSHIP,
        ["龙潭", "龙井", "石桥", "黄泥岗", "高坎", "罗家湾", "竹林", "中心"],
        [],
    ),
    (
        "梅岭镇",
        Tier.TOWNSHIP,
        ["梅岭", "梅溪", "岭脚", "坑口", "横路", "上源", "下源", "樟树下"],
        [Flag.OLD_REVOLUTIONARY_BASE],
    ),
    (
        "石门乡",
        Tier.TOWNSHIP,
        ["石门", "石坑", "红旗", "岩头", "青龙", "云峰", "高山", "石笋"],
        [Flag.OLD_REVOLUTIONARY_BASE, Flag.POOR_AREA],
    ),
    (
        "桃源乡",
        Tier.TOWNSHIP,
        ["桃源", "桃花坞", "畲家", "山背", "水口", "金竹", "里坑"],
        [Flag.ETHNIC_MINORITY_AREA],
    ),
    (
        "清水乡",
        Tier.TOWNSHIP,
        ["清水", "清泉", "溪头", "大源", "小源", "岙里", "塘下", "庙前"],
        [Flag.POOR_AREA],
    ),
]

UNITS = [
    # code suffix, name, kind, domain, parent ("organs" or "two_new")
    ("J01", "中共青山县委办公室党支部", Kind.BRANCH, Domain.GOVERNMENT, "organs"),
    ("J02", "青山县人民政府办公室党支部", Kind.BRANCH, Domain.GOVERNMENT, "organs"),
    ("J03", "青山县财政局机关党支部", Kind.BRANCH, Domain.GOVERNMENT, "organs"),
    ("J04", "青山县民政局机关党总支", Kind.GENERAL_BRANCH, Domain.GOVERNMENT, "organs"),
    ("J05", "青山县农业农村局机关党支部", Kind.BRANCH, Domain.GOVERNMENT, "organs"),
    ("S01", "青山县第一中学党总支", Kind.GENERAL_BRANCH, Domain.PUBLIC_INSTITUTION, "organs"),
    ("S02", "青山县人民医院党委", Kind.COMMITTEE, Domain.PUBLIC_INSTITUTION, "organs"),
    ("S03", "青山职业技术学院党委", Kind.COMMITTEE, Domain.UNIVERSITY, "organs"),
    ("G01", "国网青山县供电公司党委", Kind.COMMITTEE, Domain.STATE_OWNED_ENTERPRISE, "organs"),
    (
        "G02",
        "青山县城市建设投资集团有限公司党委",
        Kind.COMMITTEE,
        Domain.STATE_OWNED_ENTERPRISE,
        "organs",
    ),
    ("F01", "青山华宇纺织有限公司党支部", Kind.BRANCH, Domain.NON_PUBLIC_ENTERPRISE, "two_new"),
    (
        "F02",
        "浙青机械制造股份有限公司党委",
        Kind.COMMITTEE,
        Domain.NON_PUBLIC_ENTERPRISE,
        "two_new",
    ),
    ("F03", "青山县经济开发区联合党支部", Kind.BRANCH, Domain.NON_PUBLIC_ENTERPRISE, "two_new"),
    ("F04", "青山县快递物流行业党支部", Kind.BRANCH, Domain.NON_PUBLIC_ENTERPRISE, "two_new"),
    ("H01", "青山县律师协会党支部", Kind.BRANCH, Domain.SOCIAL_ORGANIZATION, "two_new"),
    ("H02", "青山县个体劳动者协会党支部", Kind.BRANCH, Domain.SOCIAL_ORGANIZATION, "two_new"),
    ("H03", "青山县志愿者联合会党支部", Kind.BRANCH, Domain.SOCIAL_ORGANIZATION, "two_new"),
]

UNIT_FORMATIONS = {
    "F03": Formation.REGIONAL_JOINT,
    "F04": Formation.INDUSTRY_UNIFIED,
    "H03": Formation.ONLINE,
}


def demo_tree() -> DemoOrganization:
    """The whole demo county as one tree, the same every time."""
    county = DemoOrganization(
        COUNTY_CODE,
        "中共青山县委员会",
        Kind.COMMITTEE,
        Tier.COUNTY,
        Domain.GOVERNMENT,
        short_name="青山县委",
    )
    for number, (name, tier, places, flags) in enumerate(TOWNSHIPS, start=1):
        county.children.append(_township(number, name, tier, places, flags))
    organs = DemoOrganization(
        f"{COUNTY_CODE}-JG",
        "中共青山县直属机关工作委员会",
        Kind.COMMITTEE,
        Tier.UNIT,
        Domain.GOVERNMENT,
        short_name="县直机关工委",
    )
    two_new = DemoOrganization(
        f"{COUNTY_CODE}-LX",
        "中共青山县非公有制经济组织和社会组织工作委员会",
        Kind.COMMITTEE,
        Tier.UNIT,
        Domain.NON_PUBLIC_ENTERPRISE,
        short_name="县两新工委",
    )
    parents = {"organs": organs, "two_new": two_new}
    for suffix, name, kind, domain, parent in UNITS:
        parents[parent].children.append(
            DemoOrganization(
                f"{COUNTY_CODE}-{suffix}",
                name,
                kind,
                Tier.UNIT,
                domain,
                formation=UNIT_FORMATIONS.get(suffix, Formation.STANDALONE),
            )
        )
    county.children += [organs, two_new]
    return county


def _township(
    number: int, name: str, tier: Tier, places: list[str], flags: list[Flag]
) -> DemoOrganization:
    is_street = tier is Tier.STREET
    code = f"{COUNTY_CODE}{number:03d}"
    township = DemoOrganization(
        code,
        f"中共青山县{name}{'工作委员会' if is_street else '委员会'}",
        Kind.COMMITTEE,
        tier,
        Domain.COMMUNITY if is_street else Domain.RURAL,
        short_name=f"{name}党{'工委' if is_street else '委'}",
    )
    for index, place in enumerate(places, start=1):
        suffix = "社区" if is_street else "村"
        kind = Kind.GENERAL_BRANCH if index == 1 else Kind.BRANCH
        township.children.append(
            DemoOrganization(
                f"{code}{200 + index if is_street else index:03d}",
                f"{place}{suffix}{'党总支' if kind is Kind.GENERAL_BRANCH else '党支部'}",
                kind,
                Tier.COMMUNITY if is_street else Tier.VILLAGE,
                Domain.COMMUNITY if is_street else Domain.RURAL,
                short_name=f"{place}{suffix}",
                flags=list(flags),
                formation=Formation.REGIONAL if is_street and index == 1 else Formation.STANDALONE,
            )
        )
    return township


async def seed_organizations(session: AsyncSession) -> int:
    """Create the demo organizations not yet present (matched by code); return how many."""
    existing = {
        code: org_id
        for code, org_id in await session.execute(select(Organization.code, Organization.id))
    }
    rng = random.Random(2014)
    created = 0

    async def visit(node: DemoOrganization, parent_id: object) -> None:
        nonlocal created
        profile = _profile(node, rng)
        if node.code not in existing:
            organization = await org_service.create_organization(
                session, SYSTEM, data=OrganizationCreate(parent_id=parent_id, **profile)
            )
            existing[node.code] = organization.id
            created += 1
        for child in node.children:
            await visit(child, existing[node.code])

    await visit(demo_tree(), None)
    return created


def _profile(node: DemoOrganization, rng: random.Random) -> dict[str, object]:
    """The fields of a demo organization, with plausible venue, funds and flags."""
    flags = set(node.flags)
    if node.tier is Tier.VILLAGE:
        if rng.random() < 0.18:
            flags.add(Flag.POVERTY_VILLAGE)
        if rng.random() < 0.08:
            flags.add(Flag.WEAK_AND_LAX)
    elif node.tier is Tier.COMMUNITY and rng.random() < 0.05:
        flags.add(Flag.WEAK_AND_LAX)
    grassroots = node.tier in (Tier.VILLAGE, Tier.COMMUNITY)
    return {
        "code": node.code,
        "name": node.name,
        "short_name": node.short_name,
        "kind": node.kind,
        "tier": node.tier,
        "domain": node.domain,
        "formation": node.formation,
        "flags": sorted(flags),
        "venue_address": f"青山县{node.short_name or node.name}党群服务中心"
        if grassroots
        else None,
        "venue_area_m2": float(rng.randrange(120, 900, 10)) if grassroots else None,
        "annual_funds": Decimal(rng.randrange(50, 300) * 100) if grassroots else None,
        "founded_on": date(1949, 10, 1) + timedelta(days=rng.randrange(0, 25_000)),
        "contact_phone": f"0571-6{rng.randrange(1_000_000, 9_999_999)}",
    }
