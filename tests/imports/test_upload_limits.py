"""Uploaded tables are bounded before they are parsed (a small XLSX that expands to a huge
sheet is refused), capped in rows, read as a stream, and parsed off the event loop."""

import asyncio
import io
import os
import socket
import subprocess
import sys
import time
import zipfile
from collections.abc import AsyncIterator, Iterable, Iterator
from contextlib import contextmanager
from typing import Any
from xml.sax.saxutils import escape

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.core.tabular import ArchiveTooLarge, ReadLimits, check_archive, read_table
from grassroots.main import create_app
from tests.builders import (
    TEST_SECRET,
    TEST_UPLOADS,
    assert_problem,
    bearer,
    make_organization,
    make_user,
    settings_for_tests,
)
from tests.imports.test_imports import csv_bytes, upload

PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
    ),
}


def raw_xlsx(rows: Iterable[list[str]], padding: int = 0) -> bytes:
    """An XLSX file written directly (much faster than openpyxl for 100,000 rows), with
    `padding` bytes of blank space inside its sheet, as a compression bomb would have."""
    sheet = io.StringIO()
    sheet.write(
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        "<sheetData>"
    )
    for number, row in enumerate(rows, start=1):
        cells = "".join(f'<c t="inlineStr"><is><t>{escape(value)}</t></is></c>' for value in row)
        sheet.write(f'<row r="{number}">{cells}</row>')
    sheet.write(" " * padding)
    sheet.write("</sheetData></worksheet>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, text in PARTS.items():
            archive.writestr(name, text)
        archive.writestr("xl/worksheets/sheet1.xml", sheet.getvalue())
    return buffer.getvalue()


HEADERS = ["姓名", "性别", "所在党组织编码", "党员类别"]


@pytest.fixture
async def small_limits_app(database_url: str) -> AsyncIterator[FastAPI]:
    app = create_app(
        settings_for_tests(
            database_url,
            max_import_rows=5,
            max_upload_uncompressed_bytes=64 * 1024,
        )
    )
    yield app
    await app.state.engine.dispose()


async def test_a_compression_bomb_is_refused_before_it_is_parsed(client: httpx.AsyncClient):
    bomb = raw_xlsx([HEADERS, ["张三", "男", "V01", "正式党员"]], padding=63 * 1024 * 1024)
    assert len(bomb) < 200 * 1024
    response = await client.post(
        "/api/v1/imports/members", files={"file": ("名册.xlsx", bomb)}, data={"dry_run": "true"}
    )
    body = assert_problem(response, 413, "upload_too_large_uncompressed")
    assert "compressed" in body["detail"]
    with pytest.raises(ArchiveTooLarge):
        read_table(bomb)


def test_declared_sizes_and_entries_are_bounded():
    table = raw_xlsx([HEADERS] + [["张三", "男", "V01", "正式党员"]] * 2000)
    check_archive(table, ReadLimits())
    with pytest.raises(ArchiveTooLarge, match="expands"):
        check_archive(table, ReadLimits(max_uncompressed_bytes=100_000))
    with pytest.raises(ArchiveTooLarge, match="parts"):
        check_archive(table, ReadLimits(max_entries=3))
    check_archive(b"name,code\n", ReadLimits(max_entries=0))  # a CSV has no archive


async def test_the_limits_come_from_the_settings(small_limits_app: FastAPI, session: AsyncSession):
    await make_organization(session, code="V01")
    root = await make_user(session, superuser=True)
    transport = httpx.ASGITransport(app=small_limits_app, raise_app_exceptions=False)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://testserver", headers=bearer(root)
    ) as client:
        rows = [HEADERS] + [[f"党员{i}", "男", "V01", "正式党员"] for i in range(6)]
        for content in (csv_bytes(rows), raw_xlsx(rows)):
            job = await upload(client, "members", content)
            assert job["state"] == "failed" and job["error_code"] == "import_too_many_rows"
            assert job["total_rows"] == 0 and job["errors"] == []
        job = await upload(client, "members", csv_bytes(rows[:6]))
        assert job["state"] == "succeeded" and job["total_rows"] == 5, job
        big = raw_xlsx([HEADERS] + [["张三", "男", "V01", "正式党员"]] * 1000)
        refused = await client.post("/api/v1/imports/members", files={"file": ("a.xlsx", big)})
        assert_problem(refused, 413, "upload_too_large_uncompressed")


@contextmanager
def serving(database_url: str) -> Iterator[str]:
    """The real app served by uvicorn in a process of its own, as in production (a client in
    the same process would compete with it for the interpreter); yields its base URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    environment = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": TEST_SECRET,
        "DATA_KEY": TEST_SECRET,
        "FRONTEND_DIST": "/nonexistent/frontend/dist",
        "UPLOAD_DIR": str(TEST_UPLOADS),
        "LOG_LEVEL": "WARNING",
        "REDIS_URL": "",
    }
    command = [sys.executable, "-m", "uvicorn", "grassroots.main:create_app", "--factory"]
    server = subprocess.Popen(
        [*command, "--host", "127.0.0.1", "--port", str(port), "--no-access-log"],
        env=environment,
        stdout=subprocess.DEVNULL,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        # A minute to start, longer while the machine runs more than its cores can (parallel
        # test workers beside other jobs): starting imports the whole app.
        deadline = time.monotonic() + 60 * oversubscription()
        while True:
            assert server.poll() is None, "the server stopped"
            assert time.monotonic() < deadline, "the server did not start"
            try:
                if httpx.get(f"{base_url}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        yield base_url
    finally:
        server.terminate()
        server.wait(timeout=30)


def oversubscription() -> float:
    """How many times its cores this machine is loaded, at least 1: with the load average at
    several times the cores, every process gets a fraction of one and waits its turn."""
    return max(1.0, os.getloadavg()[0] / (os.cpu_count() or 1))


def allowed_latency() -> float:
    """200 ms, stretched by how oversubscribed this machine is."""
    return 0.2 * oversubscription()


async def test_the_server_answers_while_a_large_table_is_imported(
    database_url: str, session: AsyncSession
):
    await make_organization(session, code="V01")
    root = await make_user(session, superuser=True)
    rows = 100_000
    table = raw_xlsx([HEADERS] + [[f"党员{i}", "男", "V01", "正式党员"] for i in range(rows)])
    with serving(database_url) as base_url:
        async with (
            httpx.AsyncClient(base_url=base_url, headers=bearer(root), timeout=300) as client,
            httpx.AsyncClient(base_url=base_url, timeout=300) as prober,
        ):
            started = time.perf_counter()
            response = await client.post(
                "/api/v1/imports/members",
                files={"file": ("名册.xlsx", table)},
                data={"dry_run": "true"},
            )
            assert response.status_code == 202, response.text

            async def finished() -> dict[str, Any]:
                while True:
                    job: dict[str, Any] = (await client.get(response.headers["location"])).json()
                    if job["state"] in {"succeeded", "failed"}:
                        return job
                    await asyncio.sleep(0.5)

            watching = asyncio.create_task(finished())
            # A probe every 20 ms, each timed from when it was due, so that a blocked server
            # shows however the wait falls.
            latencies, interval, due = [], 0.02, time.perf_counter()
            allowed = allowed_latency()
            while not watching.done():
                due += interval
                await asyncio.sleep(max(0.0, due - time.perf_counter()))
                assert (await prober.get("/healthz")).status_code == 200
                latencies.append(time.perf_counter() - due)
                allowed = max(allowed, allowed_latency())
                due = max(due, time.perf_counter())
            job = await watching
            elapsed = time.perf_counter() - started
    assert job["state"] == "succeeded" and job["total_rows"] == rows, job
    assert job["error_count"] == 0
    latencies.sort()
    print(
        f"import of {rows} rows: {elapsed:.1f} s, {len(latencies)} /healthz probes, "
        f"p50 {latencies[len(latencies) // 2] * 1000:.0f} ms, "
        f"p99 {latencies[len(latencies) * 99 // 100] * 1000:.0f} ms, "
        f"max {latencies[-1] * 1000:.0f} ms (allowed {allowed * 1000:.0f} ms)"
    )
    assert len(latencies) >= 50
    assert latencies[-1] < allowed, latencies[-5:]
