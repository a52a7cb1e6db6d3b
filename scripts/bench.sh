#!/usr/bin/env bash
# `make bench`: figures beside their baselines, on their own database and index
# (instance "bench"), saved as JSON in .state/bench/. Arguments go to scripts/bench/run.py.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

install_all
build_frontend  # the Lighthouse arm measures the production build
services_start
trap services_stop_started EXIT

export SAYARA_INSTANCE=bench POSTGRES_DB=sayara_bench DJANGO_DEBUG=0 LOG_LEVEL=WARNING
psql -X -q -h "$POSTGRES_HOST" -p "$POSTGRES_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 >/dev/null <<SQL
SELECT 'CREATE DATABASE sayara_bench OWNER "$POSTGRES_USER"'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'sayara_bench')\gexec
SQL
"$PY" manage.py migrate --noinput -v 0
"$PY" scripts/bench/run.py "$@"
