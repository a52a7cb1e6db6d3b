#!/usr/bin/env bash
# `make test`: the same set-up as `make run`, then every test against the real
# services: backend (pytest, with a real Celery worker), frontend (Vitest) and
# end to end (Playwright driving Debian's Chromium against the running stack:
# the web app, and the mobile app's browser build) and the mobile app (tsc, jest-expo).
# Extra arguments go to pytest (scripts/test.sh -k search).
set -euo pipefail
export SAYARA_WITH_BROWSER=1
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

install_all
# The mobile app's packages before pytest: web/tests/test_mobile_app_http.py runs the app against the API.
install_npm mobile
services_start
trap services_stop_started EXIT

export SAYARA_INSTANCE="${SAYARA_INSTANCE:-test}"
export DJANGO_DEBUG=0

say "lint (ruff)"
"$VENV/bin/ruff" check .
"$VENV/bin/ruff" format --check . >/dev/null || { "$VENV/bin/ruff" format --diff . | head -n 40; die "run: .venv/bin/ruff format ."; }
say "types (mypy)"
"$VENV/bin/mypy" core search indexer discovery web testing
say "import rules (import-linter, .importlinter)"
"$VENV/bin/lint-imports" --no-cache >/dev/null || { "$VENV/bin/lint-imports" --no-cache | sed -n '/Broken contracts/,$p'; die "an import breaks ARCHITECTURE.md's rules (.importlinter)"; }
say "API types match the schema (scripts/api_types.sh --check)"
"$ROOT/scripts/api_types.sh" --check
"$PY" manage.py makemigrations --check --dry-run >/dev/null || die "a model change has no migration: run manage.py makemigrations"

# The ASGI server under test serves static files (the API docs' Swagger UI) as production does.
"$PY" manage.py collectstatic --noinput -v 0
if [ $# -eq 0 ]; then
  # The end-to-end tests' builds (the web app, the phone app's browser export) need
  # only node, and the backend tests mostly wait on their servers and workers:
  # build while they run (logs in .state/logs/*-build.log); scripts/e2e.sh finds them fresh.
  # Their servers see no built app (as on a fresh clone), never one half written.
  (build_frontend && build_mobile_web) &
  BUILDS=$!
fi
say "backend tests (pytest)"
# The whole suite starts from a new test database: rows left by an interrupted
# run (pytest reuses the database for speed, pyproject.toml) must not fail it.
if [ $# -eq 0 ]; then
  FRONTEND_DIST="$STATE/no-frontend-dist" "$VENV/bin/pytest" --create-db --durations=25
else
  "$VENV/bin/pytest" "$@"
fi

if [ $# -eq 0 ]; then
  wait "$BUILDS" || die "building the apps for the end-to-end tests failed (see .state/logs/frontend-build.log, mobile-web-build.log)"
fi
if [ -f frontend/package.json ] && [ $# -eq 0 ]; then
  say "frontend checks and unit tests"
  (cd frontend && npm run --silent typecheck && npm run --silent lint && npm run --silent test)
  if [ -f frontend/playwright.config.ts ]; then
    say "end-to-end tests (Playwright)"
    "$ROOT/scripts/e2e.sh"
  fi
fi
if [ -f mobile/package.json ] && [ $# -eq 0 ]; then
  say "mobile app checks and tests (tsc, jest)"
  (cd mobile && npm run --silent typecheck && npm test --silent)
fi
say "all tests passed"
