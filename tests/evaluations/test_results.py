"""A cycle's results: the worked example through the API, filters, sorts, pages, export."""

import csv
import io
from contextlib import contextmanager

import httpx
from fastapi import FastAPI
from openpyxl import load_workbook
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession

from tests.builders import assert_problem
from tests.evaluations.builders import make_example_cycle

API = "/api/v1"


@contextmanager
def count_statements(app: FastAPI):
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args):
        statements.append(statement)

    engine = app.state.engine.sync_engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


async def _finalized(client: httpx.AsyncClient, session: AsyncSession):
    _, cycle, evaluations = await make_example_cycle(session)
    finalized = await client.post(f"{API}/evaluation-cycles/{cycle.id}/finalize")
    assert finalized.json() == {"changed": 3}
    return cycle, evaluations


async def test_results_reproduce_the_worked_example(
    client: httpx.AsyncClient, session: AsyncSession
):
    cycle, evaluations = await _finalized(client, session)
    url = f"{API}/evaluation-cycles/{cycle.id}/results"
    response = await client.get(url)
    assert response.status_code == 200, response.text
    rows = response.json()["items"]
    assert [r["id"] for r in rows] == [str(evaluations[k].id) for k in "BAC"]
    b, a, c = rows
    assert [r["total"] for r in rows] == [90.64, 88.44, 54.0]
    assert [r["rank"] for r in rows] == [1, 2, 3]
    assert [r["computed_grade"] for r in rows] == ["fair", "good", "poor"]
    assert [r["grade"] for r in rows] == [None, None, None]
    assert a["self_score"] == 92.0 and a["public_score"] == 86.1111 and a["review_score"] == 89.0
    assert b["review_score"] == 93.0 and b["satisfaction_rate"] == 0.7778
    assert c["flags"] == ["too_few_public_ratings", "weak_and_lax_suggested"]
    assert a["flags"] == b["flags"] == []
    assert [r["rating_count"] for r in rows] == [3, 3, 1]
    assert (a["domain_rank"], b["domain_rank"], c["domain_rank"]) == (2, 1, 1)
    assert b["classification"] == "advanced" and a["classification"] == "middle"
    assert a["organization_name"] == a["subject_name"] == "甲村党支部"
    assert a["member_id"] is None and a["member_name"] is None and c["domain"] == "community"


async def test_results_filter_sort_and_page(
    app: FastAPI, client: httpx.AsyncClient, session: AsyncSession
):
    cycle, evaluations = await _finalized(client, session)
    url = f"{API}/evaluation-cycles/{cycle.id}/results"
    ids = {str(e.id): k for k, e in evaluations.items()}

    async def keys(**params) -> list[str]:
        response = await client.get(url, params=params)
        assert response.status_code == 200, response.text
        return [ids[r["id"]] for r in response.json()["items"]]

    assert await keys(order="total") == ["B", "A", "C"]
    assert await keys(order="name") == sorted(
        "ABC", key=lambda k: ["甲", "乙", "丙"]["ABC".index(k)]
    )
    assert await keys(flag="weak_and_lax_suggested") == ["C"]
    assert await keys(flag="too_few_public_ratings", domain="rural") == []
    assert await keys(grade="fair") == ["B"]
    assert await keys(domain="community") == ["C"]
    assert await keys(classification="advanced") == ["B"]
    # A confirmed grade replaces the computed one in the filter.
    confirmed = await client.post(
        f"{API}/evaluations/{evaluations['B'].id}/confirm",
        json={"grade": "good", "reason": "群众评价突出"},
    )
    assert confirmed.status_code == 200, confirmed.text
    assert await keys(grade="fair") == []
    assert await keys(grade="good") == ["B", "A"]
    walked, cursor = [], None
    while True:
        params = {"limit": 1, "order": "total", **({"cursor": cursor} if cursor else {})}
        body = (await client.get(url, params=params)).json()
        walked += [ids[r["id"]] for r in body["items"]]
        if not (cursor := body["next_cursor"]):
            break
    assert walked == ["B", "A", "C"]
    assert_problem(await client.get(url, params={"order": "grade"}), 422)
    with count_statements(app) as one:
        await client.get(url, params={"limit": 1})
    with count_statements(app) as three:
        await client.get(url, params={"limit": 3})
    assert len(one) == len(three) <= 10


async def test_results_export_as_csv_and_xlsx_with_chinese_headers(
    client: httpx.AsyncClient, session: AsyncSession
):
    cycle, _ = await _finalized(client, session)
    url = f"{API}/evaluation-cycles/{cycle.id}/results/export"
    response = await client.get(url, params={"format": "csv"})
    assert response.status_code == 200, response.text
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, *rows = table
    assert header[:5] == ["排名", "领域内排名", "党组织", "书记", "领域"]
    assert "综合得分" in header and "核定等次" in header and "满意率" in header
    column = {name: i for i, name in enumerate(header)}
    assert [r[column["党组织"]] for r in rows] == ["乙村党支部", "甲村党支部", "丙社区党支部"]
    assert [r[column["综合得分"]] for r in rows] == ["90.64", "88.44", "54.0"]
    assert [r[column["计算等次"]] for r in rows] == ["一般", "较好", "较差"]
    assert rows[2][column["提示"]] == "测评人数不足、建议列为软弱涣散"
    assert rows[0][column["满意率"]] == "77.8%"
    filtered = await client.get(url, params={"format": "csv", "domain": "community"})
    assert len(filtered.content.decode("utf-8-sig").strip().splitlines()) == 2
    xlsx = await client.get(url, params={"format": "xlsx", "order": "name"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).worksheets[0]
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][2] == "党组织" and len(values) == 4
    assert [v[2] for v in values[1:]] == sorted(v[2] for v in values[1:])
