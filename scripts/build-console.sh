#!/usr/bin/env bash
# Builds the web console into web/console/dist, which the licensord build embeds. Installs its
# pinned dependencies with `npm ci` when they are missing or the lock file changed.
set -euo pipefail
cd "$(dirname "$0")/../web/console"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
# Quiet when it works; the whole report when it does not.
if ! log=$(npm run --silent build 2>&1); then
  echo "$log" >&2
  exit 1
fi
