#!/usr/bin/env bash
# `make messages`: gather the API's and e-mails' English messages into
# locale/ar/LC_MESSAGES/django.po (new ones come untranslated), then compile
# every catalog to django.mo. Both files are checked in, so a fresh clone needs
# no gettext; this script needs it (Debian's gettext, installed when missing).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
command -v msgfmt >/dev/null || { as_root apt-get update -qq; as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends gettext >/dev/null; }
"$PY" manage.py makemessages -l ar --no-location --no-obsolete \
  --ignore ".venv/*" --ignore "frontend/*" --ignore "*/tests/*" --ignore "testing/*" --ignore "scripts/*" --ignore ".state/*"
"$PY" manage.py compilemessages -l ar --ignore ".venv/*" --ignore "frontend/*" --ignore ".state/*"
