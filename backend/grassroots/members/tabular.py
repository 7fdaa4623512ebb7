"""Members as a table: the columns of the export, which the import reads back, and the
import template with a note on every column."""

from grassroots.core.tabular import (
    DATE_FORMAT,
    NO,
    YES,
    Column,
    Template,
    enum_from_text,
    enum_label,
    labels,
    parse_date,
    parse_yes_no,
    yes_no,
)
from grassroots.members.enums import Gender, MemberStatus, Position
from grassroots.members.identity import mask_birth_date, mask_id_number, mask_phone


def _positions(positions: list[Position] | None) -> str:
    return "、".join(position.zh for position in positions or [])


DATE_NOTE = f"日期，格式 {DATE_FORMAT}（也可写 2024/5/1、2024.5.1 或 20240501）"


def _yes_no(key: str, zh: str, en: str, note: str) -> Column:
    return Column(
        key, zh, en, yes_no, parse_yes_no, choices=(YES, NO), note=f"{note}；不填即为“否”"
    )


MEMBER_COLUMNS = [
    Column("name", "姓名", "Name", note="必填，最多 50 个字"),
    Column(
        "gender",
        "性别",
        "Gender",
        enum_label,
        enum_from_text(Gender),
        choices=labels(Gender),
    ),
    Column(
        "birth_date",
        "出生日期",
        "Birth date",
        mask_birth_date,
        parse_date,
        note=f"{DATE_NOTE}；可不填，填了公民身份号码时取号码中的出生日期，两者须一致",
    ),
    Column("ethnicity", "民族", "Ethnicity", note="最多 20 个字，如“汉族”"),
    Column(
        "phone",
        "手机号码",
        "Phone",
        mask_phone,
        aliases=("联系电话", "手机号", "电话"),
        private=True,
        note="手机号码（1 开头的 11 位数字）或带区号的固定电话，如 13800000000、0571-87654321",
    ),
    Column(
        "id_number",
        "公民身份号码",
        "ID number",
        mask_id_number,
        aliases=("身份证号", "身份证号码"),
        private=True,
        note="18 位居民身份证号码（最后一位可为 X），校验位须正确，不能与已登记的党员重复；"
        "请保持此列为文本格式，以免 Excel 改写号码",
    ),
    Column(
        "organization_code",
        "所在党组织编码",
        "Organization code",
        note="必填，党员所在党组织的编码，须在您的管理范围内",
    ),
    Column("organization_name", "所在党组织", "Organization", imported=False),
    Column(
        "status",
        "党员类别",
        "Status",
        enum_label,
        enum_from_text(MemberStatus),
        choices=labels(MemberStatus),
        note=f"不填即为“{MemberStatus.FULL.zh}”",
    ),
    Column("joined_on", "入党日期", "Joined on", from_cell=parse_date, note=DATE_NOTE),
    _yes_no("is_migrant", "是否流动党员", "Migrant", "外出流动的党员填“是”"),
    Column("current_location", "流动去向", "Current location", note="最多 200 个字"),
    _yes_no("is_in_service", "是否在职", "In service", "在职党员填“是”"),
    Column("work_unit", "工作单位", "Work unit", note="最多 200 个字"),
    Column(
        "residence_code",
        "报到社区编码",
        "Residence community code",
        note="在职党员到居住地社区报到时，填写该社区党组织的编码",
    ),
    Column("registered_on", "报到日期", "Registered on", from_cell=parse_date, note=DATE_NOTE),
    _yes_no("is_elderly", "是否老党员", "Elderly", "老党员填“是”"),
    _yes_no("is_in_hardship", "是否生活困难", "In hardship", "生活困难党员填“是”"),
    Column("positions", "职务", "Positions", _positions, lambda text: None, imported=False),
]
MEMBER_REQUIRED = ("name", "organization_code")

MEMBER_TEMPLATE = Template(
    title="党员导入模板",
    columns=MEMBER_COLUMNS,
    required=MEMBER_REQUIRED,
    example={
        "name": "张三（示例）",
        "gender": Gender.MALE.zh,
        "birth_date": "1985-06-15",
        "ethnicity": "汉族",
        "phone": "13800000000",
        "id_number": "110105198506151236",
        "organization_code": "330127001201",
        "status": MemberStatus.FULL.zh,
        "joined_on": "2010-07-01",
        "is_migrant": NO,
        "is_in_service": YES,
        "work_unit": "青山县示例单位",
        "is_elderly": NO,
        "is_in_hardship": NO,
    },
    notes=(
        "党员导入模板说明",
        "在“导入”工作表中填写，每行一名党员；第一行是列名，请勿修改（列的顺序可以调整）。",
        "“示例”工作表只作参考，不会被导入。CSV 模板的第二行是示例：原样保留时导入会跳过它，"
        "请删除或改写为真实数据。",
        "导入前可先“试导入”：只检查每一行并列出问题，不写入任何数据；正式导入时全部成功才写入。",
        "职务不随表格导入，请导入后在党员信息中设置。",
    ),
)
