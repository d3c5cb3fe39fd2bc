#!/usr/bin/env bash
# Fingerprint similarity against a license with many activations (default 1,000,000) under a
# 2-of-6 rule: validate and activate for a machine the server has never seen, and for one whose
# disk was replaced, each beside the same call for a machine it knows by its fingerprint.
# The activations are loaded straight into licensord's schema; the component index is filled
# by the store's own triggers. Goal: unknown within 2x of known.
# Usage: bench/similarity.sh   (via bench/run.sh; needs wrk and sqlite3)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh similarity
ACTIVATIONS=${ACTIVATIONS:-1000000}
licensord_pid=""
port=$(free_port)
token="lsr_bench_admin_token_0123456789abcdefghijklmn"
start_licensord() {
  : >"$work/licensord.out"
  LICENSOR_ADMIN_TOKEN=$token "$BUILD/licensord" --data-dir "$work/data" --listen "127.0.0.1:$port" \
    --client-rate-limit 0 --jobs-interval 0 >"$work/licensord.out" 2>"$work/licensord.err" &
  licensord_pid=$!
  for _ in $(seq 200); do grep -q listening "$work/licensord.out" 2>/dev/null && break; sleep 0.05; done
}
api() { curl -sf -X "$1" "http://127.0.0.1:$port$2" -H "Authorization: Bearer $token" \
          -H 'Content-Type: application/json' ${3:+-d "$3"}; }

start_licensord
product=$(api POST /v1/products '{"name":"similarity"}' | jget id)
customer=$(api POST /v1/customers '{"name":"similarity"}' | jget id)
policy=$(api POST /v1/policies "{\"product_id\":\"$product\",\"name\":\"2 of 6\",\"max_activations\":1000000,\"fingerprint_rule\":{\"components\":[\"mac\",\"cpu\",\"disk\",\"board\",\"host_id\",\"os\"],\"min_matching\":2}}" | jget id)
license=$(api POST /v1/licenses "{\"policy_id\":\"$policy\",\"customer_id\":\"$customer\"}")
code=$(echo "$license" | jget code)
license_id=$(echo "$license" | jget id)
kill "$licensord_pid"; wait "$licensord_pid" 2>/dev/null || true; licensord_pid=""

# Machine x: its own MAC, CPU serial, disk, board and host id; every machine runs the same OS,
# so "os" is a value shared by all of them (the index looks at 16 of those, not a million).
machine() { echo "{\"board\":\"b$1\",\"cpu\":\"c$1\",\"disk\":\"d$1\",\"host_id\":\"h$1\",\"mac\":\"m$1\",\"os\":\"linux\"}"; }
echo "Loading $ACTIVATIONS activations ..." >&2
load_start=$(date +%s)
sqlite3 "$work/data/licensor.db" <<SQL
BEGIN;
WITH RECURSIVE i(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM i WHERE x < $ACTIVATIONS)
INSERT INTO activations (id, license_id, fingerprint, components, hostname, platform, state,
  fetched_version, activated_at, last_seen_at, offline)
SELECT 'act_' || x, '$license_id', 'fp-' || x,
  json_object('board', 'b' || x, 'cpu', 'c' || x, 'disk', 'd' || x, 'host_id', 'h' || x,
              'mac', 'm' || x, 'os', 'linux'),
  'host-' || x, 'linux', 'ALIVE', 1, 0, 0, 0 FROM i;
COMMIT;
PRAGMA wal_checkpoint(TRUNCATE);
SQL
echo "  loaded in $(( $(date +%s) - load_start )) s" >&2
start_licensord

known=$(( ACTIVATIONS / 2 ))
known_components=$(machine "$known")
replaced_disk=$(machine "$known" | sed "s/\"d$known\"/\"new-disk\"/")
unknown_components='{"board":"nb","cpu":"nc","disk":"nd","host_id":"nh","mac":"nm","os":"linux"}'
run() { # ENDPOINT FINGERPRINT COMPONENTS [fresh]
  LICENSOR_BENCH_CODE="$code" LICENSOR_BENCH_ENDPOINT="$1" LICENSOR_BENCH_FINGERPRINT="$2" \
  LICENSOR_BENCH_COMPONENTS="$3" LICENSOR_BENCH_FRESH="${4:-}" \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s bench/machine.lua \
    "http://127.0.0.1:$port" 2>&1 | result
}
declare -A rps
for round in $(seq "$ROUNDS"); do
  for case in validate_known validate_unknown validate_replaced activate_known activate_unknown; do
    case $case in
      validate_known) line=$(run validate "fp-$known" "$known_components") ;;
      # Each request a fingerprint never seen before: nothing about it can have been cached.
      validate_unknown) line=$(run validate new-machine "$unknown_components" fresh) ;;
      validate_replaced) line=$(run validate replaced-disk "$replaced_disk" fresh) ;;
      activate_known) line=$(run activate "fp-$known" "$known_components") ;;
      # At the cap every new machine is refused (409), after the search for a similar one.
      activate_unknown) line=$(run activate new-machine "$unknown_components" fresh) ;;
    esac
    rps[$case]+="$(echo "$line" | field rps) "
  done
  echo "  round $round: ${rps[validate_known]}| ${rps[validate_unknown]}| ${rps[validate_replaced]}| ${rps[activate_known]}| ${rps[activate_unknown]}" >&2
done
m() { echo "${rps[$1]}" | tr ' ' '\n' | grep . | median; }
ratio() { python3 -c "print(f'{$1/$2:.2f}')"; }
verdict() { python3 -c "print('met' if $1/$2 <= 2 else 'NOT met')"; }
vk=$(m validate_known); vu=$(m validate_unknown); vr=$(m validate_replaced)
ak=$(m activate_known); au=$(m activate_unknown)
printf '\n%-52s %12s %12s %8s %s\n' "fingerprint similarity, $ACTIVATIONS activations" "unknown" "known" "cost" "goal (<= 2x)"
printf '%-52s %12s %12s %8s %s\n' "validate req/s, a machine never seen" "$vu" "$vk" "$(ratio "$vk" "$vu")" "$(verdict "$vk" "$vu")"
printf '%-52s %12s %12s %8s %s\n' "validate req/s, a known machine with a new disk" "$vr" "$vk" "$(ratio "$vk" "$vr")" "$(verdict "$vk" "$vr")"
printf '%-52s %12s %12s %8s %s\n' "activate req/s, a machine never seen (409 at cap)" "$au" "$ak" "$(ratio "$ak" "$au")" "$(verdict "$ak" "$au")"
echo "(cost: known req/s over unknown req/s; medians of $ROUNDS rounds of ${DURATION}s, wrk -t$THREADS -c$CONNECTIONS)"
