"""Volunteer records as a table: the columns of the export, which the import reads back."""

from grassroots.core.tabular import Column, enum_from_text, enum_label, parse_date
from grassroots.members.identity import mask_id_number
from grassroots.volunteering.enums import ServiceKind

RECORD_COLUMNS = [
    Column("member_name", "党员姓名", "Member"),
    Column(
        "id_number",
        "公民身份号码",
        "ID number",
        mask_id_number,
        aliases=("身份证号", "身份证号码"),
        private=True,
    ),
    Column("organization_code", "所在党组织编码", "Organization code"),
    Column("served_on", "服务日期", "Served on", from_cell=parse_date),
    Column("hours", "服务时长（小时）", "Hours", aliases=("服务时长", "时长", "小时数")),
    Column("kind", "服务类型", "Kind", enum_label, enum_from_text(ServiceKind)),
    Column("beneficiaries", "服务对象人数", "Beneficiaries"),
    Column("description", "服务内容", "Description"),
    Column("status", "审核状态", "Status", enum_label, lambda text: None),
]
RECORD_REQUIRED = ("id_number", "served_on", "hours", "kind")
