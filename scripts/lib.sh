# Shared by every script: where things live, the defaults of the local stack,
# and the functions that install, start and stop the dev services.
# Sourced, never run. The defaults here match web/env.py.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="${SAYARA_STATE_DIR:-$ROOT/.state}"
VENV="${SAYARA_VENV:-$ROOT/.venv}"
PY="$VENV/bin/python"
LOGS="$STATE/logs"
RUN="$STATE/run"

export POSTGRES_HOST="${POSTGRES_HOST:-127.0.0.1}"
export POSTGRES_PORT="${POSTGRES_PORT:-5432}"
export POSTGRES_USER="${POSTGRES_USER:-sayara}"
export POSTGRES_PASSWORD="${POSTGRES_PASSWORD:-sayara}"
export POSTGRES_DB="${POSTGRES_DB:-sayara}"
export REDIS_PORT="${REDIS_PORT:-6379}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:$REDIS_PORT/0}"
export SEARCH_PORT="${SEARCH_PORT:-9200}"
export SEARCH_NODES="${SEARCH_NODES:-1}"
SEARCH_TRANSPORT_PORT="${SEARCH_TRANSPORT_PORT:-9300}"
if [ -z "${SEARCH_URL:-}" ]; then
  SEARCH_URL="http://127.0.0.1:$SEARCH_PORT"
  for ((i = 1; i < SEARCH_NODES; i++)); do SEARCH_URL+=",http://127.0.0.1:$((SEARCH_PORT + i))"; done
fi
export SEARCH_URL
if [ "$SEARCH_NODES" = 1 ]; then OPENSEARCH_HEAP="${OPENSEARCH_HEAP:-768m}"; else OPENSEARCH_HEAP="${OPENSEARCH_HEAP:-512m}"; fi

# Services this shell started (and so must stop); ones already running are reused.
STARTED=()

say() { printf '\033[1;34m[sayara]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[sayara]\033[0m %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    die "need root to run: $* (install it by hand or run as root)"; fi
}

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

# --- installation ------------------------------------------------------------

# Debian packages the stack needs; installed only when missing.
install_system_packages() {
  local want=()
  [ -n "$(pg_bin)" ] || want+=(postgresql)
  command -v pg_isready >/dev/null || want+=(postgresql-client)
  command -v redis-server >/dev/null || want+=(redis-server)
  command -v java >/dev/null || want+=(openjdk-17-jre-headless)
  command -v mvn >/dev/null || want+=(maven)
  command -v curl >/dev/null || want+=(curl)
  # The tests put the shipped nginx site in front of the web server (web/tests/test_behind_nginx.py).
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || want+=(nginx-light)
  if [ "${SAYARA_WITH_BROWSER:-0}" = 1 ] && [ ! -x /usr/bin/chromium ]; then want+=(chromium); fi
  if [ ${#want[@]} -gt 0 ]; then
    say "installing Debian packages: ${want[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null
  fi
}

# A file's content hash, to know when an install step must run again.
stamp_of() { cat "$@" 2>/dev/null | sha256sum | cut -c1-16; }

install_python() {
  local want; want="$(stamp_of "$ROOT"/requirements/base.txt "$ROOT"/requirements/dev.txt)"
  if [ ! -x "$PY" ]; then
    say "creating the Python virtual environment in $VENV"
    python3 -m venv "$VENV"
  fi
  if [ "$(cat "$VENV/.sayara-stamp" 2>/dev/null)" != "$want" ]; then
    say "installing Python packages (requirements/*.txt)"
    "$VENV/bin/pip" install -q --disable-pip-version-check -r "$ROOT/requirements/base.txt" -r "$ROOT/requirements/dev.txt"
    echo "$want" > "$VENV/.sayara-stamp"
  fi
}

# An npm project's packages as its lock pins them (frontend/, mobile/), again when the lock changes.
install_npm() {
  local dir="$ROOT/$1" want
  [ -f "$dir/package.json" ] || return 0
  want="$(stamp_of "$dir/package-lock.json")"
  if [ ! -d "$dir/node_modules" ] || [ "$(cat "$dir/node_modules/.sayara-stamp" 2>/dev/null)" != "$want" ]; then
    say "installing npm packages ($1/package-lock.json)"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$want" > "$dir/node_modules/.sayara-stamp"
  fi
}

install_frontend() { install_npm frontend; }

build_frontend() {
  local fe="$ROOT/frontend"
  [ -f "$fe/package.json" ] || return 0
  if [ ! -f "$fe/dist/index.html" ] || [ -n "$(find "$fe/src" "$fe/index.html" "$fe/package-lock.json" "$fe"/vite.config.* -newer "$fe/dist/index.html" 2>/dev/null | head -n 1)" ]; then
    say "building the web app (frontend/dist)"
    (cd "$fe" && npm run --silent build >"$LOGS/frontend-build.log" 2>&1) || { tail -n 40 "$LOGS/frontend-build.log"; die "frontend build failed"; }
  fi
}

# The phone app's browser build (React Native Web) for its end-to-end tests
# (frontend/e2e/mobile-app-*.spec.ts); without EXPO_PUBLIC_API_URL its API is the origin that serves it.
build_mobile_web() {
  local app="$ROOT/mobile"
  [ -f "$app/package.json" ] || return 0
  if [ ! -f "$app/dist-web/index.html" ] || [ -n "$(find "$app/src" "$app/index.ts" "$app/app.json" "$app/package-lock.json" -newer "$app/dist-web/index.html" 2>/dev/null | head -n 1)" ]; then
    say "building the phone app for the browser (mobile/dist-web, expo export)"
    (cd "$app" && env -u EXPO_PUBLIC_API_URL npm run --silent export:web >"$LOGS/mobile-web-build.log" 2>&1) || { tail -n 40 "$LOGS/mobile-web-build.log"; die "the phone app's web build failed"; }
  fi
}

# The OpenSearch runner's classpath, resolved by Maven from Central once per pom change.
install_opensearch() {
  local dir="$STATE/opensearch" pom="$ROOT/scripts/opensearch/pom.xml"
  mkdir -p "$dir"
  if [ ! -s "$dir/classpath.txt" ] || [ "$(cat "$dir/classpath.stamp" 2>/dev/null)" != "$(stamp_of "$pom")" ]; then
    say "resolving the OpenSearch runner with Maven (first time only)"
    mvn -q -B -f "$pom" dependency:build-classpath -Dmdep.outputFile="$dir/classpath.txt" >"$LOGS/maven.log" 2>&1 \
      || { tail -n 30 "$LOGS/maven.log"; die "Maven could not resolve the OpenSearch runner"; }
    stamp_of "$pom" > "$dir/classpath.stamp"
  fi
}

install_all() {
  mkdir -p "$STATE" "$LOGS" "$RUN"
  install_system_packages
  install_python
  install_opensearch
  install_frontend
}

# --- services ----------------------------------------------------------------

# This computer's address on its network (the first of hostname -I): where phones on the same Wi-Fi reach it.
lan_address() { hostname -I 2>/dev/null | awk '{print $1}'; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

postgres_start() {
  local bin data="$STATE/postgres" sock="$RUN/postgres"
  bin="$(pg_bin)"
  if "$bin/pg_isready" -q -h "$POSTGRES_HOST" -p "$POSTGRES_PORT"; then
    say "PostgreSQL already answers on $POSTGRES_PORT: reusing it"
    if [ "$(psql -X -At -h "$POSTGRES_HOST" -p "$POSTGRES_PORT" -U postgres -d postgres -c 'SHOW synchronous_commit' 2>/dev/null)" = off ]; then
      say "warning: that PostgreSQL commits asynchronously (synchronous_commit = off): a crash can lose acknowledged writes; restart it with this script, or ALTER SYSTEM SET synchronous_commit = on"
    fi
  else
    local runas=()
    [ "$(id -u)" = 0 ] && runas=(runuser -u postgres --)
    mkdir -p "$data" "$sock"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$data" "$sock" && chmod 700 "$data"
    if [ ! -f "$data/PG_VERSION" ]; then
      say "initialising PostgreSQL in $data"
      "${runas[@]}" "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$LOGS/postgres-init.log" 2>&1 \
        || { cat "$LOGS/postgres-init.log"; die "initdb failed"; }
      cat >>"$data/postgresql.conf" <<EOF
# Sayara dev/test node (scripts/lib.sh)
unix_socket_directories = '$sock'
include_if_exists = 'sayara.conf'
EOF
    fi
    # The settings are Sayara's (scripts/postgres/sayara.conf), refreshed at each start;
    # nodes made before it lose the asynchronous commits their config once asked for.
    cp "$ROOT/scripts/postgres/sayara.conf" "$data/sayara.conf"
    [ "$(id -u)" = 0 ] && chown postgres "$data/sayara.conf"
    grep -q "^include_if_exists = 'sayara.conf'" "$data/postgresql.conf" || echo "include_if_exists = 'sayara.conf'" >>"$data/postgresql.conf"
    sed -i '/^synchronous_commit = off$/d' "$data/postgresql.conf"
    touch "$LOGS/postgres.log"; [ "$(id -u)" = 0 ] && chown postgres "$LOGS/postgres.log"
    say "starting PostgreSQL on 127.0.0.1:$POSTGRES_PORT"
    "${runas[@]}" "$bin/pg_ctl" -D "$data" -l "$LOGS/postgres.log" -o "-p $POSTGRES_PORT" -w -t 60 start >/dev/null \
      || { tail -n 20 "$LOGS/postgres.log"; die "PostgreSQL did not start"; }
    STARTED+=(postgres)
  fi
  # The application role and database, created once.
  psql -X -q -h "$POSTGRES_HOST" -p "$POSTGRES_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 >/dev/null <<EOF
SELECT 'CREATE ROLE "$POSTGRES_USER" LOGIN SUPERUSER PASSWORD ''$POSTGRES_PASSWORD'''
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$POSTGRES_USER')\gexec
SELECT 'CREATE DATABASE "$POSTGRES_DB" OWNER "$POSTGRES_USER"'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$POSTGRES_DB')\gexec
EOF
}

postgres_stop() {
  local runas=(); [ "$(id -u)" = 0 ] && runas=(runuser -u postgres --)
  "${runas[@]}" "$(pg_bin)/pg_ctl" -D "$STATE/postgres" -m fast -w stop >/dev/null 2>&1 || true
}

redis_start() {
  if redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; then
    say "Redis already answers on $REDIS_PORT: reusing it"; return 0
  fi
  mkdir -p "$STATE/redis"
  say "starting Redis on 127.0.0.1:$REDIS_PORT"
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --daemonize yes --dir "$STATE/redis" \
    --pidfile "$RUN/redis.pid" --logfile "$LOGS/redis.log" --appendonly yes --save "" >/dev/null
  for _ in $(seq 1 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
  redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 || die "Redis did not start (see $LOGS/redis.log)"
  STARTED+=(redis)
}

redis_stop() { redis-cli -p "$REDIS_PORT" shutdown >/dev/null 2>&1 || true; }

# SEARCH_NODES=3 starts a three-node cluster instead of one node: three JVMs on
# loopback, HTTP on SEARCH_PORT, +1, +2 and transport on SEARCH_TRANSPORT_PORT,
# +1, +2, each with OPENSEARCH_HEAP (512m a node by default); SEARCH_URL then
# lists the three and the client fails over between them
# (docs/decisions/search-cluster.md).
opensearch_first_url() { echo "${SEARCH_URL%%,*}"; }
opensearch_health() {
  curl -fsS --max-time 2 "$(opensearch_first_url)/_cluster/health?wait_for_status=${1:-yellow}&wait_for_nodes=$SEARCH_NODES&timeout=1s" 2>/dev/null \
    | grep -q '"timed_out":false'
}

# The opensearch.yml of node $1 (1-based): the shared settings, then its discovery.
opensearch_config() {
  cat "$ROOT/scripts/opensearch/opensearch.yml"
  if [ "$SEARCH_NODES" = 1 ]; then echo "discovery.type: single-node"; return; fi
  local peers="" i
  for ((i = 0; i < SEARCH_NODES; i++)); do peers+="${peers:+, }\"127.0.0.1:$((SEARCH_TRANSPORT_PORT + i))\""; done
  # The runner names every node "Node 1" (one node per JVM), so the first managers are named by address.
  printf 'transport.port: %s\ndiscovery.seed_hosts: [%s]\ncluster.initial_cluster_manager_nodes: [%s]\n' \
    "$((SEARCH_TRANSPORT_PORT + $1 - 1))" "$peers" "$peers"
}

opensearch_start() {
  if opensearch_health; then
    say "the search engine already answers at $SEARCH_URL: reusing it"; return 0
  fi
  local dir="$STATE/opensearch" i node home log pids=()
  for ((i = 1; i <= SEARCH_NODES; i++)); do
    port_open "$((SEARCH_PORT + i - 1))" && die "port $((SEARCH_PORT + i - 1)) is taken by something that is not a healthy search engine"
  done
  say "starting OpenSearch on $SEARCH_URL ($SEARCH_NODES node(s), heap $OPENSEARCH_HEAP each)"
  for ((i = 1; i <= SEARCH_NODES; i++)); do
    # One node keeps the folders it always had; a cluster's nodes have one each.
    if [ "$SEARCH_NODES" = 1 ]; then node="$dir"; home="$dir/home"; log="$LOGS/opensearch.log"
    else node="$dir/node-$i"; home="$node/home"; log="$LOGS/opensearch-$i.log"; fi
    mkdir -p "$node/conf"
    opensearch_config "$i" >"$node/conf/opensearch.yml"
    cp "$ROOT/scripts/opensearch/log4j2.properties" "$node/conf/"
    # The runner's base port is one below the node's HTTP port (node 1 = base + 1).
    nohup java -Xms"$OPENSEARCH_HEAP" -Xmx"$OPENSEARCH_HEAP" -Djava.awt.headless=true \
      -cp "$(cat "$dir/classpath.txt")" org.codelibs.opensearch.runner.OpenSearchRunner \
      -basePath "$home" -confPath "$node/conf" -numOfNode 1 -clusterName sayara \
      -baseHttpPort $((SEARCH_PORT + i - 2)) >"$log" 2>&1 &
    pids+=($!)
  done
  OPENSEARCH_PID="${pids[*]}"
  echo "$OPENSEARCH_PID" >"$RUN/opensearch.pid"
  for _ in $(seq 1 240); do
    opensearch_health "$([ "$SEARCH_NODES" = 1 ] && echo yellow || echo green)" && { STARTED+=(opensearch); return 0; }
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null || break 2; done
    sleep 0.5
  done
  tail -n 30 "$LOGS"/opensearch*.log; die "OpenSearch did not become healthy"
}

# The nodes this shell started, if it did (a node restarted by hand since is
# someone else's); else those in the pid file (`make stop`).
opensearch_stop() {
  local pids="${OPENSEARCH_PID:-}" pid
  [ -n "$pids" ] || pids="$(cat "$RUN/opensearch.pid" 2>/dev/null)" || return 0
  for pid in $pids; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in $pids; do
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$pid" 2>/dev/null || true
  done
}

services_start() {
  postgres_start
  redis_start
  opensearch_start
}

# Stops, in reverse order, only what this shell started.
services_stop_started() {
  local i
  for ((i = ${#STARTED[@]} - 1; i >= 0; i--)); do
    say "stopping ${STARTED[$i]}"
    "${STARTED[$i]}_stop"
  done
  STARTED=()
}
