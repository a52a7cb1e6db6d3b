#!/usr/bin/env bash
# `make mobile`: the phone app's Expo dev server (mobile/), its API the local one
# of `make run` (same PORT, default 8000; start that first, in another terminal).
# HOST as for `make run`: by default this computer only (a simulator, or `w` for
# the browser); HOST=0.0.0.0 gives the app this computer's LAN address and serves
# the bundle on the LAN, so a phone on the same Wi-Fi opens it in Expo Go.
# MOBILE_PORT moves Expo's own server (default 8081). Installs mobile/node_modules
# when missing; `make test` needs none of this.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

PORT="${PORT:-8000}"
HOST="${HOST:-127.0.0.1}"
case "$HOST" in
  127.0.0.1 | localhost) api_host=localhost reach=--localhost ;;
  0.0.0.0) api_host="$(lan_address)" reach=--lan ;;
  *) api_host="$HOST" reach=--lan ;;
esac
[ -n "$api_host" ] || die "no LAN address found (hostname -I): set EXPO_PUBLIC_API_URL=http://<this computer's address>:$PORT"
export EXPO_PUBLIC_API_URL="${EXPO_PUBLIC_API_URL:-http://$api_host:$PORT}"

command -v npm >/dev/null || die "the mobile app needs Node.js 20.19 or newer and npm"
install_npm mobile
curl -fsS "$EXPO_PUBLIC_API_URL/healthz" >/dev/null 2>&1 ||
  say "nothing answers at $EXPO_PUBLIC_API_URL yet: start it with \`${HOST:+HOST=$HOST }PORT=$PORT make run\`"
say "the app's API: $EXPO_PUBLIC_API_URL"
cd mobile
exec npx expo start "$reach" --port "${MOBILE_PORT:-8081}" "$@"
