#!/usr/bin/env bash
# PostgreSQL at the speed of its database, in one run, with the same wrk settings throughout:
#   validate requests/s on a PostgreSQL-backed node, beside a SQLite node, and beside
#   `pgbench -S` (select-only) with the same client count on the same PostgreSQL;
#   durable activations/s on PostgreSQL, beside pgbench running a single-row INSERT transaction
#   with the same client count.
# The PostgreSQL server is a throwaway one (tests/support/postgres.sh) with fsync on, so commits
# are as durable as a production server's.
# Usage: bench/postgres.sh   (bench/run.sh runs it; needs wrk)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh postgres
wrk_run() { # URL SCRIPT
  LICENSOR_BENCH_CODE="$code" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency \
    -s "$2" "$1" 2>&1 | tee -a "$work/wrk.log" | result
}
pgbench_run() { # ARGS...: "rps=<transactions per second>"
  echo "rps=$(pgbench -n -c "$CONNECTIONS" -j "$THREADS" -T "$DURATION" "$@" "$url" 2>&1 \
    | tee -a "$work/pgbench.log" | sed -n 's/^tps = \([0-9.]*\).*/\1/p')"
}

LICENSOR_TEST_PG_FSYNC=on tests/support/postgres.sh start "$work/pg" >/dev/null
trap 'tests/support/postgres.sh stop "$work/pg"; bench_cleanup' EXIT
url=$(cat "$work/pg/url")
pgbench -i -q -s 10 "$url" >"$work/pgbench-init.log" 2>&1
psql -q "$url" -c 'CREATE TABLE bench_inserts (seq BIGSERIAL PRIMARY KEY, fingerprint TEXT, at BIGINT)'
cat >"$work/insert.sql" <<'SQL'
\set n random(1, 1000000000)
INSERT INTO bench_inserts (fingerprint, at) VALUES ('fp-' || :n, :n);
SQL

token="lsr_bench_admin_token_0123456789abcdefghijklmn"
start_node() { # DIR PORT [ARGS...]
  local dir=$1 node_port=$2; shift 2
  LICENSOR_ADMIN_TOKEN=$token "$BUILD/licensord" --data-dir "$dir" --listen "127.0.0.1:$node_port" \
    --client-rate-limit 0 --jobs-interval 0 "$@" >"$dir.out" 2>"$dir.err" &
  for _ in $(seq 200); do grep -q listening "$dir.out" 2>/dev/null && break; sleep 0.05; done
}
api() { curl -sf -X "$1" "http://127.0.0.1:$port$2" -H "Authorization: Bearer $token" \
          -H 'Content-Type: application/json' ${3:+-d "$3"}; }

pg_port=$(free_port)
start_node "$work/pgnode" "$pg_port" --database-url "$url"
port=$pg_port
bench_license "http://127.0.0.1:$pg_port" 1000000
pg_code=$code
sqlite_port=$(free_port)
start_node "$work/sqlitenode" "$sqlite_port"
port=$sqlite_port
bench_license "http://127.0.0.1:$sqlite_port" 1000000
sqlite_code=$code

echo "Measuring $ROUNDS alternating rounds (wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s; pgbench -c$CONNECTIONS -j$THREADS -T$DURATION) ..." >&2
pg_validates=(); sqlite_validates=(); selects=(); pg_activates=(); inserts=()
for round in $(seq "$ROUNDS"); do
  code=$pg_code
  pg_validates+=("$(wrk_run "http://127.0.0.1:$pg_port/v1/client/validate" bench/validate.lua)")
  code=$sqlite_code
  sqlite_validates+=("$(wrk_run "http://127.0.0.1:$sqlite_port/v1/client/validate" bench/validate.lua)")
  selects+=("$(pgbench_run -S)")
  code=$pg_code
  pg_activates+=("$(LICENSOR_BENCH_ENDPOINT=activate LICENSOR_BENCH_FINGERPRINT=fp-$round \
    LICENSOR_BENCH_COMPONENTS='{}' LICENSOR_BENCH_FRESH=1 \
    wrk_run "http://127.0.0.1:$pg_port" bench/machine.lua)")
  inserts+=("$(pgbench_run -f "$work/insert.sql")")
  echo "  round $round: validate on PostgreSQL ${pg_validates[-1]%% *}, on SQLite ${sqlite_validates[-1]%% *}, pgbench -S ${selects[-1]}, activate on PostgreSQL ${pg_activates[-1]%% *}, pgbench insert ${inserts[-1]}" >&2
done
rps() { printf '%s\n' "$@" | field rps | median; }
pg_v=$(rps "${pg_validates[@]}"); sqlite_v=$(rps "${sqlite_validates[@]}"); select_tps=$(rps "${selects[@]}")
pg_a=$(rps "${pg_activates[@]}"); insert_tps=$(rps "${inserts[@]}")
for line in "${pg_validates[@]}" "${sqlite_validates[@]}" "${pg_activates[@]}"; do
  errs=$(echo "$line" | field non2xx)
  [ "${errs:-0}" = "0" ] || echo "warning: $errs non-2xx responses: $line" >&2
done
ratio() { python3 -c "print(f'{$1/$2:.2f}')"; }
at_least() { python3 -c "print('met' if $1/$2 >= $3 else 'NOT met')"; }
printf '\n%-50s %12s %12s %8s %s\n' "benchmark" "Licensor" "reference" "ratio" "goal"
printf '%-50s %12s %12s %8s %s\n' "validate req/s, PostgreSQL node vs SQLite node" "$pg_v" \
  "$sqlite_v" "$(ratio "$pg_v" "$sqlite_v")" "$(at_least "$pg_v" "$sqlite_v" 0.667) (>= 1/1.5)"
printf '%-50s %12s %12s %8s %s\n' "validate req/s, PostgreSQL node vs pgbench -S tps" "$pg_v" \
  "$select_tps" "$(ratio "$pg_v" "$select_tps")" "$(at_least "$pg_v" "$select_tps" 1) (>= 1x)"
printf '%-50s %12s %12s %8s\n' "durable activations/s on PostgreSQL vs pgbench inserts" "$pg_a" \
  "$insert_tps" "$(ratio "$pg_a" "$insert_tps")"
echo "(medians of $ROUNDS alternating rounds of ${DURATION}s)"
