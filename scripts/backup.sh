#!/usr/bin/env bash
# A PostgreSQL backup of Sayara's database, then old backups pruned.
#
#   BACKUP_DIR=/backups scripts/backup.sh
#
# Writes BACKUP_DIR/sayara-<database>-<UTC time>.dump with `pg_dump -Fc` (custom
# format: compressed, restorable table by table with pg_restore), checks that
# pg_restore can read it, and only then gives it its name. Afterwards it keeps
# the newest BACKUP_KEEP backups of this database (default 14) and removes those
# older than BACKUP_KEEP_DAYS days (default 30); 0 turns either rule off. Other
# files in BACKUP_DIR are never touched. Prints the new backup's path.
#
# Connection: the app's own variables (POSTGRES_HOST, POSTGRES_PORT, POSTGRES_DB,
# POSTGRES_USER, POSTGRES_PASSWORD). Restore: docs/operations.md, "Backup and restore".
set -euo pipefail

POSTGRES_HOST="${POSTGRES_HOST:-127.0.0.1}"
POSTGRES_PORT="${POSTGRES_PORT:-5432}"
POSTGRES_DB="${POSTGRES_DB:-sayara}"
POSTGRES_USER="${POSTGRES_USER:-sayara}"
BACKUP_DIR="${BACKUP_DIR:-./backups}"
BACKUP_KEEP="${BACKUP_KEEP:-14}"
BACKUP_KEEP_DAYS="${BACKUP_KEEP_DAYS:-30}"

fail() { printf 'backup: %s\n' "$*" >&2; exit 1; }
[[ "$BACKUP_KEEP" =~ ^[0-9]+$ ]] || fail "BACKUP_KEEP must be a whole number, not '$BACKUP_KEEP'"
[[ "$BACKUP_KEEP_DAYS" =~ ^[0-9]+$ ]] || fail "BACKUP_KEEP_DAYS must be a whole number, not '$BACKUP_KEEP_DAYS'"
command -v pg_dump >/dev/null || fail "pg_dump is not installed (Debian: postgresql-client)"

mkdir -p "$BACKUP_DIR"
prefix="sayara-${POSTGRES_DB}-"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
target="$BACKUP_DIR/${prefix}${stamp}.dump"
n=1
while [ -e "$target" ]; do target="$BACKUP_DIR/${prefix}${stamp}-$n.dump"; n=$((n + 1)); done
partial="$BACKUP_DIR/.$(basename "$target").partial"
trap 'rm -f "$partial"' EXIT

export PGPASSWORD="${POSTGRES_PASSWORD:-${PGPASSWORD:-}}"
pg_dump --host "$POSTGRES_HOST" --port "$POSTGRES_PORT" --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  --format custom --compress 6 --no-password --file "$partial" || fail "pg_dump of $POSTGRES_DB failed; older backups are untouched"
pg_restore --list "$partial" >/dev/null || fail "the dump of $POSTGRES_DB cannot be read back; older backups are untouched"
mv "$partial" "$target"

# Retention, only among this database's backups (names sort by time).
pattern="${prefix}[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]T*.dump"
if [ "$BACKUP_KEEP_DAYS" -gt 0 ]; then
  find "$BACKUP_DIR" -maxdepth 1 -type f -name "$pattern" ! -path "$target" -mmin "+$((BACKUP_KEEP_DAYS * 1440))" -delete
fi
if [ "$BACKUP_KEEP" -gt 0 ]; then
  find "$BACKUP_DIR" -maxdepth 1 -type f -name "$pattern" -printf '%f\n' | sort | head -n "-$BACKUP_KEEP" \
    | while IFS= read -r old; do rm -f "$BACKUP_DIR/$old"; done
fi
echo "$target"
