"""Members as a table: the columns of the export, which the import reads back."""

from grassroots.core.tabular import (
    Column,
    enum_from_text,
    enum_label,
    parse_date,
    parse_yes_no,
    yes_no,
)
from grassroots.members.enums import Gender, MemberStatus, Position
from grassroots.members.identity import mask_id_number, mask_phone


def _positions(positions: list[Position] | None) -> str:
    return "、".join(position.zh for position in positions or [])


MEMBER_COLUMNS = [
    Column("name", "姓名", "Name"),
    Column("gender", "性别", "Gender", enum_label, enum_from_text(Gender)),
    Column("birth_date", "出生日期", "Birth date", from_cell=parse_date),
    Column("ethnicity", "民族", "Ethnicity"),
    Column(
        "phone",
        "手机号码",
        "Phone",
        mask_phone,
        aliases=("联系电话", "手机号", "电话"),
        private=True,
    ),
    Column(
        "id_number",
        "公民身份号码",
        "ID number",
        mask_id_number,
        aliases=("身份证号", "身份证号码"),
        private=True,
    ),
    Column("organization_code", "所在党组织编码", "Organization code"),
    Column("organization_name", "所在党组织", "Organization"),
    Column("status", "党员类别", "Status", enum_label, enum_from_text(MemberStatus)),
    Column("joined_on", "入党日期", "Joined on", from_cell=parse_date),
    Column("is_migrant", "是否流动党员", "Migrant", yes_no, parse_yes_no),
    Column("current_location", "流动去向", "Current location"),
    Column("is_in_service", "是否在职", "In service", yes_no, parse_yes_no),
    Column("work_unit", "工作单位", "Work unit"),
    Column("residence_code", "报到社区编码", "Residence community code"),
    Column("registered_on", "报到日期", "Registered on", from_cell=parse_date),
    Column("is_elderly", "是否老党员", "Elderly", yes_no, parse_yes_no),
    Column("is_in_hardship", "是否生活困难", "In hardship", yes_no, parse_yes_no),
    Column("positions", "职务", "Positions", _positions, lambda text: None),
]
MEMBER_REQUIRED = ("name", "organization_code")
