#!/usr/bin/env bash
# The API description as a client generator sees it: fetched from a running licensord, linted
# with Redocly's strict rules (zero errors, zero warnings), turned into a TypeScript client with
# openapi-typescript, and a small program against that client type-checked with tsc.
# Usage: tests/openapi/run.sh PATH/TO/licensord
set -euo pipefail
licensord=$(realpath "$1")
cd "$(dirname "$0")"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
work=$(mktemp -d /tmp/licensor-openapi-XXXXXX)
cleanup() { [ -n "${licensord_pid:-}" ] && kill "$licensord_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
source ../support/start_licensord.sh
LICENSOR_ADMIN_TOKEN=lsr_openapi_check_token_0123456789abcdefghij start_licensord "$work" \
  "$licensord" --data-dir "$work/data" --listen 127.0.0.1:0 --jobs-interval 0
url=$licensord_url
curl -sf "$url/v1/openapi.json" -o "$work/openapi.json"

npx redocly lint --config redocly.yaml --max-problems 50 "$work/openapi.json"
mkdir -p generated
npx openapi-typescript "$work/openapi.json" -o generated/api.d.ts
npx tsc -p tsconfig.json
echo "1 passed, 0 failed: the served document lints clean and its generated client type-checks"
