#!/usr/bin/env bash
# Builds one libFuzzer target with clang and the address and undefined-behaviour sanitizers,
# then fuzzes it for a short time from its seed corpus: the files kept in
# tests/fuzz/corpus/TARGET, and those the target writes itself when asked.
# usage: tests/fuzz/run.sh BUILD_DIR SECONDS TARGET
#   license_file: license files, bundles, certificate packages, deployment licenses, public key
#                 files, fingerprint requests, deactivation proofs, the SDK's state file, the
#                 Licensor-Signature of an answer
#   http_input:   the header scan and framing, targets, queries, paths, JSON bodies, cookies and
#                 forwarding headers
set -euo pipefail
src="$(cd "$(dirname "$0")/../.." && pwd)"
seconds="${2:-20}"
target="${3:-license_file}"
out="${1:?build dir}/fuzz/$target"
mkdir -p "$out/corpus"

# All of common and crypto (what the SDK reads files with), so a new file there is never missed;
# and for requests, each of the server's parsers.
mapfile -t sources < <(cd "$src" && ls src/common/*.cpp src/crypto/*.cpp | grep -v '_test\.cpp$')
case "$target" in
  license_file) sources+=(src/sdk/client_state.cpp) ;;
  http_input)
    sources+=(src/server/client_address.cpp src/server/http_framing.cpp src/server/json_body.cpp
              src/server/query.cpp src/server/session_cookie.cpp) ;;
  *) echo "unknown fuzz target: $target" >&2; exit 2 ;;
esac
sources+=("tests/fuzz/${target}_fuzzer.cpp")
binary="$out/${target}_fuzzer"
# sed reads the whole list: `head -1` would leave ls writing into a closed pipe, and pipefail
# would then fail the run.
newest_source=$(cd "$src" && ls -t "${sources[@]}" src/*/*.hpp | sed -n 1p)
if [ ! -x "$binary" ] || [ "$src/$newest_source" -nt "$binary" ]; then
  (cd "$src" && clang++ -std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined \
    -fno-sanitize-recover=undefined -I src "${sources[@]}" -lsodium -o "$binary")
fi
cp "$src/tests/fuzz/corpus/$target/"* "$out/corpus/" 2>/dev/null || true
# A target may write seeds of its own when asked; -runs=0 keeps one that does not from fuzzing.
LICENSOR_FUZZ_WRITE_SEEDS="$out/corpus" "$binary" -runs=0 >/dev/null 2>&1 || true
"$binary" -max_total_time="$seconds" -max_len=8192 -print_final_stats=1 "$out/corpus" 2>&1 | tail -15
