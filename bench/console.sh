#!/usr/bin/env bash
# The console's first load and dashboard, measured by Debian's Chromium (bench/console_load.mjs)
# against a licensord on a fresh SQLite data directory, beside the goals: under 350 KB of
# gzipped JS+CSS, and the dashboard drawn in under 1 s.
# Usage: bench/console.sh   (after `make build`; RUNS=5 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh console-bench

export LICENSOR_ADMIN_TOKEN="lsr_console_bench_admin_token_0123456789abc"
"$BUILD/licensord" --data-dir "$work/data" --listen 127.0.0.1:0 --client-rate-limit 0 \
  --jobs-interval 0 >"$work/out" 2>"$work/err" &
pid=$!
for _ in $(seq 200); do grep -q "listening on" "$work/out" 2>/dev/null && break; sleep 0.05; done
url=$(sed -n 's/.*licensord listening on \([^ ]*\).*/\1/p' "$work/out")
setup=$(sed -n 's/.*First sign-in: open \([^ ]*\).*/\1/p' "$work/out")
[ -n "$url" ] && [ -n "$setup" ] || { cat "$work/out" "$work/err" >&2; exit 1; }

result=$(node bench/console_load.mjs "$url" "$setup" | sed -n 's/^RESULT //p')
kb=$(echo "$result" | sed -n 's/.*first_load_kb=\([0-9.]*\).*/\1/p')
ms=$(echo "$result" | sed -n 's/.*dashboard_ms=\([0-9.]*\).*/\1/p')
verdict() { python3 -c "print('met' if $1 < $2 else 'NOT met')"; }
printf '\n%-48s %10s %12s %s\n' "benchmark" "Licensor" "goal" ""
printf '%-48s %10s %12s %s\n' "console first load, gzipped JS+CSS (KB)" "$kb" "< 350" "$(verdict "$kb" 350)"
printf '%-48s %10s %12s %s\n' "dashboard drawn, empty cache (ms)" "$ms" "< 1000" "$(verdict "$ms" 1000)"
echo "(medians of ${RUNS:-5} runs in $(/usr/bin/chromium --version 2>/dev/null | head -1); loopback)"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sr)"
