#!/usr/bin/env bash
# Starts or stops a throwaway PostgreSQL server for the tests (CTest fixture "postgres").
#   tests/support/postgres.sh start STATE_DIR   # writes STATE_DIR/url
#   tests/support/postgres.sh stop STATE_DIR
# The server listens on 127.0.0.1 only, trusts local connections, and keeps its data in a new
# directory under /tmp. PostgreSQL refuses to run as root, so as root it runs as "postgres".
set -euo pipefail
action=$1
state=$2
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bin" ] || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$action" in
  start)
    "$0" stop "$state" || true
    mkdir -p "$state"
    data=$(mktemp -d /tmp/licensor-pg-XXXXXX)
    [ "$(id -u)" -eq 0 ] && chown postgres "$data"
    echo "$data" >"$state/datadir"
    as_owner "$bin/initdb" -D "$data/db" -A trust -U licensor -E UTF8 >"$state/initdb.log" 2>&1
    for _ in 1 2 3 4 5; do
      port=$((20000 + RANDOM % 40000))
      # fsync is off: these are throwaway test databases, and durability is SQLite's test. The
      # benchmarks turn it on (LICENSOR_TEST_PG_FSYNC=on) to compare durable commits.
      if as_owner "$bin/pg_ctl" -D "$data/db" -l "$data/server.log" -w -t 30 \
           -o "-p $port -k $data -c listen_addresses=127.0.0.1 -c fsync=${LICENSOR_TEST_PG_FSYNC:-off} -c max_connections=200" \
           start >/dev/null 2>&1; then
        echo "postgresql://licensor@127.0.0.1:$port/postgres" >"$state/url"
        exit 0
      fi
    done
    echo "PostgreSQL did not start; see $data/server.log" >&2
    cat "$data/server.log" >&2 || true
    exit 1
    ;;
  stop)
    if [ -f "$state/datadir" ]; then
      data=$(cat "$state/datadir")
      as_owner "$bin/pg_ctl" -D "$data/db" -m fast -w stop >/dev/null 2>&1 || true
      rm -rf "$data"
    fi
    rm -rf "$state"
    ;;
  *)
    echo "usage: $0 start|stop STATE_DIR" >&2
    exit 2
    ;;
esac
