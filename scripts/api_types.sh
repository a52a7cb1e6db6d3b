#!/usr/bin/env bash
# The web app's API types, generated from the OpenAPI schema the backend serves
# (drf-spectacular, /api/v1/schema/) by openapi-typescript, into
# frontend/src/api/schema.ts: one self-contained file (no imports) that any
# TypeScript client of the API (the web app, a future mobile/ app) imports;
# beside it listing-fields.json, the seller's fields a form needs at run time
# (scripts/api_fields.py).
#   scripts/api_types.sh          regenerate the file
#   scripts/api_types.sh --check  fail if the checked-in file differs (scripts/test.sh, CI)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

OUT="frontend/src/api"
FILES=(schema.ts listing-fields.json)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$PY" manage.py spectacular --validate --fail-on-warn --format openapi-json --file "$work/schema.json" >/dev/null
(cd frontend && npx --no-install openapi-typescript "$work/schema.json" -o "$work/schema.ts" >/dev/null)
"$PY" -m scripts.api_fields "$work/schema.json" "$work/listing-fields.json"

for file in "${FILES[@]}"; do
  if [ "${1:-}" = "--check" ]; then
    cmp -s "$OUT/$file" "$work/$file" || { diff -u "$OUT/$file" "$work/$file" | head -n 40 >&2; die "$OUT/$file does not match the API's schema: run scripts/api_types.sh and commit it"; }
  else
    cp "$work/$file" "$OUT/$file"
    say "wrote $OUT/$file"
  fi
done
