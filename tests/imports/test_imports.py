"""Imports from CSV and XLSX (dry run, all-or-nothing, progress as a job) and exports."""

import csv
import io
import uuid
from datetime import date, timedelta
from typing import Any

import httpx
from fastapi import FastAPI
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.core.audit import AuditEvent
from grassroots.core.localtime import local_today
from grassroots.core.security import SYSTEM
from grassroots.imports.service import import_members
from grassroots.jobs.models import Job
from grassroots.jobs.service import Progress, fail_interrupted
from grassroots.members.models import Member
from grassroots.volunteering.enums import RecordStatus
from grassroots.volunteering.models import VolunteerRecord, VolunteerTally
from tests.builders import assert_problem, make_member, make_organization, make_record
from tests.members.test_members import id_number
from tests.world import build_world

MEMBER_HEADERS = [
    "姓名",
    "性别",
    "公民身份号码",
    "所在党组织编码",
    "党员类别",
    "入党日期",
    "是否流动党员",
    "联系电话",
]


def csv_bytes(rows: list[list[str]], encoding: str = "utf-8-sig") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows: list[list[Any]]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


async def upload(
    client: httpx.AsyncClient, path: str, content: bytes, **form: str
) -> dict[str, Any]:
    response = await client.post(
        f"/api/v1/imports/{path}", files={"file": ("名册.csv", content)}, data=form
    )
    assert response.status_code == 202, response.text
    job_url = response.headers["location"]
    job = (await client.get(job_url)).json()
    assert job["state"] in {"succeeded", "failed"}, job
    return job


async def _count(session: AsyncSession, model: Any) -> int:
    return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def test_a_dry_run_reports_every_problem_by_row_and_column(
    client: httpx.AsyncClient, session: AsyncSession
):
    await make_organization(session, code="330127001201")
    good, twin = id_number("19800101", sequence="111"), id_number("19810101", sequence="222")
    rows = [
        MEMBER_HEADERS,
        ["张伟", "男", good, "330127001201", "正式党员", "2001/7/1", "否", "13800001111"],
        ["李娜", "女", twin, "330127001201", "预备党员", "2023-06-30", "是", ""],
        ["", "", "", "", "", "", "", ""],
        ["王芳", "女", twin, "330127001201", "正式党员", "", "", ""],
        [
            "赵磊",
            "未知",
            id_number("19900101")[:-1] + "0",
            "999999",
            "正式党员",
            "2099-01-01",
            "也许",
            "",
        ],
    ]
    job = await upload(client, "members", csv_bytes(rows, "gb18030"), dry_run="true")
    assert job["state"] == "succeeded" and job["dry_run"] is True
    assert job["total_rows"] == 4 and job["percent"] == 100
    problems = {(p["row"], p["column"], p["code"]) for p in job["errors"]}
    assert (6, "所在党组织编码", "organization_not_found") in problems
    assert (6, "性别", "invalid_choice") in problems
    assert (6, "是否流动党员", "invalid_yes_no") in problems
    assert (6, "入党日期", "date_in_future") in problems
    assert (6, "公民身份号码", "id_number_check_digit_wrong") in problems
    assert (5, "公民身份号码", "duplicate_id_number") in problems
    assert {row for row, _, _ in problems} == {5, 6}
    assert all(column for _, column, _ in problems), "every problem names its column"
    assert "nothing was imported" in job["message"]
    assert await _count(session, Member) == 0


async def test_the_real_import_is_all_or_nothing(client: httpx.AsyncClient, session: AsyncSession):
    await make_organization(session, code="330127001201")
    rows = [
        MEMBER_HEADERS,
        ["张伟", "男", id_number(sequence="111"), "330127001201", "正式党员", "", "", ""],
        ["坏行", "男", "12345", "330127001201", "正式党员", "", "", ""],
    ]
    job = await upload(client, "members", csv_bytes(rows), dry_run="false")
    assert job["state"] == "failed" and job["error_count"] == 1
    assert await _count(session, Member) == 0
    del rows[2]
    rows.append(
        [
            "李娜",
            "女",
            id_number("19851212", sequence="333"),
            "330127001201",
            "预备党员",
            "2020-07-01",
            "是",
            "13912345678",
        ]
    )
    job = await upload(client, "members", xlsx_bytes(rows), dry_run="false")
    assert job["state"] == "succeeded" and job["created_rows"] == 2, job
    imported = {m.name: m for m in await session.scalars(select(Member))}
    assert set(imported) == {"张伟", "李娜"}
    assert imported["李娜"].birth_date == date(1985, 12, 12) and imported["李娜"].is_migrant
    assert imported["李娜"].phone == "13912345678" and imported["李娜"].version == 1
    found = (await client.get("/api/v1/members", params={"q": imported["李娜"].id_number})).json()
    assert [m["name"] for m in found["items"]] == ["李娜"]
    [event] = await session.scalars(select(AuditEvent).where(AuditEvent.action == "import"))
    assert event.changes == {"rows": 2, "job_id": job["id"]}
    again = await upload(client, "members", xlsx_bytes(rows), dry_run="true")
    assert {p["code"] for p in again["errors"]} == {"member_id_number_taken"}


async def test_tables_that_cannot_be_imported(client: httpx.AsyncClient):
    missing = await upload(client, "members", csv_bytes([["姓名", "性别"], ["张三", "男"]]))
    assert missing["state"] == "failed" and "所在党组织编码" in missing["message"]
    garbage = await upload(client, "members", b"\x00\x01\x02 not a table \xff")
    assert garbage["state"] == "failed"
    empty = await client.post("/api/v1/imports/members", files={"file": ("a.csv", b"")})
    assert_problem(empty, 422)


async def test_importing_records_checks_the_day_and_verifies_into_the_tallies(
    client: httpx.AsyncClient, session: AsyncSession
):
    village = await make_organization(session, code="V01")
    number = id_number("19700101", sequence="555")
    member = await make_member(session, organization=village, id_number=number)
    day = local_today() - timedelta(days=3)
    await make_record(session, member=member, hours="20", served_on=day)
    headers = ["身份证号", "服务日期", "服务时长(小时)", "服务类型", "服务对象人数", "服务内容"]
    over = [
        headers,
        [number, str(day), "3", "志愿服务", "2", "巡河"],
        [number, str(day), "2", "结对帮扶", "1", "送药"],
        [id_number("19710101"), str(day), "1", "志愿服务", "", ""],
    ]
    job = await upload(client, "volunteer-records", csv_bytes(over), dry_run="false", verify="true")
    assert job["state"] == "failed"
    assert {(p["row"], p["code"]) for p in job["errors"]} == {
        (2, "volunteer_day_over_24_hours"),
        (3, "volunteer_day_over_24_hours"),
        (4, "member_not_found"),
    }
    fine = [
        headers,
        [number, str(day), "3", "志愿服务", "2", "巡河"],
        [number, str(day - timedelta(days=40)), "1.5", "民情恳谈", "", "入户走访"],
    ]
    job = await upload(
        client, "volunteer-records", xlsx_bytes(fine), dry_run="false", verify="true"
    )
    assert job["state"] == "succeeded" and job["created_rows"] == 2, job
    statuses = [r.status for r in await session.scalars(select(VolunteerRecord))]
    assert statuses.count(RecordStatus.VERIFIED) == 2
    tallied = await session.scalar(select(func.sum(VolunteerTally.minutes)))
    assert tallied == 270


async def test_imports_stay_in_the_callers_scope(app: FastAPI, session: AsyncSession):
    world = await build_world(session)
    async with world.client(app, "org_staff") as staff:
        rows = [MEMBER_HEADERS, ["越权", "男", "", world.village_b.code, "正式党员", "", "", ""]]
        job = await upload(staff, "members", csv_bytes(rows))
        assert [p["code"] for p in job["errors"]] == ["organization_not_found"]
    async with world.client(app, "reviewer") as reviewer:
        refused = await reviewer.post(
            "/api/v1/imports/members", files={"file": ("a.csv", csv_bytes(rows))}
        )
        assert_problem(refused, 403)
    async with world.client(app, "admin") as other:
        job_id = job["id"]
        assert_problem(await other.get(f"/api/v1/jobs/{job_id}"), 404, "job_not_found")


async def test_interrupted_jobs_are_marked_failed(app: FastAPI, session: AsyncSession):
    job = Job(kind="import_members", state="running", created_by_id=uuid.uuid4(), errors=[])
    session.add(job)
    await session.commit()
    await fail_interrupted(app.state.sessionmaker)
    await session.refresh(job)
    assert job.state == "failed" and "restarted" in (job.message or "")


async def test_exports_stream_masked_tables_in_chinese(
    client: httpx.AsyncClient, session: AsyncSession
):
    village = await make_organization(session, code="V02", name="东村党支部")
    number = id_number("19660606", sequence="777")
    member = await make_member(
        session,
        organization=village,
        name="陈红",
        id_number=number,
        phone="13700001234",
        gender="female",
    )
    await make_record(session, member=member, hours="1.5")
    exported = await client.get("/api/v1/members/export", params={"format": "csv"})
    assert exported.status_code == 200
    assert exported.headers["content-type"].startswith("text/csv")
    assert "filename*=UTF-8''" in exported.headers["content-disposition"]
    assert exported.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["姓名", "性别", "出生日期"]
    assert rows[1][0] == "陈红" and rows[1][1] == "女" and "137****1234" in rows[1]
    assert number not in exported.text and "660606" not in rows[1][5]
    book = await client.get("/api/v1/volunteer-records/export")
    assert book.headers["content-type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(book.content)).active
    values = list(sheet.values)
    assert values[0][0] == "党员姓名" and values[1][0] == "陈红" and values[1][2] == "V02"
    assert "1.5" in {str(v) for v in values[1]}
    assert_problem(await client.get("/api/v1/members/export", params={"format": "pdf"}), 422)


class RecordingProgress(Progress):
    """The job's real progress, noting each update as it is written."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.updates: list[dict[str, Any]] = []

    async def update(self, **values: Any) -> None:
        self.updates.append(values)
        await super().update(**values)


async def test_a_large_import_reports_its_progress_as_it_goes(app: FastAPI, session: AsyncSession):
    await make_organization(session, code="330127001201")
    rows = [MEMBER_HEADERS] + [
        [f"党员{i}", "男", "", "330127001201", "正式党员", "", "", ""] for i in range(2500)
    ]
    job = Job(kind="import_members", dry_run=True, created_by_id=SYSTEM.id, errors=[])
    session.add(job)
    await session.commit()
    progress = RecordingProgress(app.state.sessionmaker, job.id)
    outcome = await import_members(session, progress, SYSTEM, content=csv_bytes(rows), dry_run=True)
    assert outcome.message == "All 2500 rows can be imported."
    assert progress.updates[0] == {"total_rows": 2500}
    assert [u["processed_rows"] for u in progress.updates[1:]] == [1000, 2000, 2500]
    await session.refresh(job)
    assert (job.total_rows, job.processed_rows) == (2500, 2500)
