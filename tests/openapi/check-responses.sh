#!/usr/bin/env bash
# Checks the responses the end-to-end suites recorded in LOG_DIR against docs/openapi.json.
# Usage: tests/openapi/check-responses.sh LOG_DIR   (make test runs it after ctest)
set -euo pipefail
log_dir=$(realpath "$1")
cd "$(dirname "$0")"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
node check_responses.mjs ../../docs/openapi.json "$log_dir"
