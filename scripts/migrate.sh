#!/usr/bin/env bash
# The one-shot database step of a deploy (the compose `migrate` service, the
# deploy workflow): migrations, then the search index, under a PostgreSQL
# advisory lock so that two starting at once is safe (web/management/commands/
# migrate_locked.py). Fails loudly, so that nothing starts on a half-migrated
# database. Extra arguments go to migrate_locked (--wait, --skip-index).
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-python}"
if [ -z "${PYTHON:-}" ] && [ -x .venv/bin/python ]; then PY=.venv/bin/python; fi
exec "$PY" manage.py migrate_locked --noinput "$@"
