"""Volunteer records as a table: the columns of the export, which the import reads back, and
the import template with a note on every column."""

from grassroots.core.tabular import (
    DATE_FORMAT,
    Column,
    Template,
    enum_from_text,
    enum_label,
    labels,
    parse_date,
)
from grassroots.members.identity import mask_id_number
from grassroots.volunteering.enums import ServiceKind

RECORD_COLUMNS = [
    Column(
        "member_name",
        "党员姓名",
        "Member",
        note="仅供核对，导入时按公民身份号码查找党员",
    ),
    Column(
        "id_number",
        "公民身份号码",
        "ID number",
        mask_id_number,
        aliases=("身份证号", "身份证号码"),
        private=True,
        note="必填，18 位居民身份证号码，须是已登记在您管理范围内的党员；请保持此列为文本格式",
    ),
    Column("organization_code", "所在党组织编码", "Organization code", imported=False),
    Column(
        "served_on",
        "服务日期",
        "Served on",
        from_cell=parse_date,
        note=f"必填，日期，格式 {DATE_FORMAT}（也可写 2024/5/1 或 20240501），不能晚于今天",
    ),
    Column(
        "hours",
        "服务时长（小时）",
        "Hours",
        aliases=("服务时长", "时长", "小时数"),
        note="必填，大于 0、不超过 24 的小时数，最多两位小数，如 1.5；"
        "同一党员同一天合计不超过 24 小时",
    ),
    Column(
        "kind",
        "服务类型",
        "Kind",
        enum_label,
        enum_from_text(ServiceKind),
        choices=labels(ServiceKind),
        note="必填",
    ),
    Column("beneficiaries", "服务对象人数", "Beneficiaries", note="0 或正整数，不填即为 0"),
    Column("description", "服务内容", "Description", note="最多 5000 个字"),
    Column("status", "审核状态", "Status", enum_label, lambda text: None, imported=False),
]
RECORD_REQUIRED = ("id_number", "served_on", "hours", "kind")

RECORD_TEMPLATE = Template(
    title="志愿服务记录导入模板",
    columns=RECORD_COLUMNS,
    required=RECORD_REQUIRED,
    example={
        "member_name": "张三（示例）",
        "id_number": "110105198506151236",
        "served_on": "2025-03-05",
        "hours": "2.5",
        "kind": ServiceKind.VOLUNTEER_SERVICE.zh,
        "beneficiaries": "10",
        "description": "社区环境清洁（示例）",
    },
    notes=(
        "志愿服务记录导入模板说明",
        "在“导入”工作表中填写，每行一条服务记录；第一行是列名，请勿修改（列的顺序可以调整）。",
        "“示例”工作表只作参考，不会被导入。CSV 模板的第二行是示例：原样保留时导入会跳过它，"
        "请删除或改写为真实数据。",
        "导入时可选择“同时认定”：记录直接成为已认定，计入服务时长统计；否则为待审核。",
    ),
)
