#!/usr/bin/env bash
# `make run`: install what is missing, start the services, load demo data and
# serve Sayara at http://127.0.0.1:${PORT:-8000}. Ctrl-C stops what it started.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

PORT="${PORT:-8000}"
DEMO_LISTINGS="${DEMO_LISTINGS:-3000}"
port_open "$PORT" && die "port $PORT is in use: set PORT to another one (PORT=8001 make run)"

install_all
services_start

PIDS=()
cleanup() {
  trap - EXIT INT TERM
  say "stopping Sayara"
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  services_stop_started
}
trap cleanup EXIT
trap 'exit 130' INT TERM

build_frontend
"$PY" manage.py migrate --noinput >"$LOGS/migrate.log" || { cat "$LOGS/migrate.log"; die "migrations failed"; }
"$PY" manage.py collectstatic --noinput -v 0
"$PY" manage.py ensure_index
"$PY" manage.py seed_demo --listings "$DEMO_LISTINGS" --if-empty --no-progress

say "starting the Celery worker and beat (logs in $LOGS)"
"$VENV/bin/celery" -A web worker --loglevel=INFO --concurrency=2 -Q "${SAYARA_INSTANCE:-sayara}" >>"$LOGS/worker.log" 2>&1 &
PIDS+=($!)
"$VENV/bin/celery" -A web beat --loglevel=INFO -s "$STATE/celerybeat-schedule" >>"$LOGS/beat.log" 2>&1 &
PIDS+=($!)
"$VENV/bin/uvicorn" web.asgi:application --host 127.0.0.1 --port "$PORT" --log-level warning \
  --workers "${WEB_WORKERS:-2}" >>"$LOGS/web.log" 2>&1 &
PIDS+=($!)

for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 || { tail -n 30 "$LOGS/web.log"; die "the web server did not start"; }
say "Sayara is running at http://127.0.0.1:$PORT   (API docs: /api/v1/docs/, admin: /admin/; Ctrl-C stops)"
wait -n "${PIDS[@]}" || true
say "a process stopped; see $LOGS"
