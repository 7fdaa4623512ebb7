"""The committed openapi.yaml is exactly what the app serves."""

from pathlib import Path

import yaml
from fastapi import FastAPI

ROOT = Path(__file__).resolve().parents[1]


def test_openapi_yaml_matches_the_app(app: FastAPI):
    on_disk = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))
    assert on_disk == app.openapi(), "openapi.yaml is stale: run `make openapi`"


def test_operation_ids_are_tag_and_function_name(app: FastAPI):
    for path, operations in app.openapi()["paths"].items():
        for method, operation in operations.items():
            tag = operation["tags"][0]
            assert operation["operationId"].startswith(f"{tag}-"), (method, path)


def test_error_responses_are_documented_as_problems(app: FastAPI):
    document = app.openapi()
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            errors = {s: r for s, r in operation["responses"].items() if s[0] in "45"}
            assert errors or path.startswith("/api/v1/meta"), (method, path)
            for status, response in errors.items():
                assert "application/problem+json" in response["content"], (method, path, status)
                assert response["x-problem-codes"], (method, path, status)
