#!/usr/bin/env bash
# Start, stop or check the dev services (PostgreSQL, Redis, OpenSearch) by hand.
#   scripts/services.sh start|stop|status
set -euo pipefail
source "$(dirname "$0")/lib.sh"
case "${1:-status}" in
  start) install_all; services_start; say "services are up (stop them with: scripts/services.sh stop)" ;;
  stop) postgres_stop; redis_stop; opensearch_stop; say "services stopped" ;;
  status)
    "$(pg_bin)/pg_isready" -h "$POSTGRES_HOST" -p "$POSTGRES_PORT" || true
    redis-cli -p "$REDIS_PORT" ping 2>/dev/null || echo "redis: down"
    curl -fsS "$(opensearch_first_url)/_cluster/health" 2>/dev/null || echo "search engine: down"; echo ;;
  *) die "usage: $0 start|stop|status" ;;
esac
