# Sourced by the test scripts that start a licensord of their own (tests/openapi/run.sh,
# tests/metrics_check.sh, tests/package_test.sh).
#
# start_licensord WORK_DIR LICENSORD [ARG…]: starts LICENSORD with ARGs, its output in
# WORK_DIR/stdout and WORK_DIR/stderr, and waits for the line that says where it listens. Sets
# licensord_pid and licensord_url; fails, showing its log, when it does not start in 10 s. The
# caller stops it (kill "$licensord_pid").
start_licensord() {
  local work=$1 binary=$2
  shift 2
  "$binary" "$@" >"$work/stdout" 2>"$work/stderr" &
  licensord_pid=$!
  licensord_url=""
  for _ in $(seq 200); do
    licensord_url=$(sed -n 's/.*listening on \(http[^ ]*\).*/\1/p' "$work/stdout")
    [ -n "$licensord_url" ] && return 0
    sleep 0.05
  done
  cat "$work/stderr" >&2
  echo "licensord did not start" >&2
  return 1
}
