#!/usr/bin/env bash
# Import the saved "Sayara market" dashboard into OpenSearch Dashboards
# (deploy/dashboards/README.md). Safe to run again: objects are overwritten.
#
#   deploy/dashboards/import.sh                       # http://127.0.0.1:5601, index prefix "sayara"
#   DASHBOARDS_URL=https://dash.example.bh SEARCH_INDEX_PREFIX=prod deploy/dashboards/import.sh
set -euo pipefail

DASHBOARDS_URL="${DASHBOARDS_URL:-http://127.0.0.1:5601}"
PREFIX="${SEARCH_INDEX_PREFIX:-sayara}"
EXPORT="$(dirname "$0")/sayara-market.ndjson"

for _ in $(seq 1 60); do
  curl -fsS "$DASHBOARDS_URL/api/status" >/dev/null 2>&1 && break
  echo "waiting for $DASHBOARDS_URL ..." >&2
  sleep 5
done

# The export names the default alias, sayara-listings; another instance has its own prefix.
payload="$(mktemp --suffix=.ndjson)"
trap 'rm -f "$payload"' EXIT
sed "s/sayara-listings/${PREFIX}-listings/g" "$EXPORT" >"$payload"

curl -fsS -X POST "$DASHBOARDS_URL/api/saved_objects/_import?overwrite=true" \
  -H "osd-xsrf: true" \
  --form "file=@${payload};filename=sayara-market.ndjson"
echo
echo "Open $DASHBOARDS_URL/app/dashboards#/view/sayara-market"
