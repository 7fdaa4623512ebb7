#!/usr/bin/env bash
# A fresh Grassroots server for the browser tests: an empty SQLite database, the first
# admin, the demo county, then the API and the built SPA (frontend/dist) on one port.
# Needs `make install` (the .venv) and `npm ci && npm run build` (frontend/dist) first.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
BIN="$ROOT/.venv/bin"
PORT="${E2E_PORT:-8765}"

if [[ ! -x "$BIN/grassroots" ]]; then
  echo "serve.sh: $BIN/grassroots is missing; run \`make install\` first" >&2
  exit 1
fi
if [[ ! -f "$ROOT/frontend/dist/index.html" ]]; then
  echo "serve.sh: frontend/dist is missing; run \`npm run build\` in frontend/ first" >&2
  exit 1
fi

DATA="$(mktemp -d "${TMPDIR:-/tmp}/grassroots-e2e.XXXXXX")"
server=""
cleanup() {
  if [[ -n "$server" ]]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$DATA"
}
trap cleanup EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

export DATABASE_URL="sqlite:///$DATA/e2e.db"
export SECRET_KEY="e2e-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
export DATA_KEY="e2e-data-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
export FRONTEND_DIST="$ROOT/frontend/dist"
export UPLOAD_DIR="$DATA/uploads"
export ADMIN_USERNAME="${E2E_ADMIN_USERNAME:-e2e-admin}"
export ADMIN_PASSWORD="${E2E_ADMIN_PASSWORD:-Qingshan-e2e-2024}"
export LOG_LEVEL="${LOG_LEVEL:-WARNING}"

"$BIN/grassroots" migrate
# Before the demo seed: create-admin --from-env does nothing once any account exists.
"$BIN/grassroots" create-admin --from-env
# The functional specs bring their own data into the bare county; the demo spec (E2E_DEMO=full)
# looks at the whole demo county with its members, service and grids.
if [[ "${E2E_DEMO:-}" == "full" ]]; then
  "$BIN/grassroots" seed --demo >/dev/null
else
  "$BIN/grassroots" seed --demo --tree-only >/dev/null
fi

"$BIN/uvicorn" --factory grassroots.main:create_app --host 127.0.0.1 --port "$PORT" --no-access-log &
server=$!
wait "$server"
