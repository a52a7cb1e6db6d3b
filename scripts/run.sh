#!/usr/bin/env bash
# `make run`: install what is missing, start the services, load demo data and
# serve Sayara at http://127.0.0.1:${PORT:-8000}. Ctrl-C stops what it started.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

PORT="${PORT:-8000}"
# HOST=0.0.0.0 serves the phones on this network too (the mobile app, mobile/README.md).
HOST="${HOST:-127.0.0.1}"
if [ "$HOST" != "127.0.0.1" ] && [ -z "${DJANGO_ALLOWED_HOSTS:-}" ]; then
  # Django answers only the names it knows: this machine's addresses, as a phone asks for them.
  DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost,$(hostname -I 2>/dev/null | xargs | tr ' ' ',')"
  export DJANGO_ALLOWED_HOSTS="${DJANGO_ALLOWED_HOSTS%,}"
fi
DEMO_LISTINGS="${DEMO_LISTINGS:-3000}"
port_open "$PORT" && die "port $PORT is in use: set PORT to another one (PORT=8001 make run)"

install_all
services_start

SUPERVISOR=""
cleanup() {
  trap - EXIT INT TERM
  say "stopping Sayara"
  # supervisord stops every process it runs (each with its children) before it exits.
  if [ -n "$SUPERVISOR" ]; then kill -TERM "$SUPERVISOR" 2>/dev/null || true; wait "$SUPERVISOR" 2>/dev/null || true; fi
  services_stop_started
}
trap cleanup EXIT
trap 'exit 130' INT TERM

build_frontend
"$PY" manage.py migrate --noinput >"$LOGS/migrate.log" || { cat "$LOGS/migrate.log"; die "migrations failed"; }
"$PY" manage.py collectstatic --noinput -v 0
"$PY" manage.py ensure_index
"$PY" manage.py seed_demo --listings "$DEMO_LISTINGS" --if-empty --exchange-rates --no-progress

say "starting the worker, beat and web server under supervisord (logs in $LOGS)"
# scripts/supervisord.conf reads these; a process that exits is restarted there.
export SAYARA_ROOT="$ROOT" SAYARA_VENV="$VENV" SAYARA_LOGS="$LOGS" SAYARA_RUN="$RUN" SAYARA_STATE_DIR="$STATE" PORT HOST
export SAYARA_INSTANCE="${SAYARA_INSTANCE:-sayara}" WEB_WORKERS="${WEB_WORKERS:-2}"
"$VENV/bin/supervisord" -c "$ROOT/scripts/supervisord.conf" &
SUPERVISOR=$!

for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 || { tail -n 30 "$LOGS/web.log"; die "the web server did not start"; }
[ "$HOST" = "127.0.0.1" ] || say "phones on this network reach it at http://$(lan_address):$PORT (the app: HOST=$HOST make mobile)"
say "Sayara is running at http://127.0.0.1:$PORT   (API docs: /api/v1/docs/, admin: /admin/; Ctrl-C stops)"
say "processes: $VENV/bin/supervisorctl -s unix://$RUN/supervisor.sock status   (restarts: $LOGS/supervisord.log)"
wait "$SUPERVISOR" || true
say "supervisord stopped; see $LOGS/supervisord.log"
