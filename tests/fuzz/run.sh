#!/usr/bin/env bash
# Builds the license-file fuzzer with clang, libFuzzer and the address and undefined-behaviour
# sanitizers, then fuzzes for a short time from a seed corpus of valid files.
# usage: tests/fuzz/run.sh BUILD_DIR [SECONDS]
set -euo pipefail
src="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:?build dir}/fuzz"
seconds="${2:-20}"
mkdir -p "$out/corpus"

sources=(
  src/common/status.cpp src/common/clock.cpp src/common/time_format.cpp
  src/common/fingerprint_rule.cpp
  src/crypto/random.cpp src/crypto/key_store.cpp src/crypto/key_ring.cpp src/crypto/encoding.cpp
  src/crypto/canonical_json.cpp
  src/crypto/license_envelope.cpp src/crypto/license_payload.cpp src/crypto/license_file.cpp
  src/crypto/fingerprint_request.cpp src/crypto/public_keys_file.cpp src/crypto/bundle.cpp src/crypto/certificate_files.cpp
  tests/fuzz/license_file_fuzzer.cpp
)
binary="$out/license_file_fuzzer"
newest_source=$(cd "$src" && ls -t "${sources[@]}" src/crypto/*.hpp src/common/*.hpp | head -1)
if [ ! -x "$binary" ] || [ "$src/$newest_source" -nt "$binary" ]; then
  (cd "$src" && clang++ -std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined \
    -fno-sanitize-recover=undefined -I src "${sources[@]}" -lsodium -o "$binary")
fi
LICENSOR_FUZZ_WRITE_SEEDS="$out/corpus" "$binary" >/dev/null 2>&1 || true
"$binary" -max_total_time="$seconds" -max_len=8192 -print_final_stats=1 "$out/corpus" 2>&1 | tail -15
