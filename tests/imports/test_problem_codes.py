"""Every problem an import reports carries a stable code, the params that explain it and the
value found, so that a client can say "found X, expected Y" in any language."""

import uuid
from datetime import timedelta
from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.jobs.models import Job
from grassroots.jobs.service import fail_interrupted
from grassroots.volunteering.enums import ServiceKind
from grassroots.volunteering.records import local_today
from tests.builders import make_member, make_organization, make_record
from tests.imports.test_imports import csv_bytes, upload
from tests.members.test_members import id_number

MEMBER_HEADERS = ["姓名", "性别", "出生日期", "手机号码", "公民身份号码", "所在党组织编码"]
MEMBER_HEADERS += ["入党日期", "是否流动党员"]


def by_cell(job: dict[str, Any]) -> dict[tuple[int, str | None], dict[str, Any]]:
    problems = {(p["row"], p["column"]): p for p in job["errors"]}
    assert len(problems) == len(job["errors"]), "one problem per cell"
    return problems


async def test_member_rows_report_codes_params_and_values(
    client: httpx.AsyncClient, session: AsyncSession
):
    await make_organization(session, code="V01")
    good = id_number("19800101", sequence="111")
    base = ["张伟", "男", "", "", "", "V01", "", ""]

    def row(**cells: str) -> list[str]:
        values = dict(zip(MEMBER_HEADERS, base, strict=True)) | cells
        return [values[header] for header in MEMBER_HEADERS]

    rows = [
        MEMBER_HEADERS,
        row(性别="未知", 是否流动党员="也许"),  # 2
        row(入党日期="明年", 出生日期="1800-01-01"),  # 3
        row(入党日期="2099-01-01", 出生日期="2023-02-30"),  # 4
        row(姓名="", 手机号码="abc"),  # 5
        row(姓名="长" * 51, 公民身份号码="12345"),  # 6
        row(所在党组织编码="999"),  # 7
        row(公民身份号码=good, 出生日期="1990-05-05"),  # 8
        row(姓名="张\x01三"),  # 9
        row(所在党组织编码=""),  # 10
    ]
    job = await upload(client, "members", csv_bytes(rows), dry_run="true")
    problems = by_cell(job)

    gender = problems[(2, "性别")]
    assert gender["code"] == "invalid_choice" and gender["value"] == "未知"
    assert gender["params"] == {"allowed": ["男", "女"], "allowed_values": ["male", "female"]}
    migrant = problems[(2, "是否流动党员")]
    assert (migrant["code"], migrant["params"], migrant["value"]) == (
        "invalid_yes_no",
        {"allowed": ["是", "否"]},
        "也许",
    )
    joined = problems[(3, "入党日期")]
    assert (joined["code"], joined["params"], joined["value"]) == (
        "invalid_date",
        {"format": "YYYY-MM-DD"},
        "明年",
    )
    assert problems[(3, "出生日期")]["code"] == "out_of_range"
    assert problems[(3, "出生日期")]["params"] == {"min": "1900-01-01"}
    assert problems[(4, "入党日期")]["code"] == "date_in_future"
    assert problems[(4, "出生日期")]["code"] == "invalid_date"
    assert problems[(5, "姓名")]["code"] == "missing" and problems[(5, "姓名")]["value"] is None
    phone = problems[(5, "手机号码")]
    assert phone["code"] == "phone_invalid" and phone["value"] == "***", "personal data masked"
    assert problems[(6, "姓名")]["code"] == "too_long"
    assert problems[(6, "姓名")]["params"] == {"max_length": 50}
    identity = problems[(6, "公民身份号码")]
    assert identity["code"] == "invalid_id_number" and identity["params"] == {"length": 18}
    assert identity["value"] == "*****"
    organization = problems[(7, "所在党组织编码")]
    assert organization["code"] == "organization_not_found" and organization["value"] == "999"
    mismatch = problems[(8, "出生日期")]
    assert mismatch["code"] == "member_birth_date_mismatch"
    assert mismatch["params"] == {"expected": "1980-01-01"} and mismatch["value"] == "1990-05-05"
    assert problems[(9, "姓名")]["code"] == "control_characters"
    assert problems[(10, "所在党组织编码")]["code"] == "missing"
    assert {row for row, _ in problems} == set(range(2, 11))
    for problem in job["errors"]:
        assert problem["reason"] and problem["code"] != "invalid_value"


async def test_record_rows_report_codes_params_and_values(
    client: httpx.AsyncClient, session: AsyncSession
):
    village = await make_organization(session, code="V01")
    number = id_number("19700101", sequence="555")
    member = await make_member(session, organization=village, id_number=number)
    day = local_today() - timedelta(days=3)
    await make_record(session, member=member, hours="20", served_on=day)
    headers = [
        "公民身份号码",
        "服务日期",
        "服务时长（小时）",
        "服务类型",
        "服务对象人数",
        "服务内容",
    ]
    fine = [number, str(day - timedelta(days=9)), "1", "志愿服务", "", ""]

    def row(*changes: tuple[int, str]) -> list[str]:
        cells = list(fine)
        for position, text in changes:
            cells[position] = text
        return cells

    tomorrow = local_today() + timedelta(days=1)
    rows = [
        headers,
        row((2, "abc"), (4, "2.5")),  # 2
        row((2, "0"), (4, "-1")),  # 3
        row((2, "25"), (3, "跳舞")),  # 4
        row((2, "1.234"), (5, "长" * 5001)),  # 5
        row((1, str(tomorrow))),  # 6
        row((0, id_number("19710101"))),  # 7
        row((0, ""), (1, "")),  # 8
        row((1, str(day)), (2, "5")),  # 9
        row((0, "12345")),  # 10
    ]
    job = await upload(client, "volunteer-records", csv_bytes(rows), dry_run="true")
    problems = by_cell(job)
    hours = "服务时长（小时）"
    assert problems[(2, hours)]["code"] == "invalid_number"
    assert problems[(2, hours)]["value"] == "abc"
    assert problems[(2, "服务对象人数")]["code"] == "invalid_integer"
    assert problems[(3, hours)]["code"] == "out_of_range"
    assert problems[(3, hours)]["params"] == {"greater_than": 0}
    assert problems[(3, "服务对象人数")]["params"] == {"min": 0}
    assert problems[(4, hours)]["params"] == {"max": 24}
    kind = problems[(4, "服务类型")]
    assert kind["code"] == "invalid_choice" and kind["value"] == "跳舞"
    assert kind["params"]["allowed"] == [k.zh for k in ServiceKind]
    assert kind["params"]["allowed_values"] == [k.value for k in ServiceKind]
    assert problems[(5, hours)]["code"] == "too_many_decimals"
    assert problems[(5, hours)]["params"] == {"decimal_places": 2}
    description = problems[(5, "服务内容")]
    assert description["code"] == "too_long" and description["params"] == {"max_length": 5000}
    assert description["value"] == "长" * 100, "a long value is cut short"
    future = problems[(6, "服务日期")]
    assert future["code"] == "volunteer_served_in_future"
    assert future["params"] == {"max": local_today().isoformat()}
    unknown = problems[(7, "公民身份号码")]
    assert unknown["code"] == "member_not_found" and unknown["value"].count("*") == 11
    assert problems[(8, "公民身份号码")]["code"] == "missing"
    assert problems[(8, "服务日期")]["code"] == "missing"
    over = problems[(9, hours)]
    assert over["code"] == "volunteer_day_over_24_hours"
    assert over["params"] == {"date": day.isoformat(), "hours": 25.0, "max": 24}
    assert problems[(10, "公民身份号码")]["code"] == "invalid_id_number"
    assert {row for row, _ in problems} == set(range(2, 11))


async def test_failed_jobs_say_why_in_codes(
    client: httpx.AsyncClient, app: FastAPI, session: AsyncSession
):
    missing = await upload(client, "members", csv_bytes([["姓名", "性别"], ["张三", "男"]]))
    assert missing["state"] == "failed"
    assert missing["error_code"] == "import_columns_missing"
    assert missing["error_columns"] == ["所在党组织编码"]
    garbage = await upload(client, "members", b"\x00\x01\x02 not a table \xff")
    assert garbage["error_code"] == "import_table_unreadable" and garbage["error_columns"] == []
    await make_organization(session, code="V01")
    refused = await upload(
        client,
        "members",
        csv_bytes([["姓名", "所在党组织编码", "性别"], ["张三", "V01", "未知"]]),
        dry_run="false",
    )
    assert refused["state"] == "failed" and refused["error_code"] == "import_rows_refused"
    dry = await upload(client, "members", csv_bytes([["姓名", "所在党组织编码"], ["张三", "V01"]]))
    assert dry["state"] == "succeeded" and dry["error_code"] is None
    job = Job(kind="import_members", state="running", created_by_id=uuid.uuid4(), errors=[])
    session.add(job)
    await session.commit()
    await fail_interrupted(app.state.sessionmaker)
    await session.refresh(job)
    assert job.error_code == "job_interrupted" and job.error_columns == []
