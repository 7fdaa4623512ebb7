"""Importing grids, teams and units from tables and grid boundaries from GeoJSON: a dry run
that stores nothing, problems by row and column, all or nothing, and scope."""

import io
import json
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from openpyxl import load_workbook
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from grassroots.grids.models import Grid, GridIndexMarker, GridTeam, GridTeamPerson, Unit
from grassroots.organizations.enums import Kind, Tier
from tests.builders import make_grid, make_member, make_organization
from tests.imports.test_imports import csv_bytes, upload, xlsx_bytes
from tests.imports.test_problem_codes import by_cell
from tests.members.test_members import id_number
from tests.world import build_world

GRID_HEADERS = ["所属组织编码", "网格编码", "网格名称", "户数", "人口数", "楼栋", "说明"]
TEAM_HEADERS = ["所属组织编码", "网格编码", "团队名称", "服务类型", "是否启用", "角色"]
TEAM_HEADERS += ["姓名", "公民身份号码", "手机号码"]
UNIT_HEADERS = ["所属组织编码", "单位名称", "单位类型", "规模（人数）", "纬度", "经度"]
UNIT_HEADERS += ["网格编码", "覆盖方式", "覆盖党组织编码"]
SQUARE = [[120.0, 30.0], [120.01, 30.0], [120.01, 30.01], [120.0, 30.01], [120.0, 30.0]]


async def _count(session: AsyncSession, model: Any) -> int:
    return int(await session.scalar(select(func.count()).select_from(model)) or 0)


def feature(code: str | None, geometry: Any, organization: str | None = None) -> dict[str, Any]:
    properties = {"网格编码": code} if code is not None else {}
    if organization is not None:
        properties["所属组织编码"] = organization
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def collection(*features: dict[str, Any]) -> bytes:
    return json.dumps({"type": "FeatureCollection", "features": list(features)}).encode()


# Grids -------------------------------------------------------------------------------------


@pytest.mark.parametrize("as_xlsx", [False, True])
async def test_grids_import_after_a_dry_run_that_stores_nothing(
    client: httpx.AsyncClient, session: AsyncSession, as_xlsx: bool
):
    await make_organization(session, code="V01")
    rows = [
        GRID_HEADERS,
        ["V01", "WG-01", "第一网格", "320", "910", "1 幢、2 幢；3 幢", "东至河滨路"],
        ["V01", "WG-02", "第二网格", "", "", "", ""],
    ]
    content = xlsx_bytes(rows) if as_xlsx else csv_bytes(rows)
    dry = await upload(client, "grids", content, dry_run="true")
    assert (dry["state"], dry["error_count"], dry["total_rows"]) == ("succeeded", 0, 2)
    assert await _count(session, Grid) == 0

    job = await upload(client, "grids", content, dry_run="false")
    assert (job["state"], job["created_rows"]) == ("succeeded", 2), job
    listed = (await client.get("/api/v1/grids")).json()["items"]
    first = next(grid for grid in listed if grid["code"] == "WG-01")
    assert (first["name"], first["households"], first["population"]) == ("第一网格", 320, 910)
    assert first["buildings"] == ["1 幢", "2 幢", "3 幢"]
    assert first["description"] == "东至河滨路" and first["boundary"] is None


async def test_grid_rows_with_problems_are_reported_and_nothing_is_imported(
    client: httpx.AsyncClient, session: AsyncSession
):
    await make_organization(session, code="V01")
    county = await make_organization(session, code="C01", kind=Kind.COMMITTEE, tier=Tier.COUNTY)
    await make_grid(session, organization=(await _org(session, "V01")), code="OLD")
    assert county.code == "C01"
    rows = [
        GRID_HEADERS,
        ["V01", "A-1", "好网格", "10", "20", "", ""],  # 2: fine
        ["V01", "A-1", "重复", "", "", "", ""],  # 3: duplicate code in the table
        ["V01", "OLD", "已有", "", "", "", ""],  # 4: code taken
        ["NOPE", "B-1", "未知组织", "", "", "", ""],  # 5: unknown organization
        ["C01", "C-1", "县级", "", "", "", ""],  # 6: a county holds no grids
        ["V01", "bad code!", "", "-3", "很多", "", ""],  # 7: several cells
    ]
    for dry_run in ("true", "false"):
        job = await upload(client, "grids", csv_bytes(rows), dry_run=dry_run)
        problems = by_cell(job)
        assert job["state"] == ("succeeded" if dry_run == "true" else "failed")
        assert problems[(3, "网格编码")]["code"] == "grid_code_duplicate"
        assert problems[(3, "网格编码")]["params"] == {"row": 2}
        assert problems[(4, "网格编码")]["code"] == "grid_code_taken"
        assert problems[(5, "所属组织编码")]["code"] == "organization_not_found"
        assert problems[(5, "所属组织编码")]["value"] == "NOPE"
        assert problems[(6, "所属组织编码")]["code"] == "grid_organization_tier"
        assert problems[(7, "网格编码")]["code"] == "invalid_format"
        assert problems[(7, "网格名称")]["code"] == "missing"
        assert problems[(7, "户数")]["code"] == "out_of_range"
        assert problems[(7, "人口数")]["code"] == "invalid_integer"
        assert not any(row == 2 for row, _ in problems)
    assert job["error_code"] == "import_rows_refused"
    assert await _count(session, Grid) == 1  # only the grid made before: all or nothing


async def _codes(session: AsyncSession, *organizations: Any) -> list[str]:
    for organization in organizations:
        await session.refresh(organization)
    return [organization.code for organization in organizations]


async def _org(session: AsyncSession, code: str) -> Any:
    from grassroots.organizations.models import Organization

    found = await session.scalar(select(Organization).where(Organization.code == code))
    assert found is not None
    return found


async def test_an_admin_imports_only_into_their_own_subtree(app: FastAPI, session: AsyncSession):
    world = await build_world(session)
    code_a, code_b = await _codes(session, world.village_a, world.village_b)
    rows = [
        GRID_HEADERS,
        [code_a, "A-1", "甲村一网格", "", "", "", ""],
        [code_b, "B-1", "乙村一网格", "", "", "", ""],
    ]
    async with world.client(app, "admin") as admin:
        job = await upload(admin, "grids", csv_bytes(rows), dry_run="false")
        problems = by_cell(job)
        assert list(problems) == [(3, "所属组织编码")]
        # Another branch's organization reads exactly like one that does not exist.
        assert problems[(3, "所属组织编码")]["code"] == "organization_not_found"
        assert await _count(session, Grid) == 0
        grid_b = await make_grid(session, organization=world.village_b, code="B-1")
        boundary = collection(feature("B-1", {"type": "Polygon", "coordinates": [SQUARE]}))
        job = await upload(
            admin, "grid-boundaries", boundary, dry_run="false", organization_code=code_b
        )
        assert by_cell(job)[(1, "所属组织编码")]["code"] == "organization_not_found"
        await session.refresh(grid_b)
        assert grid_b.boundary is None
    async with world.client(app, "member") as member:
        refused = await member.post(
            "/api/v1/imports/grids", files={"file": ("g.csv", csv_bytes(rows))}
        )
        assert refused.status_code == 403


async def test_a_formula_in_a_cell_is_kept_as_text_never_run(
    client: httpx.AsyncClient, session: AsyncSession
):
    await make_organization(session, code="V01")
    hostile = '=HYPERLINK("http://evil.example/","点我")'
    rows = [GRID_HEADERS, ["V01", "F-1", hostile, "", "", "", "+SUM(1,2)"]]
    # Read back from an XLSX with a live formula: the cell's formula is not evaluated, and
    # openpyxl gives no cached value, so the name is missing rather than computed.
    live = xlsx_bytes([GRID_HEADERS, ["V01", "F-2", "=1+1", "", "", "", ""]])
    job = await upload(client, "grids", live, dry_run="true")
    assert by_cell(job)[(2, "网格名称")]["code"] == "missing"
    # Text that looks like a formula (a quoted one too, as our exports write it) is stored
    # as the text it is, and quoted back as text in a problem.
    rows.append(["V01", "F-1", "'" + hostile, "", "", "", ""])
    job = await upload(client, "grids", csv_bytes(rows), dry_run="true")
    assert by_cell(job)[(3, "网格编码")]["code"] == "grid_code_duplicate"
    job = await upload(client, "grids", csv_bytes(rows[:2]), dry_run="false")
    assert job["state"] == "succeeded", job
    grid = await session.scalar(select(Grid))
    assert grid is not None
    assert (grid.name, grid.description) == (hostile, "+SUM(1,2)")
    rows = [GRID_HEADERS, ["V01", "F-1", hostile, "", "", "", ""]]
    job = await upload(client, "grids", csv_bytes(rows), dry_run="true")
    assert by_cell(job)[(2, "网格编码")]["code"] == "grid_code_taken"


@pytest.mark.parametrize(
    ("path", "headers"),
    [
        ("grids", GRID_HEADERS),
        ("grid-teams", TEAM_HEADERS),
        (
            "units",
            [
                "所属组织编码",
                "单位名称",
                "单位类型",
                "规模（人数）",
                "纬度",
                "经度",
                "网格编码",
                "网格所属组织编码",
                "覆盖方式",
                "覆盖党组织编码",
            ],
        ),
    ],
)
async def test_templates_have_the_headers_an_example_and_notes(
    client: httpx.AsyncClient, session: AsyncSession, path: str, headers: list[str]
):
    response = await client.get(f"/api/v1/imports/{path}/template")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["导入", "示例", "说明"]
    assert [list(row) for row in book["导入"].values] == [headers]
    example = list(book["示例"].values)
    assert len(example) == 2 and all(not str(v or "").startswith("=") for v in example[1])
    # The CSV template imports as nothing: its example row is skipped.
    csv_template = await client.get(f"/api/v1/imports/{path}/template", params={"format": "csv"})
    job = await upload(client, path, csv_template.content, dry_run="true")
    assert (job["state"], job["total_rows"], job["error_count"]) == ("succeeded", 0, 0)


# Teams -------------------------------------------------------------------------------------


async def test_teams_import_with_members_and_volunteers(
    client: httpx.AsyncClient, session: AsyncSession
):
    village = await make_organization(session, code="V01")
    grid = await make_grid(session, organization=village, code="WG-01")
    leader_id, worker_id = id_number(sequence="111"), id_number(sequence="222")
    leader = await make_member(session, organization=village, name="张伟", id_number=leader_id)
    worker = await make_member(session, organization=village, name="李娜", id_number=worker_id)
    rows = [
        TEAM_HEADERS,
        [
            "V01",
            "WG-01",
            "一网格服务队",
            "志愿服务、结对帮扶",
            "是",
            "网格长",
            "张伟",
            leader_id,
            "",
        ],
        ["V01", "WG-01", "一网格服务队", "", "", "网格员", "", worker_id, ""],
        ["V01", "WG-01", "一网格服务队", "", "", "志愿者", "王芳", "", "13800001111"],
        ["V01", "WG-01", "夜巡队", "", "否", "志愿者", "赵六", "", ""],
    ]
    dry = await upload(client, "grid-teams", csv_bytes(rows), dry_run="true")
    assert (dry["state"], dry["error_count"]) == ("succeeded", 0), dry
    assert await _count(session, GridTeam) == 0
    job = await upload(client, "grid-teams", csv_bytes(rows), dry_run="false")
    assert (job["state"], job["created_rows"]) == ("succeeded", 4), job

    teams = (await client.get("/api/v1/grid-teams", params={"grid_id": str(grid.id)})).json()
    by_name = {team["name"]: team for team in teams["items"]}
    first = by_name["一网格服务队"]
    assert first["active"] is True
    assert set(first["service_kinds"]) == {"volunteer_service", "pairing_assistance"}
    people = [(p["role"], p["member_id"], p["name"], p["phone"]) for p in first["people"]]
    assert people == [
        ("grid_leader", str(leader.id), "张伟", None),
        ("grid_worker", str(worker.id), "李娜", None),
        ("volunteer", None, "王芳", "138****1111"),
    ]
    assert by_name["夜巡队"]["active"] is False
    stored = await session.scalar(select(GridTeamPerson).where(GridTeamPerson.name == "王芳"))
    assert stored is not None and stored.phone == "13800001111"


async def test_team_rows_report_leader_rules_and_unknown_people(
    client: httpx.AsyncClient, session: AsyncSession
):
    village = await make_organization(session, code="V01")
    other = await make_organization(session, code="V02")
    await make_grid(session, organization=village, code="WG-01")
    a, b, c = (id_number(sequence=s) for s in ("111", "222", "333"))
    await make_member(session, organization=village, name="甲", id_number=a)
    await make_member(session, organization=village, name="乙", id_number=b)
    await make_member(session, organization=other, name="丙", id_number=c)
    unknown = id_number(sequence="999")
    rows = [
        TEAM_HEADERS,
        ["V01", "WG-01", "甲队", "", "", "网格长", "", a, ""],  # 2
        ["V01", "WG-01", "甲队", "", "", "网格长", "", b, ""],  # 3: a second leader
        ["V01", "WG-01", "甲队", "", "", "党员", "", a, ""],  # 4: the same member twice
        ["V01", "WG-01", "乙队", "", "", "网格员", "", unknown, ""],  # 5: no such member
        ["V01", "WG-99", "丙队", "", "", "网格长", "某人", "", ""],  # 6: unknown grid
        ["V01", "WG-01", "丁队", "", "是", "志愿者", "", "", "123"],  # 7: no name, bad phone
        ["V01", "WG-01", "丁队", "", "否", "网格员", "钱七", "", ""],  # 8: disagrees on 是否启用
        ["V01", "WG-01", "戊队", "", "", "厨师", "孙八", "", ""],  # 9: unknown role
    ]
    job = await upload(client, "grid-teams", csv_bytes(rows), dry_run="false")
    problems = by_cell(job)
    assert job["state"] == "failed" and job["error_code"] == "import_rows_refused"
    assert problems[(3, "角色")]["code"] == "grid_team_one_leader"
    assert problems[(3, "角色")]["params"] == {"row": 2}
    assert problems[(4, "公民身份号码")]["code"] == "grid_team_person_duplicate"
    assert problems[(4, "公民身份号码")]["value"] == a[:3] + "*" * 11 + a[-4:]
    assert problems[(5, "公民身份号码")]["code"] == "member_not_found"
    assert problems[(5, "角色")]["code"] == "grid_team_leader_required"  # 乙队 has no leader
    assert problems[(6, "网格编码")]["code"] == "grid_not_found"
    assert problems[(7, "姓名")]["code"] == "missing"
    assert problems[(7, "角色")]["code"] == "grid_team_leader_required"
    assert problems[(8, "是否启用")]["code"] == "grid_team_rows_disagree"
    assert problems[(9, "角色")]["code"] == "invalid_choice"
    assert not any(row == 2 for row, _ in problems)
    assert await _count(session, GridTeam) == 0 and await _count(session, GridTeamPerson) == 0


async def test_a_member_from_outside_serves_only_as_the_rules_allow(
    app: FastAPI, session: AsyncSession
):
    world = await build_world(session)
    await make_grid(session, organization=world.village_a, code="A-1")
    outsider_id = id_number(sequence="777")
    await make_member(session, organization=world.village_b, name="外人", id_number=outsider_id)
    (code_a,) = await _codes(session, world.village_a)
    rows = [
        TEAM_HEADERS,
        [code_a, "A-1", "甲队", "", "", "网格长", "", outsider_id, ""],
    ]
    async with world.client(app, "org_staff") as staff:
        job = await upload(staff, "grid-teams", csv_bytes(rows), dry_run="true")
        # Town A's staff cannot see town B's member: it reads as missing.
        assert by_cell(job)[(2, "公民身份号码")]["code"] == "member_not_found"


# Units -------------------------------------------------------------------------------------


async def test_units_import_and_report_their_problems(
    client: httpx.AsyncClient, session: AsyncSession
):
    village = await make_organization(session, code="V01")
    await make_organization(session, code="P01")
    grid = await make_grid(session, organization=village, code="WG-01")
    good = ["V01", "青山机械厂", "企业", "56", "29.6", "119.04", "WG-01", "联合组建", "P01"]
    bad = [
        ["V01", "无类型", "工厂", "", "", "", "", "", ""],  # 3
        ["V01", "半个位置", "楼宇", "", "29.6", "", "", "", ""],  # 4
        ["V01", "无覆盖组织", "商圈市场", "", "", "", "", "单独组建", ""],  # 5
        ["V01", "错网格", "企业", "", "", "", "NOPE", "未覆盖", "P01"],  # 6
        ["V01", "越界", "企业", "-1", "95", "200", "", "", ""],  # 7
    ]
    job = await upload(client, "units", csv_bytes([UNIT_HEADERS, good, *bad]), dry_run="false")
    problems = by_cell(job)
    assert job["state"] == "failed"
    assert problems[(3, "单位类型")]["code"] == "invalid_choice"
    assert problems[(4, "经度")]["code"] == "unit_location_incomplete"
    assert problems[(5, "覆盖党组织编码")]["code"] == "missing"
    assert problems[(6, "网格编码")]["code"] == "grid_not_found"
    assert problems[(6, "覆盖党组织编码")]["code"] == "unit_covering_without_coverage"
    assert {problems[(7, column)]["code"] for column in ("规模（人数）", "纬度", "经度")} == {
        "out_of_range"
    }
    assert await _count(session, Unit) == 0

    job = await upload(client, "units", csv_bytes([UNIT_HEADERS, good]), dry_run="false")
    assert (job["state"], job["created_rows"]) == ("succeeded", 1), job
    unit = await session.scalar(select(Unit))
    assert unit is not None
    assert (unit.name, unit.size, unit.grid_id, unit.coverage.value) == (
        "青山机械厂",
        56,
        grid.id,
        "joint",
    )


# Boundaries --------------------------------------------------------------------------------


async def test_boundaries_import_by_code_and_move_the_locate_index(
    client: httpx.AsyncClient, session: AsyncSession
):
    village = await make_organization(session, code="V01")
    grid = await make_grid(session, organization=village, code="WG-01")
    east = [[[x + 0.02, y] for x, y in SQUARE]]
    content = collection(
        feature("WG-01", {"type": "Polygon", "coordinates": [SQUARE]}, organization="V01"),
        feature("WG-02", {"type": "MultiPolygon", "coordinates": [east]}, organization="V01"),
    )
    await make_grid(session, organization=village, code="WG-02")
    dry = await upload(client, "grid-boundaries", content, dry_run="true")
    assert (dry["state"], dry["error_count"], dry["total_rows"]) == ("succeeded", 0, 2), dry
    await session.refresh(grid)
    assert grid.boundary is None and await _count(session, GridIndexMarker) == 0

    job = await upload(client, "grid-boundaries", content, dry_run="false")
    assert (job["state"], job["created_rows"]) == ("succeeded", 2), job
    located = await client.get("/api/v1/grids/locate", params={"lng": 120.005, "lat": 30.005})
    assert located.status_code == 200 and located.json()["code"] == "WG-01"
    located = await client.get("/api/v1/grids/locate", params={"lng": 120.025, "lat": 30.005})
    assert located.json()["code"] == "WG-02"
    read = (await client.get(f"/api/v1/grids/{grid.id}")).json()
    assert read["bbox"] == [120.0, 30.0, 120.01, 30.01] and read["version"] == 2


async def test_a_bad_boundary_says_which_ring_and_where_and_nothing_is_imported(
    client: httpx.AsyncClient, session: AsyncSession
):
    village = await make_organization(session, code="V01")
    good = await make_grid(session, organization=village, code="G-1")
    await make_grid(session, organization=village, code="G-2")
    open_ring = [*SQUARE[:-1], [120.0, 30.001]]
    bow_tie = [[120.0, 30.0], [120.01, 30.01], [120.01, 30.0], [120.0, 30.01], [120.0, 30.0]]
    hole_ok = [[120.002, 30.002], [120.004, 30.002], [120.004, 30.004], [120.002, 30.002]]
    content = collection(
        feature("G-1", {"type": "Polygon", "coordinates": [SQUARE]}),  # 1: fine
        feature("G-2", {"type": "Polygon", "coordinates": [SQUARE, open_ring]}),  # 2
        feature("G-9", {"type": "Polygon", "coordinates": [SQUARE]}),  # 3: unknown code
        feature("G-1", {"type": "Polygon", "coordinates": [SQUARE]}),  # 4: twice
        feature(None, {"type": "Polygon", "coordinates": [SQUARE]}),  # 5: no code
        feature("G-2", {"type": "MultiPolygon", "coordinates": [[SQUARE, hole_ok], [bow_tie]]}),
        feature("G-2", {"type": "Point", "coordinates": [120, 30]}),  # 7
        {"type": "Nonsense"},  # 8
    )
    job = await upload(client, "grid-boundaries", content, dry_run="false", organization_code="V01")
    problems = by_cell(job)
    assert job["state"] == "failed" and job["error_code"] == "import_rows_refused"
    assert problems[(2, "geometry.coordinates.1")]["code"] == "ring_not_closed"
    assert problems[(2, "geometry.coordinates.1")]["params"] == {"field": "boundary.coordinates.1"}
    assert problems[(3, "网格编码")]["code"] == "grid_not_found"
    assert problems[(3, "网格编码")]["value"] == "G-9"
    assert problems[(4, "网格编码")]["code"] == "grid_code_duplicate"
    assert problems[(4, "网格编码")]["params"] == {"row": 1}
    assert problems[(5, "网格编码")]["code"] == "missing"
    # Feature 6 names G-2 again, after feature 2 did: reported as a duplicate.
    assert problems[(6, "网格编码")]["code"] == "grid_code_duplicate"
    assert problems[(7, "网格编码")]["code"] == "grid_code_duplicate"
    assert problems[(8, "feature")]["code"] == "grid_boundary_feature_invalid"
    await session.refresh(good)
    assert good.boundary is None  # all or nothing

    # Alone, the MultiPolygon's bow-tie is pinned to polygon 1, ring 0, with the crossing.
    await make_grid(session, organization=village, code="G-3")
    content = collection(
        feature("G-3", {"type": "MultiPolygon", "coordinates": [[SQUARE, hole_ok], [bow_tie]]}),
        feature("G-2", {"type": "Point", "coordinates": [120, 30]}),
        feature(
            "G-1",
            {"type": "Polygon", "coordinates": [[[200, 30], [120, 30], [120, 31], [200, 30]]]},
        ),
    )
    job = await upload(client, "grid-boundaries", content, dry_run="true", organization_code="V01")
    problems = by_cell(job)
    crossing = problems[(1, "geometry.coordinates.1.0")]
    assert crossing["code"] == "ring_self_intersection"
    assert "[120.0050000, 30.0050000]" in crossing["reason"]
    assert problems[(2, "geometry")]["code"] == "grid_boundary_invalid"
    assert problems[(3, "geometry.coordinates.0.0")]["code"] == "longitude_out_of_range"


async def test_a_file_that_is_not_a_feature_collection_fails_its_job(
    client: httpx.AsyncClient, session: AsyncSession
):
    for content in (b"not json", b'{"type": "Feature"}', "网格".encode("gb18030")):
        job = await upload(client, "grid-boundaries", content, dry_run="true")
        assert (job["state"], job["error_code"]) == ("failed", "import_table_unreadable")
