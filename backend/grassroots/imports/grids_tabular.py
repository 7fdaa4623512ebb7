"""Grids, grid service teams and units as tables to import: their columns (Chinese headers,
English accepted too) and the templates with a note on every column."""

from collections.abc import Callable
from typing import Any

from grassroots.core.tabular import (
    NO,
    YES,
    Column,
    Template,
    enum_from_text,
    labels,
    parse_yes_no,
)
from grassroots.core.validation import ValueProblem
from grassroots.grids.enums import TeamRole, UnitCoverage, UnitKind
from grassroots.volunteering.enums import ServiceKind

SEPARATORS = ("、", "；", ";", "，", ",", "\n")


def split_list(text: str) -> list[str]:
    """A cell holding several values, separated by 、 ； ; ， , or line breaks."""
    for separator in SEPARATORS[1:]:
        text = text.replace(separator, SEPARATORS[0])
    return [part.strip() for part in text.split(SEPARATORS[0]) if part.strip()]


def enum_list(enum: Any) -> Callable[[str], list[Any]]:
    """A parser of several values of an enumeration in one cell."""
    one = enum_from_text(enum)

    def parse(text: str) -> list[Any]:
        return [one(part) for part in split_list(text)]

    return parse


def _number(text: str) -> float | None:
    cleaned = text.strip()
    if not cleaned:
        return None
    try:
        return float(cleaned)
    except ValueError:
        raise ValueProblem("invalid_number", "must be a number such as 120.15") from None


ORGANIZATION_NOTE = "必填，网格所属乡镇（街道）、村（社区）党组织的编码，须在您的管理范围内"

GRID_COLUMNS = [
    Column(
        "organization_code",
        "所属组织编码",
        "Organization code",
        aliases=("党组织编码", "组织编码", "所在党组织编码"),
        note=ORGANIZATION_NOTE,
    ),
    Column(
        "code",
        "网格编码",
        "Grid code",
        aliases=("编码",),
        note="必填，字母、数字、点、横线或下划线，最多 64 位；同一组织内不能重复，"
        "也不能与已有网格重复",
    ),
    Column("name", "网格名称", "Grid name", aliases=("名称",), note="必填，最多 200 个字"),
    Column("households", "户数", "Households", note="0 或正整数，不填即为 0"),
    Column(
        "population",
        "人口数",
        "Population",
        aliases=("人口", "常住人口"),
        note="0 或正整数，不填即为 0",
    ),
    Column(
        "buildings",
        "楼栋",
        "Buildings",
        from_cell=split_list,
        aliases=("楼栋地址",),
        note="楼栋名称或地址，多个用“、”或“；”分隔，最多 500 个",
    ),
    Column("description", "说明", "Description", aliases=("网格说明",), note="最多 5000 个字"),
]
GRID_REQUIRED = ("organization_code", "code", "name")

GRID_TEMPLATE = Template(
    title="网格导入模板",
    columns=GRID_COLUMNS,
    required=GRID_REQUIRED,
    example={
        "organization_code": "330127001201",
        "code": "WG-01",
        "name": "第一网格（示例）",
        "households": "320",
        "population": "910",
        "buildings": "1 幢、2 幢、3 幢",
        "description": "东至河滨路，西至学院路（示例）",
    },
    notes=(
        "网格导入模板说明",
        "在“导入”工作表中填写，每行一个网格；第一行是列名，请勿修改（列的顺序可以调整）。",
        "“示例”工作表只作参考，不会被导入。CSV 模板的第二行是示例：原样保留时导入会跳过它，"
        "请删除或改写为真实数据。",
        "网格边界请另用 GeoJSON 文件导入（按所属组织编码和网格编码对应）。",
        "先“检查”：逐行报告问题；任何一行有问题时整份表格都不会导入。",
    ),
)

TEAM_COLUMNS = [
    Column(
        "organization_code",
        "所属组织编码",
        "Organization code",
        aliases=("党组织编码", "组织编码"),
        note="必填，网格所属党组织的编码",
    ),
    Column("grid_code", "网格编码", "Grid code", note="必填，已登记网格的编码"),
    Column(
        "team_name",
        "团队名称",
        "Team name",
        aliases=("服务团队", "团队"),
        note="必填，最多 100 个字；同一团队的成员各占一行，团队名称相同；同一网格不能已有同名团队",
    ),
    Column(
        "service_kinds",
        "服务类型",
        "Service kinds",
        from_cell=enum_list(ServiceKind),
        choices=labels(ServiceKind),
        note="可填多个，用“、”分隔；同一团队各行填写一致（或只在第一行填写）",
    ),
    Column(
        "active",
        "是否启用",
        "Active",
        from_cell=parse_yes_no,
        choices=(YES, NO),
        note="不填即为“是”；启用的团队须有且只有一名网格长",
    ),
    Column(
        "role",
        "角色",
        "Role",
        from_cell=enum_from_text(TeamRole),
        choices=labels(TeamRole),
        note="必填；每个团队最多一名网格长",
    ),
    Column(
        "person_name",
        "姓名",
        "Name",
        note="非党员志愿者必填，最多 50 个字；党员按公民身份号码查找，此列仅供核对",
    ),
    Column(
        "id_number",
        "公民身份号码",
        "ID number",
        aliases=("身份证号", "身份证号码"),
        private=True,
        note="党员填写，须是已登记的党员；不填即为非党员志愿者；请保持此列为文本格式",
    ),
    Column(
        "phone",
        "手机号码",
        "Phone",
        aliases=("联系电话", "手机号", "电话"),
        private=True,
        note="仅非党员志愿者填写，如 13800000000 或 0571-87654321",
    ),
]
TEAM_REQUIRED = ("organization_code", "grid_code", "team_name", "role")

TEAM_TEMPLATE = Template(
    title="网格服务团队导入模板",
    columns=TEAM_COLUMNS,
    required=TEAM_REQUIRED,
    example={
        "organization_code": "330127001201",
        "grid_code": "WG-01",
        "team_name": "第一网格服务队（示例）",
        "service_kinds": f"{ServiceKind.VOLUNTEER_SERVICE.zh}",
        "active": YES,
        "role": TeamRole.VOLUNTEER.zh,
        "person_name": "王芳（示例）",
        "phone": "13800000000",
    },
    notes=(
        "网格服务团队导入模板说明",
        "在“导入”工作表中填写，每行一名团队成员；同一团队的成员团队名称相同。",
        "党员填写公民身份号码（须是已登记的党员，不在本网格所属组织的党员须已到本社区报到，"
        "或由您以管理员身份加入）；非党员志愿者填写姓名和手机号码。",
        "“示例”工作表只作参考，不会被导入。",
        "先“检查”：逐行报告问题；任何一行有问题时整份表格都不会导入。",
    ),
)

UNIT_COLUMNS = [
    Column(
        "organization_code",
        "所属组织编码",
        "Organization code",
        aliases=("党组织编码", "组织编码"),
        note="必填，登记这个单位的党组织编码，须在您的管理范围内",
    ),
    Column("name", "单位名称", "Unit name", aliases=("名称",), note="必填，最多 200 个字"),
    Column(
        "kind",
        "单位类型",
        "Kind",
        from_cell=enum_from_text(UnitKind),
        choices=labels(UnitKind),
        note="必填",
    ),
    Column(
        "size",
        "规模（人数）",
        "Size",
        aliases=("规模", "人数", "从业人员数"),
        note="从业人员或居住人数，0 或正整数",
    ),
    Column("latitude", "纬度", "Latitude", from_cell=_number, note="-90 至 90，与经度同填或同不填"),
    Column(
        "longitude", "经度", "Longitude", from_cell=_number, note="-180 至 180，与纬度同填或同不填"
    ),
    Column(
        "grid_code",
        "网格编码",
        "Grid code",
        note="单位所在网格的编码；网格须属于本单位的所属组织或其下级组织",
    ),
    Column(
        "grid_organization_code",
        "网格所属组织编码",
        "Grid organization code",
        note="网格属于下级组织时填写；不填即为单位的所属组织",
    ),
    Column(
        "coverage",
        "覆盖方式",
        "Coverage",
        from_cell=enum_from_text(UnitCoverage),
        choices=labels(UnitCoverage),
        note="不填即为“未覆盖”",
    ),
    Column(
        "covering_code",
        "覆盖党组织编码",
        "Covering organization code",
        note="单独组建或联合组建时必填，未覆盖时不填",
    ),
]
UNIT_REQUIRED = ("organization_code", "name", "kind")

UNIT_TEMPLATE = Template(
    title="单位导入模板",
    columns=UNIT_COLUMNS,
    required=UNIT_REQUIRED,
    example={
        "organization_code": "330127001201",
        "name": "千岛湖建材有限公司（示例）",
        "kind": UnitKind.ENTERPRISE.zh,
        "size": "56",
        "latitude": "29.6051",
        "longitude": "119.0421",
        "grid_code": "WG-01",
        "coverage": UnitCoverage.JOINT.zh,
        "covering_code": "330127001201",
    },
    notes=(
        "单位（组织覆盖登记）导入模板说明",
        "在“导入”工作表中填写，每行一个单位；第一行是列名，请勿修改（列的顺序可以调整）。",
        "“示例”工作表只作参考，不会被导入。",
        "先“检查”：逐行报告问题；任何一行有问题时整份表格都不会导入。",
    ),
)
