#!/usr/bin/env bash
# The C++ tests under the sanitizers (`make sanitize`; .ci/run runs it after `make test`):
#   asan: every C++ test, built with AddressSanitizer and UndefinedBehaviorSanitizer;
#   tsan: the threaded tests (the SDK's threads, concurrency and durability, several nodes) and
#         the server under every end-to-end test on SQLite, built with ThreadSanitizer.
# Every binary is instrumented, licensord and licensorctl included, so the servers the tests
# start are checked too. Each process writes its reports to BUILD/sanitizer-reports (the test
# presets' environment); a single report fails the run, even from a process whose test passed.
# usage: scripts/sanitize.sh [asan|tsan]...   (both when none is named)
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -gt 0 ] || set -- asan tsan
failed=()
for preset in "$@"; do
  reports="build-$preset/sanitizer-reports"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j2
  rm -rf "$reports" && mkdir -p "$reports"
  # A fixed address layout: ThreadSanitizer's shadow memory needs it on kernels that
  # randomise mappings widely, and the children of the tests inherit it.
  setarch "$(uname -m)" -R ctest --preset "$preset" || failed+=("$preset: tests failed")
  if [ -n "$(ls -A "$reports")" ]; then
    for report in "$reports"/*; do echo "=== $report"; cat "$report"; done
    failed+=("$preset: $(ls "$reports" | wc -l) report(s) in $reports")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  printf 'sanitize: %s\n' "${failed[@]}" >&2
  exit 1
fi
echo "sanitize: $* passed with no reports"
