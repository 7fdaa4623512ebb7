"""Import templates teach how to fill them in: an example and a note on every column; the
example is never imported as data."""

import csv
import io

import httpx
import pytest
from fastapi import FastAPI
from openpyxl import load_workbook
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.members.models import Member
from grassroots.volunteering.enums import ServiceKind
from tests.builders import assert_problem, make_organization
from tests.imports.test_imports import upload
from tests.world import build_world

MEMBER_HEADERS = [
    "姓名",
    "性别",
    "出生日期",
    "民族",
    "手机号码",
    "公民身份号码",
    "所在党组织编码",
    "党员类别",
    "入党日期",
    "是否流动党员",
    "流动去向",
    "是否在职",
    "工作单位",
    "报到社区编码",
    "报到日期",
    "是否老党员",
    "是否生活困难",
]
RECORD_HEADERS = ["党员姓名", "公民身份号码", "服务日期", "服务时长（小时）", "服务类型"]
RECORD_HEADERS += ["服务对象人数", "服务内容"]


async def test_the_xlsx_member_template_has_an_example_and_notes(client: httpx.AsyncClient):
    response = await client.get("/api/v1/imports/members/template")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert "filename*=UTF-8''" in response.headers["content-disposition"]
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["导入", "示例", "说明"]
    assert [list(row) for row in book["导入"].values] == [MEMBER_HEADERS]
    example = list(book["示例"].iter_rows(values_only=True))
    assert list(example[0]) == MEMBER_HEADERS
    filled = dict(zip(MEMBER_HEADERS, example[1], strict=True))
    assert "示例" in filled["姓名"] and filled["公民身份号码"] == "110105198506151236"
    assert book["示例"]["F2"].data_type == "s", "identity numbers are text, every digit kept"

    notes = [row for row in book["说明"].iter_rows(values_only=True) if row and row[0]]
    header = notes.index(("列名", "是否必填", "可填写的值", "填写说明", "示例"))
    by_column = {row[0]: row for row in notes[header + 1 :]}
    assert list(by_column) == MEMBER_HEADERS
    assert by_column["姓名"][1] == "必填" and by_column["所在党组织编码"][1] == "必填"
    assert by_column["性别"][1] == "选填" and by_column["性别"][2] == "男、女"
    assert by_column["党员类别"][2] == "正式党员、预备党员"
    assert by_column["是否流动党员"][2] == "是、否"
    assert "YYYY-MM-DD" in by_column["入党日期"][3]
    assert "18 位" in by_column["公民身份号码"][3] and "文本" in by_column["公民身份号码"][3]
    assert by_column["手机号码"][3] and by_column["所在党组织编码"][4] == "330127001201"
    assert any("示例" in row[0] and "不会被导入" in row[0] for row in notes[:header])


@pytest.mark.parametrize("table_format", ["xlsx", "csv"])
async def test_importing_a_template_unchanged_imports_nothing(
    client: httpx.AsyncClient, session: AsyncSession, table_format: str
):
    await make_organization(session, code="330127001201")
    for kind in ("members", "volunteer-records"):
        template = await client.get(
            f"/api/v1/imports/{kind}/template", params={"format": table_format}
        )
        assert template.status_code == 200
        job = await upload(client, kind, template.content, dry_run="false")
        assert job["state"] == "succeeded", job
        assert (job["total_rows"], job["created_rows"], job["error_count"]) == (0, 0, 0)
    assert await session.scalar(select(func.count()).select_from(Member)) == 0


async def test_the_csv_template_example_imports_once_it_is_changed(
    client: httpx.AsyncClient, session: AsyncSession
):
    await make_organization(session, code="330127001201")
    template = await client.get("/api/v1/imports/members/template", params={"format": "csv"})
    assert template.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(template.content.decode("utf-8-sig"))))
    assert rows[0] == MEMBER_HEADERS and len(rows) == 2
    rows[1][0] = "李四"
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    job = await upload(client, "members", buffer.getvalue().encode(), dry_run="false")
    assert job["state"] == "succeeded" and job["created_rows"] == 1, job
    assert await session.scalar(select(Member.name)) == "李四"


async def test_the_record_template_lists_the_service_kinds(client: httpx.AsyncClient):
    response = await client.get("/api/v1/imports/volunteer-records/template")
    book = load_workbook(io.BytesIO(response.content))
    assert [list(row) for row in book["导入"].values] == [RECORD_HEADERS]
    notes = {row[0]: row for row in book["说明"].iter_rows(values_only=True) if row and row[0]}
    assert notes["服务类型"][1] == "必填"
    assert notes["服务类型"][2] == "、".join(kind.zh for kind in ServiceKind)
    assert notes["服务时长（小时）"][1] == "必填" and "24" in notes["服务时长（小时）"][3]
    assert notes["服务对象人数"][1] == "选填"


async def test_templates_need_the_permission_to_import(app: FastAPI, session: AsyncSession):
    world = await build_world(session)
    async with world.client(app, "reviewer") as reviewer:
        assert_problem(await reviewer.get("/api/v1/imports/members/template"), 403)
    async with world.client(app, "org_staff") as staff:
        assert (await staff.get("/api/v1/imports/members/template")).status_code == 200
