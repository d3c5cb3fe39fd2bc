#!/usr/bin/env bash
# The Node.js binding's tests (CTest: sdk.node): installs its pinned dependency (koffi) with
# `npm ci` when it is missing or the lock file changed, then runs Node's test runner.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
exec node --test tests/
