#!/usr/bin/env bash
# Roll out a release on the production host, from the folder holding the
# compose files and the host's .env (secrets): pull the images, run the
# one-shot migrate step (advisory-locked, idempotent), then replace the
# services and wait until they are healthy. The deploy workflow calls it with
# SAYARA_BACKEND_IMAGE, SAYARA_FRONTEND_IMAGE and SAYARA_IMAGE_TAG set; by hand:
#
#   SAYARA_IMAGE_TAG=<git sha> scripts/deploy.sh
set -euo pipefail
cd "$(dirname "$0")/.."
compose=(docker compose -f docker-compose.yml -f docker-compose.prod.yml)

"${compose[@]}" pull --quiet
# Stops here, with the old release still serving, if a migration fails.
"${compose[@]}" run --rm migrate
"${compose[@]}" up -d --remove-orphans --wait --wait-timeout 600
"${compose[@]}" ps
