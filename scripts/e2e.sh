#!/usr/bin/env bash
# End-to-end tests: the whole stack (web, worker with beat) on its own database
# and index (instance "e2e"), the built app, and Playwright driving Debian's
# Chromium against it: the web app (frontend/e2e), then the phone app's browser
# build (frontend/e2e/mobile-app-*.spec.ts, React Native Web, served on E2E_MOBILE_PORT with the
# stack behind it). Called by scripts/test.sh; runnable alone once services run
# (arguments go to Playwright: `scripts/e2e.sh phone` runs e2e/phone.spec.ts;
# E2E_APPS=mobile runs only the phone app's, E2E_APPS=web only the web app's).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

# E2E_INSTANCE lets two checkouts run their end-to-end stacks on one machine side by side.
E2E_INSTANCE="${E2E_INSTANCE:-e2e}"
export SAYARA_INSTANCE="$E2E_INSTANCE" POSTGRES_DB="sayara_$E2E_INSTANCE" DJANGO_DEBUG=0 OUTBOX_SWEEP_SECONDS=1 LOG_LEVEL=WARNING
export DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost"
E2E_PORT="${E2E_PORT:-8765}"
port_open "$E2E_PORT" && die "port $E2E_PORT is in use (set E2E_PORT)"
E2E_APPS="${E2E_APPS:-web mobile}"
export E2E_MOBILE_PORT="${E2E_MOBILE_PORT:-$((E2E_PORT + 1))}"
[[ " $E2E_APPS " == *" mobile "* ]] && port_open "$E2E_MOBILE_PORT" && die "port $E2E_MOBILE_PORT is in use (set E2E_MOBILE_PORT)"

# A fresh database and index each run: the tests create their own users and cars.
psql -X -q -h "$POSTGRES_HOST" -p "$POSTGRES_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 >/dev/null <<SQL
DROP DATABASE IF EXISTS "$POSTGRES_DB" WITH (FORCE);
CREATE DATABASE "$POSTGRES_DB" OWNER "$POSTGRES_USER";
SQL
curl -fsS -X DELETE "$(opensearch_first_url)/$E2E_INSTANCE-listings*" >/dev/null 2>&1 || true
redis-cli -p "$REDIS_PORT" del "$E2E_INSTANCE" >/dev/null 2>&1 || true

build_frontend
if [[ " $E2E_APPS " == *" mobile "* ]]; then install_npm mobile; build_mobile_web; fi
"$PY" manage.py migrate --noinput -v 0
"$PY" manage.py collectstatic --noinput -v 0
"$PY" manage.py ensure_index >/dev/null
"$PY" manage.py seed_demo --listings 300 --no-progress --force >/dev/null
"$PY" manage.py relay_outbox >/dev/null
# The moderator of the moderation journey (frontend/e2e/support/api.ts, MODERATOR).
DJANGO_SUPERUSER_PASSWORD="Sayara-e2e-Pass-2026!" "$PY" manage.py createsuperuser --noinput \
  --email moderator@e2e.sayara.test --display_name Moderator >/dev/null

E2E_LOGS="$LOGS/$E2E_INSTANCE"; mkdir -p "$E2E_LOGS"
# E-mails (verification links) as files the tests read, like a mailbox.
export EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend EMAIL_FILE_PATH="$E2E_LOGS/mail"
rm -rf "$EMAIL_FILE_PATH"; mkdir -p "$EMAIL_FILE_PATH"
# Every test registers and signs in from 127.0.0.1.
export REGISTER_MAX_PER_IP=100000 LOGIN_IP_MAX_FAILURES=100000
PIDS=()
stop_stack() { for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap stop_stack EXIT
"$VENV/bin/celery" -A web worker -B -s "$E2E_LOGS/beat-schedule" --loglevel=INFO --concurrency=2 -Q "$E2E_INSTANCE" >"$E2E_LOGS/worker.log" 2>&1 &
PIDS+=($!)
"$VENV/bin/uvicorn" web.asgi:application --host 127.0.0.1 --port "$E2E_PORT" --workers 2 --log-level warning >"$E2E_LOGS/web.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 150); do curl -fsS "http://127.0.0.1:$E2E_PORT/healthz" >/dev/null 2>&1 && break; sleep 0.2; done

playwright() { # the app's name, then Playwright's arguments
  local app="$1"; shift
  (cd frontend && E2E_BASE_URL="http://127.0.0.1:$E2E_PORT" E2E_MAIL_DIR="$EMAIL_FILE_PATH" npm run --silent e2e -- --reporter=list "$@") || {
    tail -n 40 "$E2E_LOGS/web.log" "$E2E_LOGS/worker.log"; die "end-to-end tests of the $app app failed"; }
}
if [[ " $E2E_APPS " == *" web "* ]]; then
  say "Playwright against http://127.0.0.1:$E2E_PORT (screenshots in frontend/test-results/)"
  playwright web ${1:+--pass-with-no-tests} "$@"
fi
if [[ " $E2E_APPS " == *" mobile "* ]]; then
  say "Playwright against the phone app's browser build on http://127.0.0.1:$E2E_MOBILE_PORT (screenshots in frontend/test-results/mobile-artifacts/)"
  # Arguments name the specs of either app: the other's run may find none.
  playwright mobile --config playwright.mobile.config.ts ${1:+--pass-with-no-tests} "$@"
fi
