#!/usr/bin/env bash
# Registry changes against a large registry: users created per second in an installation's
# registry that already has USERS users (default 100,000), beside the same in an empty one.
# The users are loaded straight into the registry's log; licensord folds them when it starts.
# Goal: a change costs O(change), so the two rates are the same (reference: before, 755/s at
# 4,000 users and 87/s at 20,000).
# Usage: bench/registry_changes.sh   (via bench/run.sh; needs wrk and sqlite3)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh registry
CONNECTIONS=${REGISTRY_CONNECTIONS:-16}
USERS=${USERS:-100000}
vendor_pid=""; site_pid=""
token="lsr_bench_admin_token_0123456789abcdefghijklmn"
wait_listening() { for _ in $(seq 600); do grep -q listening "$1" 2>/dev/null && return; sleep 0.05; done; }

# The vendor's licensord issues nothing here; it names the installation and gives its keys.
vendor_port=$(free_port)
LICENSOR_ADMIN_TOKEN=$token "$BUILD/licensord" --data-dir "$work/vendor" \
  --listen "127.0.0.1:$vendor_port" --jobs-interval 0 >"$work/vendor.out" 2>"$work/vendor.err" &
vendor_pid=$!
wait_listening "$work/vendor.out"
vendor() { curl -sf -X "$1" "http://127.0.0.1:$vendor_port$2" -H "Authorization: Bearer $token" \
             -H 'Content-Type: application/json' ${3:+-d "$3"}; }
customer=$(vendor POST /v1/customers '{"name":"bench"}' | jget id)
installation=$(vendor POST /v1/installations "{\"customer_id\":\"$customer\",\"tenant_id\":\"bench\",\"environment\":\"PROD\",\"name\":\"bench\"}" | jget id)
vendor GET /v1/keys/public >"$work/vendor-keys.json"
kill "$vendor_pid"; wait "$vendor_pid" 2>/dev/null || true; vendor_pid=""

site_port=$(free_port)
start_site() {
  : >"$work/site.out"
  LICENSOR_ADMIN_TOKEN=$token "$BUILD/licensord" --data-dir "$work/site" \
    --listen "127.0.0.1:$site_port" --client-rate-limit 0 --jobs-interval 0 \
    --registry-installation-id "$installation" --registry-public-keys "$work/vendor-keys.json" \
    >"$work/site.out" 2>"$work/site.err" &
  site_pid=$!
  wait_listening "$work/site.out"
}
stop_site() { kill "$site_pid"; wait "$site_pid" 2>/dev/null || true; site_pid=""; }
users_now() {
  curl -sf "http://127.0.0.1:$site_port/v1/registry/platform" -H "Authorization: Bearer $token" \
    | jget users
}
create_users() { # prints requests/s
  LICENSOR_BENCH_TOKEN=$token wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency \
    -s bench/registry_user.lua "http://127.0.0.1:$site_port/v1/registry/users" 2>&1 \
    | grep '^RESULT' | sed -n 's/.*rps=\([0-9.]*\).*/\1/p'
}

# Empty: each round starts from an empty registry, so its users are only those it makes.
empty=()
for round in $(seq "$ROUNDS"); do
  rm -rf "$work/site"
  start_site
  empty+=("$(create_users)")
  stop_site
done

# Large: USERS users already in the log, folded at start.
rm -rf "$work/site"
start_site
stop_site
echo "Loading $USERS users into the registry's log ..." >&2
sqlite3 "$work/site/licensor.db" >/dev/null <<SQL
BEGIN;
WITH RECURSIVE i(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM i WHERE x < $USERS)
INSERT INTO registry_log (at, actor, kind, body)
SELECT 1800000000, 'tok_bench', 'user.create',
       json_object('id', 'usr_bench' || x, 'name', 'user ' || x) FROM i;
COMMIT;
PRAGMA wal_checkpoint(TRUNCATE);
SQL
start_site
fold_start=$(date +%s.%N)
before=$(users_now)
fold_seconds=$(python3 -c "print(f'{$(date +%s.%N) - $fold_start:.2f}')")
large=()
for round in $(seq "$ROUNDS"); do large+=("$(create_users)"); done
after=$(users_now)
stop_site

e=$(printf '%s\n' "${empty[@]}" | median); l=$(printf '%s\n' "${large[@]}" | median)
echo "  rounds, empty: ${empty[*]}; with $before users: ${large[*]} (ended with $after)" >&2
printf '\n%-52s %12s %12s %8s %s\n' "registry changes" "large" "empty" "ratio" "reference (before)"
printf '%-52s %12s %12s %8s %s\n' "users created/s, $before users vs none" "$l" "$e" \
  "$(python3 -c "print(f'{$l/$e:.2f}')")" "755/s at 4,000, 87/s at 20,000"
printf '%-52s %12s\n' "first read after start: folding $before users (s)" "$fold_seconds"
echo "(medians of $ROUNDS rounds of ${DURATION}s, wrk -t$THREADS -c$CONNECTIONS; SQLite store)"
