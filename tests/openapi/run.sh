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
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
LICENSOR_ADMIN_TOKEN=lsr_openapi_check_token_0123456789abcdefghij "$licensord" \
  --data-dir "$work/data" --listen 127.0.0.1:0 --jobs-interval 0 >"$work/out" 2>"$work/err" &
pid=$!
url=""
for _ in $(seq 200); do
  url=$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$work/out")
  [ -n "$url" ] && break
  sleep 0.05
done
[ -n "$url" ] || { cat "$work/err"; echo "licensord did not start" >&2; exit 1; }
curl -sf "$url/v1/openapi.json" -o "$work/openapi.json"

npx redocly lint --config redocly.yaml --max-problems 50 "$work/openapi.json"
mkdir -p generated
npx openapi-typescript "$work/openapi.json" -o generated/api.d.ts
npx tsc -p tsconfig.json
echo "1 passed, 0 failed: the served document lints clean and its generated client type-checks"
