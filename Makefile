# The two commands are `make run` and `make test`; each sets up what is missing first.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export HOST PORT

FRONTEND := frontend
FRONTEND_SOURCES := $(shell find $(FRONTEND)/src $(FRONTEND)/public -type f 2>/dev/null) \
	$(FRONTEND)/index.html $(FRONTEND)/vite.config.ts $(FRONTEND)/tsconfig.json
CHROMIUM := /usr/bin/chromium
# pytest-xdist workers of the API suite: one per core by default; TEST_WORKERS=0 runs it serially.
# worksteal: an idle worker takes queued tests from a busy one, so the slow tests do not leave
# one worker waiting at the end.
TEST_WORKERS ?= auto

.PHONY: help run demo dev test test-sqlite test-postgres test-frontend test-e2e lint format \
	typecheck openapi migration install frontend-install spa browser bench bench-sqlite \
	bench-cost bench-import wrk

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed ## Create .venv and install the project into it

$(FRONTEND)/node_modules/.installed: $(FRONTEND)/package-lock.json
	cd $(FRONTEND) && npm ci --no-audit --no-fund
	touch $@

frontend-install: $(FRONTEND)/node_modules/.installed ## npm ci the web app when its lock file changed

$(FRONTEND)/dist/index.html: $(FRONTEND)/node_modules/.installed $(FRONTEND_SOURCES)
	cd $(FRONTEND) && npm run build

spa: $(FRONTEND)/dist/index.html ## Build the web app into frontend/dist when its sources changed

browser: ## Install Debian's Chromium and CJK fonts for the browser tests when missing
	@if [ ! -x $(CHROMIUM) ] || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk; \
	fi

run: install spa ## Migrate, create the first admin from ADMIN_USERNAME/ADMIN_PASSWORD if set, serve app and API on HOST:PORT
	$(BIN)/grassroots migrate
	$(BIN)/grassroots create-admin --from-env
	@echo "Grassroots is at http://$(HOST):$(PORT)/ (API docs at /api/docs)"
	$(BIN)/uvicorn --factory grassroots.main:create_app --host $(HOST) --port $(PORT) \
		--loop uvloop --http httptools --no-access-log --no-proxy-headers

demo: install ## Load the demo county and one account per role (passwords printed once)
	$(BIN)/grassroots migrate
	$(BIN)/grassroots seed --demo

dev: install frontend-install ## The API on PORT and Vite with hot reload on 5173 (proxying /api to it)
	$(BIN)/grassroots migrate
	$(BIN)/uvicorn --factory grassroots.main:create_app --host $(HOST) --port $(PORT) --reload \
		--reload-dir backend --no-proxy-headers & api=$$!; trap "kill $$api" EXIT; \
		cd $(FRONTEND) && API_TARGET=http://$(HOST):$(PORT) npm run dev

test: lint typecheck test-sqlite test-postgres test-frontend test-e2e ## Run every check CI runs

lint: install ## ruff lint and format check, and the import contracts (pyproject.toml)
	$(BIN)/ruff check backend tests bench
	$(BIN)/ruff format --check backend tests bench
	$(BIN)/lint-imports

typecheck: install ## mypy, strict on backend/
	$(BIN)/mypy

test-sqlite: install ## The test suite on SQLite, a database per worker (TEST_WORKERS=auto)
	env -u TEST_DATABASE_URL $(BIN)/pytest -n $(TEST_WORKERS) --dist worksteal

test-postgres: install ## The same on PostgreSQL at TEST_DATABASE_URL (required in CI)
	@if [ -z "$$TEST_DATABASE_URL" ]; then \
		if [ -n "$$CI" ]; then echo "CI must run the tests on PostgreSQL: set TEST_DATABASE_URL" >&2; exit 1; fi; \
		echo "TEST_DATABASE_URL is not set: the PostgreSQL pass is left to CI"; \
	else $(BIN)/pytest -n $(TEST_WORKERS) --dist worksteal; fi

test-frontend: frontend-install ## The web app: API types fresh, type-check, ESLint (with the import boundaries), Vitest
	cd $(FRONTEND) && npm run check:api && npm run lint && npm test

test-e2e: install spa browser ## Browser tests in Chromium against a fresh server
	rm -f tests/e2e/artifacts/report.json
	cd $(FRONTEND) && npm run e2e

wrk: ## Install Debian's wrk (the load generator of the benchmarks) when missing
	@command -v wrk >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk)

bench: install wrk ## City through a real server on PostgreSQL vs two baselines -> bench/results (BENCH_SCALE=0.01 to try)
	BENCH_DATABASE=postgresql $(BIN)/python -u -m bench.server_bench

bench-sqlite: install wrk ## The same at county scale on SQLite
	BENCH_DATABASE=sqlite $(BIN)/python -u -m bench.server_bench

bench-cost: install ## The app's own CPU per request, in process, on a PostgreSQL county (BENCH_DATABASE=sqlite)
	$(BIN)/python -m bench.request_cost

bench-import: install ## City-wide rollup and a 100,000-record import, in process, on PostgreSQL
	$(BIN)/python -m bench.volunteer_bench

format: install ## Format and auto-fix the code
	$(BIN)/ruff format backend tests bench
	$(BIN)/ruff check --fix backend tests bench

openapi: install frontend-install ## Regenerate openapi.yaml from the app, and the web app's types
	$(BIN)/grassroots openapi --output openapi.yaml
	cd $(FRONTEND) && npm run gen:api

migration: install ## New migration from the models: make migration m="what changed"
	@test -n "$(m)" || (echo 'usage: make migration m="what changed"' >&2; exit 1)
	$(BIN)/alembic revision --autogenerate -m "$(m)"
