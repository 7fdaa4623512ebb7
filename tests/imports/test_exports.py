"""Exports that are safe to open in a spreadsheet: text that looks like a formula is quoted,
written as text, and read back without the quote; numbers stay numbers."""

import csv
import io
from collections.abc import AsyncIterator
from decimal import Decimal
from typing import Any

import httpx
import pytest
from openpyxl import load_workbook
from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.core.tabular import Column, csv_stream, read_table, xlsx_stream
from grassroots.members.models import Member
from grassroots.volunteering.models import VolunteerRecord
from tests.builders import make_member, make_organization, make_record
from tests.imports.test_imports import upload

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
HOSTILE_MEMBER = {
    "name": '=HYPERLINK("http://evil.example/","点我")',
    "work_unit": "+SUM(1,2)",
    "current_location": "-2+3",
    "ethnicity": "@汉族",
}
HOSTILE_DESCRIPTION = "=cmd|' /C calc'!A0"


def csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def assert_no_live_formula(rows: list[list[Any]]) -> None:
    for row in rows:
        for cell in row:
            assert not (isinstance(cell, str) and cell.startswith(TRIGGERS)), cell


async def _hostile_member(session: AsyncSession) -> Member:
    village = await make_organization(session, code="V77")
    return await make_member(session, organization=village, **HOSTILE_MEMBER)


@pytest.mark.parametrize("table_format", ["csv", "xlsx"])
async def test_member_exports_quote_formulas_and_read_back_unchanged(
    client: httpx.AsyncClient, session: AsyncSession, table_format: str
):
    await _hostile_member(session)
    exported = await client.get("/api/v1/members/export", params={"format": table_format})
    assert exported.status_code == 200
    if table_format == "csv":
        rows = csv_rows(exported.content)
        assert_no_live_formula(rows)
        by_header = dict(zip(rows[0], rows[1], strict=True))
    else:
        sheet = load_workbook(io.BytesIO(exported.content)).active
        cells = list(sheet.iter_rows())
        assert all(cell.data_type != "f" for row in cells for cell in row)
        assert_no_live_formula([[cell.value for cell in row] for row in cells])
        by_header = {h.value: c for h, c in zip(cells[0], cells[1], strict=True)}
        assert {by_header[h].data_type for h in ("姓名", "工作单位", "流动去向", "民族")} == {"s"}
        by_header = {header: cell.value for header, cell in by_header.items()}
    assert by_header["姓名"] == "'" + HOSTILE_MEMBER["name"]
    assert by_header["工作单位"] == "'+SUM(1,2)" and by_header["流动去向"] == "'-2+3"
    assert by_header["民族"] == "'@汉族"

    # Our own export imports back as it was: the protective quote is taken off again.
    await session.execute(delete(Member))
    await session.commit()
    job = await upload(client, "members", exported.content, dry_run="false")
    assert job["state"] == "succeeded", job
    member = await session.scalar(select(Member))
    assert member is not None
    for key, value in HOSTILE_MEMBER.items():
        assert getattr(member, key) == value


@pytest.mark.parametrize("table_format", ["csv", "xlsx"])
async def test_record_exports_quote_formulas_and_keep_hours_numeric(
    client: httpx.AsyncClient, session: AsyncSession, table_format: str
):
    member = await _hostile_member(session)
    record = await make_record(session, member=member, hours="2.5")
    record.description = HOSTILE_DESCRIPTION
    await session.commit()
    exported = await client.get("/api/v1/volunteer-records/export", params={"format": table_format})
    assert exported.status_code == 200
    if table_format == "csv":
        rows = csv_rows(exported.content)
        assert_no_live_formula(rows)
        by_header = dict(zip(rows[0], rows[1], strict=True))
        assert by_header["服务时长（小时）"] == "2.5"
    else:
        sheet = load_workbook(io.BytesIO(exported.content)).active
        cells = list(sheet.iter_rows())
        assert all(cell.data_type != "f" for row in cells for cell in row)
        by_cell = {h.value: c for h, c in zip(cells[0], cells[1], strict=True)}
        hours = by_cell["服务时长（小时）"]
        assert hours.data_type == "n" and hours.value == 2.5
        assert by_cell["服务内容"].data_type == "s"
        by_header = {header: cell.value for header, cell in by_cell.items()}
    assert by_header["服务内容"] == "'" + HOSTILE_DESCRIPTION
    assert by_header["党员姓名"] == "'" + HOSTILE_MEMBER["name"]
    # The import reads the description back without the quote it was given.
    headers, table = read_table(exported.content)
    [row] = list(table)
    assert dict(zip(headers, row, strict=True))["服务内容"] == HOSTILE_DESCRIPTION
    assert await session.scalar(select(VolunteerRecord.description)) == HOSTILE_DESCRIPTION


async def _rows(*rows: dict[str, Any]) -> AsyncIterator[dict[str, Any]]:
    for row in rows:
        yield row


async def _collect(stream: AsyncIterator[bytes]) -> bytes:
    return b"".join([chunk async for chunk in stream])


async def test_numbers_stay_numbers_and_only_text_is_quoted():
    columns = [Column("value", "值", "Value")]
    values = [-3, 2.5, Decimal("-1.25"), "-3", "'=already quoted", "plain", "\tTAB"]

    book = await _collect(xlsx_stream(columns, _rows(*({"value": v} for v in values))))
    cells = [row[0] for row in load_workbook(io.BytesIO(book)).active.iter_rows(min_row=2)]
    assert [(c.data_type, c.value) for c in cells] == [
        ("n", -3),
        ("n", 2.5),
        ("n", -1.25),
        ("s", "'-3"),
        ("s", "''=already quoted"),
        ("s", "plain"),
        ("s", "'\tTAB"),
    ]
    text = await _collect(csv_stream(columns, _rows(*({"value": v} for v in values))))
    assert [row[0] for row in csv_rows(text)[1:]] == [
        "-3",
        "2.5",
        "-1.25",
        "'-3",
        "''=already quoted",
        "plain",
        "'\tTAB",
    ]
    # Reading back takes off exactly the quote the export added, and nothing else.
    for content in (book, text):
        _, rows = read_table(content)
        read_back = [row[0] for row in rows]
        assert read_back == ["-3", "2.5", "-1.25", "-3", "'=already quoted", "plain", "TAB"]
