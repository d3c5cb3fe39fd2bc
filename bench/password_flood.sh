#!/usr/bin/env bash
# Validation while 64 clients send wrong setups and wrong sign-ins, each request from an address
# of its own (behind a trusted proxy), beside validation alone: its latency, and licensord's
# peak resident memory. Run twice: with licensord's defaults (the sign-in rate limit per
# address, and at most --password-slots hashes at once), and with those bounds lifted
# (--password-slots 64 --sign-in-rate-limit 0), which is what an unbounded server does.
# Usage: bench/password_flood.sh   (via bench/run.sh; needs wrk)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh flood
VALIDATORS=${VALIDATORS:-16}
FLOODERS=${FLOODERS:-64}
licensord_pid=""
token="lsr_bench_admin_token_0123456789abcdefghijklmn"

peak_rss_mib() { awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$licensord_pid/status"; }
reset_peak_rss() { echo 5 >"/proc/$licensord_pid/clear_refs"; }

measure() { # LABEL LICENSORD-FLAGS...
  local label=$1; shift
  local port; port=$(free_port)
  rm -rf "$work/data"
  LICENSOR_ADMIN_TOKEN=$token "$BUILD/licensord" --data-dir "$work/data" --listen "127.0.0.1:$port" \
    --client-rate-limit 0 --jobs-interval 0 --trusted-proxies 127.0.0.1 "$@" \
    >"$work/licensord.out" 2>"$work/licensord.err" &
  licensord_pid=$!
  for _ in $(seq 100); do grep -q listening "$work/licensord.out" 2>/dev/null && break; sleep 0.05; done
  local url="http://127.0.0.1:$port"
  api() { curl -sf -X "$1" "$url$2" -H "Authorization: Bearer $token" \
            -H 'Content-Type: application/json' ${3:+-d "$3"}; }
  api POST /v1/users '{"email":"admin@example.com","display_name":"Admin","role":"admin","password":"the admin password"}' >/dev/null
  local customer code
  bench_license "$url" 10

  reset_peak_rss
  local alone flood flooded
  alone=$(LICENSOR_BENCH_CODE=$code wrk -t1 -c"$VALIDATORS" -d"${DURATION}s" --latency \
            -s bench/validate.lua "$url/v1/client/validate" 2>&1 | result)
  local alone_rss; alone_rss=$(peak_rss_mib)
  reset_peak_rss
  wrk -t1 -c"$FLOODERS" -d"$((DURATION + 2))s" -s bench/password_flood.lua "$url" \
    >"$work/flood.txt" 2>&1 &
  local flood_pid=$!
  sleep 1
  flooded=$(LICENSOR_BENCH_CODE=$code wrk -t1 -c"$VALIDATORS" -d"${DURATION}s" --latency \
              -s bench/validate.lua "$url/v1/client/validate" 2>&1 | result)
  wait "$flood_pid"
  flood=$(result <"$work/flood.txt")
  local flooded_rss; flooded_rss=$(peak_rss_mib)
  kill "$licensord_pid"; wait "$licensord_pid" 2>/dev/null || true; licensord_pid=""

  printf '%s (%s)\n' "$label" \
    "$(grep -o '[0-9]* password checks at once' "$work/licensord.err" "$work/licensord.out" | head -1 | cut -d: -f2)"
  printf '  %-34s %10s %10s %10s %10s %10s\n' "" "req/s" "p50 ms" "p90 ms" "p99 ms" "peak RSS"
  for row in "validate alone|$alone|$alone_rss" "validate under the flood|$flooded|$flooded_rss"; do
    IFS='|' read -r name line rss <<<"$row"
    printf '  %-34s %10s %10s %10s %10s %8s MiB\n' "$name" "$(echo "$line" | field rps)" \
      "$(echo "$line" | field p50_ms)" "$(echo "$line" | field p90_ms)" \
      "$(echo "$line" | field p99_ms)" "$rss"
  done
  printf '  %-34s %10s   (%s of them refused: 429 or 503)\n' "the flood's setups and sign-ins" \
    "$(echo "$flood" | field rps)" "$(echo "$flood" | field non2xx)"
}

echo "Validation ($VALIDATORS connections) beside $FLOODERS connections of wrong setups and sign-ins, ${DURATION}s each:"
measure "licensord's defaults: the sign-in rate limit per address, and its password slots"
measure "bounds lifted: --password-slots 64 --sign-in-rate-limit 0" \
  --password-slots 64 --sign-in-rate-limit 0
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sr)"
