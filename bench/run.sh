#!/usr/bin/env bash
# Licensor's server benchmarks, each printed beside its reference, in one run:
#   validate requests/s over loopback (wrk) vs nginx `return 200` with the same wrk settings,
#   over plain HTTP and over TLS;
#   the registry's check requests/s (an installation's licensord) vs nginx the same way;
#   device data reports/s vs nginx the same way;
#   the daily deduction run over 1,000,000 bound cards vs one bare UPDATE of the same rows, and
#   one device's run (a report that pays) in that fleet;
#   durable activations/s vs raw SQLite single-row durable commits/s on the same disk;
#   on PostgreSQL (bench/postgres.sh): validate beside a SQLite node and `pgbench -S`, durable
#   activations beside pgbench's single-row inserts;
#   the client SDK: license-file load vs a bare Ed25519 verify, hot Validate()/HasFeature();
#   fingerprint similarity at 1,000,000 activations, unknown machines beside known ones;
#   registry changes at 100,000 users beside the same in an empty registry;
#   validation's latency and licensord's memory under a flood of wrong setups and sign-ins;
#   and the console's first load and dashboard in Chromium, beside their goals.
# Usage: bench/run.sh   (via `make bench`; needs wrk and nginx: scripts/install-deps.sh --bench)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh bench
wrk_run() { # URL SCRIPT
  LICENSOR_BENCH_CODE="$code" LICENSOR_BENCH_TOKEN="$check_token" LICENSOR_BENCH_AGENT="$agent" \
  LICENSOR_BENCH_DEVICE_CREDENTIAL="$device_credential" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency \
    -s "$2" "$1" 2>&1 | tee -a "$work/wrk.log" | result
}

# --- licensord with a license and one activated machine ---
port=$(free_port)
token="lsr_bench_admin_token_0123456789abcdefghijklmn"
LICENSOR_ADMIN_TOKEN=$token "$BUILD/licensord" --data-dir "$work/data" --listen "127.0.0.1:$port" \
  --client-rate-limit 0 --jobs-interval 0 >"$work/licensord.out" 2>"$work/licensord.err" &
licensord_pid=$!
for _ in $(seq 100); do grep -q listening "$work/licensord.out" 2>/dev/null && break; sleep 0.05; done
api() { curl -sf -X "$1" "http://127.0.0.1:$port$2" -H "Authorization: Bearer $token" \
          -H 'Content-Type: application/json' ${3:+-d "$3"}; }
bench_license "http://127.0.0.1:$port" 1000000

# --- a device with a bound day-card that has paid for its usage time ---
api POST /v1/device-models '{"name":"bench-model"}' >/dev/null
api POST /v1/card-types '{"code":"BENCH","name":"bench","models":["bench-model"],"max_days":365}' >/dev/null
device_credential=$(api POST /v1/devices "{\"number\":\"bench-device\",\"model\":\"bench-model\",\"customer_id\":\"$customer\"}" | jget credential)
card=$(api POST /v1/cards "{\"type_code\":\"BENCH\",\"customer_id\":\"$customer\",\"days\":365}" \
  | python3 -c 'import sys,json; print(json.load(sys.stdin)["data"][0]["number"])')
customer_token=$(api POST /v1/tokens "{\"name\":\"bench\",\"role\":\"customer_admin\",\"customer_id\":\"$customer\"}" | jget token)
curl -sf -X POST "http://127.0.0.1:$port/v1/cards/$card/bind" -H "Authorization: Bearer $customer_token" \
  -H 'Content-Type: application/json' -d '{"device_number":"bench-device"}' >/dev/null
curl -sf -X POST "http://127.0.0.1:$port/v1/devices/bench-device/reports" \
  -H "Authorization: Device $device_credential" -H 'Content-Type: application/json' -d '{}' >/dev/null

# --- an installation's licensord: its registry trusts the first one's keys ---
installation=$(api POST /v1/installations "{\"customer_id\":\"$customer\",\"tenant_id\":\"bench\",\"environment\":\"PROD\",\"name\":\"bench\"}" | jget id)
api GET /v1/keys/public >"$work/vendor-keys.json"
api POST "/v1/installations/$installation/packages" \
  '{"certificates":[{"type":"PLATFORM","mode":"SUBSCRIPTION","validity_days":365},{"type":"AGENT","mode":"SUBSCRIPTION","validity_days":365}]}' \
  | python3 -c 'import sys,json; print(json.dumps({"file": json.load(sys.stdin)["file"]}))' >"$work/upload.json"
site_port=$(free_port)
LICENSOR_ADMIN_TOKEN=$token "$BUILD/licensord" --data-dir "$work/site" --listen "127.0.0.1:$site_port" \
  --client-rate-limit 0 --jobs-interval 0 --registry-installation-id "$installation" \
  --registry-public-keys "$work/vendor-keys.json" >"$work/site.out" 2>"$work/site.err" &
site_pid=$!
for _ in $(seq 100); do grep -q listening "$work/site.out" 2>/dev/null && break; sleep 0.05; done
site_api() { curl -sf -X "$1" "http://127.0.0.1:$site_port$2" -H "Authorization: Bearer $token" \
               -H 'Content-Type: application/json' ${3:+-d "$3"}; }
site_api POST /v1/registry/uploads "@$work/upload.json" >/dev/null
agent=$(site_api POST /v1/registry/agents '{"name":"bench"}' | jget id)
certificate=$(site_api GET /v1/registry/certificates \
  | python3 -c "import sys,json; print([c['id'] for c in json.load(sys.stdin)['data'] if c['type']=='AGENT'][0])")
site_api POST "/v1/registry/certificates/$certificate/bind" "{\"agent_id\":\"$agent\"}" >/dev/null
# The platform asks with a token of its own, of the least role that may ask.
check_token=$(site_api POST /v1/tokens '{"name":"platform","role":"viewer"}' | jget token)

# --- nginx `return 200` on loopback ---
nginx_port=$(free_port)
start_nginx "$nginx_port"

# The machine's speed drifts (other tenants, turbo, caches). Alternating the two sides of each
# comparison round by round and taking medians keeps the drift out of the ratio.
median_of() { # FIELD LINES...: the line whose FIELD is the median
  local f=$1; shift
  printf '%s\n' "$@" | awk -v f="$f" '{ for (i=1;i<=NF;i++) if ($i ~ "^"f"=") { split($i,a,"="); print a[2], $0 } }' \
    | sort -n | awk '{ lines[NR]=$0 } END { split(lines[int((NR+1)/2)], p, " "); sub(/^[^ ]+ /, "", lines[int((NR+1)/2)]); print lines[int((NR+1)/2)] }'
}
echo "Measuring $ROUNDS alternating rounds (wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s, same settings for both) ..." >&2
validates=(); signed_validates=(); nginxes=(); checks=(); check_nginxes=(); reports=(); report_nginxes=()
activates=(); sqlites=()
for round in $(seq "$ROUNDS"); do
  validates+=("$(wrk_run "http://127.0.0.1:$port/v1/client/validate" bench/validate.lua)")
  # The same, asking for Ed25519 signatures instead of MACs: what a MAC saves.
  signed_validates+=("$(LICENSOR_BENCH_SIGNATURE=ed25519 wrk_run "http://127.0.0.1:$port/v1/client/validate" bench/validate.lua)")
  nginxes+=("$(wrk_run "http://127.0.0.1:$nginx_port/" bench/validate.lua)")
  checks+=("$(wrk_run "http://127.0.0.1:$site_port/v1/registry/check" bench/check.lua)")
  check_nginxes+=("$(wrk_run "http://127.0.0.1:$nginx_port/" bench/check.lua)")
  reports+=("$(wrk_run "http://127.0.0.1:$port/v1/devices/bench-device/reports" bench/device_report.lua)")
  report_nginxes+=("$(wrk_run "http://127.0.0.1:$nginx_port/" bench/device_report.lua)")
  # A new machine (fingerprint) on every request, through the same script as bench/similarity.sh.
  activates+=("$(LICENSOR_BENCH_ENDPOINT=activate LICENSOR_BENCH_FINGERPRINT=fp LICENSOR_BENCH_COMPONENTS='{}' \
    LICENSOR_BENCH_FRESH=1 wrk_run "http://127.0.0.1:$port" bench/machine.lua)")
  sqlites+=("rps=$("$BUILD/licensor_bench_sqlite_commits" "$work/raw.db" "$DURATION")")
  echo "  round $round: validate ${validates[-1]%% *}, signed ${signed_validates[-1]%% *}, nginx ${nginxes[-1]%% *}, check ${checks[-1]%% *}, nginx ${check_nginxes[-1]%% *}, report ${reports[-1]%% *}, nginx ${report_nginxes[-1]%% *}, activate ${activates[-1]%% *}, sqlite ${sqlites[-1]}" >&2
done
validate=$(median_of rps "${validates[@]}")
signed_validate=$(median_of rps "${signed_validates[@]}")
nginx=$(median_of rps "${nginxes[@]}")
check=$(median_of rps "${checks[@]}")
check_nginx=$(median_of rps "${check_nginxes[@]}")
report=$(median_of rps "${reports[@]}")
report_nginx=$(median_of rps "${report_nginxes[@]}")
activate=$(median_of rps "${activates[@]}")
sqlite_rate=$(median_of rps "${sqlites[@]}" | field rps)

v_rps=$(echo "$validate" | field rps); n_rps=$(echo "$nginx" | field rps)
sv_rps=$(echo "$signed_validate" | field rps)
a_rps=$(echo "$activate" | field rps)
c_rps=$(echo "$check" | field rps); cn_rps=$(echo "$check_nginx" | field rps)
r_rps=$(echo "$report" | field rps); rn_rps=$(echo "$report_nginx" | field rps)
ratio() { python3 -c "print(f'{$1/$2:.2f}')"; }
verdict() { python3 -c "print('met' if $1/$2 >= 0.5 else 'NOT met')"; }

printf '\n%-44s %14s %14s %8s %s\n' "benchmark" "Licensor" "reference" "ratio" "goal (>= 0.5x)"
printf '%-44s %14s %14s %8s %s\n' "validate req/s vs nginx return 200" "$v_rps" "$n_rps" \
  "$(ratio "$v_rps" "$n_rps")" "$(verdict "$v_rps" "$n_rps")"
printf '%-44s %14s %14s\n' "validate p50 / p99 latency (ms)" \
  "$(echo "$validate" | field p50_ms) / $(echo "$validate" | field p99_ms)" \
  "$(echo "$nginx" | field p50_ms) / $(echo "$nginx" | field p99_ms)"
printf '%-44s %14s %14s %8s\n' "validate, Ed25519-signed answers (no MAC)" "$sv_rps" "$n_rps" \
  "$(ratio "$sv_rps" "$n_rps")"
printf '%-44s %14s %14s %8s %s\n' "registry check req/s vs nginx return 200" "$c_rps" "$cn_rps" \
  "$(ratio "$c_rps" "$cn_rps")" "$(verdict "$c_rps" "$cn_rps")"
printf '%-44s %14s %14s\n' "registry check p50 / p99 latency (ms)" \
  "$(echo "$check" | field p50_ms) / $(echo "$check" | field p99_ms)" \
  "$(echo "$check_nginx" | field p50_ms) / $(echo "$check_nginx" | field p99_ms)"
printf '%-44s %14s %14s %8s %s\n' "device reports/s vs nginx return 200" "$r_rps" "$rn_rps" \
  "$(ratio "$r_rps" "$rn_rps")" "$(verdict "$r_rps" "$rn_rps")"
printf '%-44s %14s %14s\n' "device report p50 / p99 latency (ms)" \
  "$(echo "$report" | field p50_ms) / $(echo "$report" | field p99_ms)" \
  "$(echo "$report_nginx" | field p50_ms) / $(echo "$report_nginx" | field p99_ms)"
printf '%-44s %14s %14s %8s %s\n' "durable activations/s vs SQLite commits/s" "$a_rps" \
  "$sqlite_rate" "$(ratio "$a_rps" "$sqlite_rate")" "$(verdict "$a_rps" "$sqlite_rate")"
printf '%-44s %14s\n' "activation p50 / p99 latency (ms)" \
  "$(echo "$activate" | field p50_ms) / $(echo "$activate" | field p99_ms)"
for line in "$validate" "$signed_validate" "$check" "$report" "$activate"; do
  errs=$(echo "$line" | field non2xx)
  [ "${errs:-0}" = "0" ] || echo "warning: $errs non-2xx responses: $line" >&2
done
echo "(medians of $ROUNDS alternating rounds of ${DURATION}s each)"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sr); disk of $work"
echo
echo "Validate over TLS (bench/tls.sh):"
BUILD="$BUILD" DURATION="$DURATION" ROUNDS="$ROUNDS" CONNECTIONS="$CONNECTIONS" WRK_THREADS="$THREADS" \
  bench/tls.sh
echo
echo "PostgreSQL beside SQLite and pgbench (bench/postgres.sh):"
BUILD="$BUILD" DURATION="$DURATION" ROUNDS="$ROUNDS" CONNECTIONS="$CONNECTIONS" WRK_THREADS="$THREADS" \
  bench/postgres.sh
echo
CARDS=${CARDS:-1000000}
echo "Daily deduction run over $CARDS bound cards on SQLite (goal: < 10 s and <= 3x the bare UPDATE):"
mkdir -p "$work/fleet"
"$BUILD/licensor_deduction_bench" "$work/fleet" "$CARDS" | result
echo
echo "Client SDK (one thread, best of 5 rounds):"
taskset -c 0 "$BUILD/licensor_sdk_bench" 2>/dev/null || "$BUILD/licensor_sdk_bench"
echo
BUILD="$BUILD" bench/bindings.sh
echo
echo "Fingerprint similarity at ${ACTIVATIONS:-1000000} activations (bench/similarity.sh):"
BUILD="$BUILD" DURATION="$DURATION" ROUNDS="$ROUNDS" CONNECTIONS="$CONNECTIONS" WRK_THREADS="$THREADS" \
  bench/similarity.sh
echo
echo "Registry changes at ${USERS:-100000} users (bench/registry_changes.sh):"
BUILD="$BUILD" DURATION="$DURATION" ROUNDS="$ROUNDS" WRK_THREADS="$THREADS" \
  bench/registry_changes.sh
echo
BUILD="$BUILD" DURATION="$DURATION" bench/password_flood.sh
echo
echo "Console in Chromium (bench/console.sh):"
BUILD="$BUILD" bench/console.sh
