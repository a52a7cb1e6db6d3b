#!/usr/bin/env bash
# `make bench`: figures beside their baselines, on their own database and index,
# saved as JSON in .state/bench/. Arguments go to scripts/bench/run.py.
#
# The instance and database come from the environment (SAYARA_INSTANCE,
# POSTGRES_DB; default bench / sayara_bench), so several people can bench on one
# machine: SAYARA_INSTANCE=bench_me POSTGRES_DB=sayara_bench_me scripts/bench.sh.
# A benchmark empties its database to seed it: both names must say "bench".
set -euo pipefail
BENCH_INSTANCE="${SAYARA_INSTANCE:-bench}"
BENCH_DB="${POSTGRES_DB:-sayara_$BENCH_INSTANCE}"
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
case "$BENCH_INSTANCE" in bench*) ;; *) die "the benchmark empties its database: SAYARA_INSTANCE must start with 'bench' (it is '$BENCH_INSTANCE')" ;; esac
case "$BENCH_DB" in *bench*) ;; *) die "the benchmark empties its database: POSTGRES_DB must contain 'bench' (it is '$BENCH_DB')" ;; esac

install_all
build_frontend  # the Lighthouse arm measures the production build
services_start
trap services_stop_started EXIT

export SAYARA_INSTANCE="$BENCH_INSTANCE" POSTGRES_DB="$BENCH_DB" DJANGO_DEBUG=0 LOG_LEVEL=WARNING
psql -X -q -h "$POSTGRES_HOST" -p "$POSTGRES_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 >/dev/null <<SQL
SELECT 'CREATE DATABASE "$BENCH_DB" OWNER "$POSTGRES_USER"'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$BENCH_DB')\gexec
SQL
"$PY" manage.py migrate --noinput -v 0
"$PY" scripts/bench/run.py "$@"
