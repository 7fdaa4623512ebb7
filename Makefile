# The two commands are `make run` and `make test`; each sets up what is missing first.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export HOST PORT

.PHONY: help run demo dev-api test test-sqlite test-postgres lint format typecheck openapi migration install

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed ## Create .venv and install the project into it

run: install ## Migrate, create the first admin from ADMIN_USERNAME/ADMIN_PASSWORD if set, serve on HOST:PORT
	$(BIN)/grassroots migrate
	$(BIN)/grassroots create-admin --from-env
	$(BIN)/uvicorn --factory grassroots.main:create_app --host $(HOST) --port $(PORT) \
		--loop uvloop --http httptools --no-access-log --proxy-headers

demo: install ## Load the demo county and one account per role (passwords printed once)
	$(BIN)/grassroots migrate
	$(BIN)/grassroots seed --demo

test: lint typecheck test-sqlite test-postgres ## Run every check CI runs

lint: install ## ruff lint and format check
	$(BIN)/ruff check backend tests
	$(BIN)/ruff format --check backend tests

typecheck: install ## mypy, strict on backend/
	$(BIN)/mypy

test-sqlite: install ## The test suite on SQLite
	env -u TEST_DATABASE_URL $(BIN)/pytest

test-postgres: install ## The test suite on PostgreSQL at TEST_DATABASE_URL (required in CI)
	@if [ -z "$$TEST_DATABASE_URL" ]; then \
		if [ -n "$$CI" ]; then echo "CI must run the tests on PostgreSQL: set TEST_DATABASE_URL" >&2; exit 1; fi; \
		echo "TEST_DATABASE_URL is not set: the PostgreSQL pass is left to CI"; \
	else $(BIN)/pytest; fi

format: install ## Format and auto-fix the code
	$(BIN)/ruff format backend tests
	$(BIN)/ruff check --fix backend tests

openapi: install ## Regenerate openapi.yaml from the app
	$(BIN)/grassroots openapi --output openapi.yaml

migration: install ## New migration from the models: make migration m="what changed"
	@test -n "$(m)" || (echo 'usage: make migration m="what changed"' >&2; exit 1)
	$(BIN)/alembic revision --autogenerate -m "$(m)"
