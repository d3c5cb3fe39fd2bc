#!/usr/bin/env bash
# Builds the license-file fuzzer with clang, libFuzzer and the address and undefined-behaviour
# sanitizers, then fuzzes for a short time from a seed corpus of valid files.
# usage: tests/fuzz/run.sh BUILD_DIR [SECONDS]
set -euo pipefail
src="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:?build dir}/fuzz"
seconds="${2:-20}"
mkdir -p "$out/corpus"

# All of common and crypto (what the SDK reads files with), so a new file there is never missed.
mapfile -t sources < <(cd "$src" && ls src/common/*.cpp src/crypto/*.cpp | grep -v '_test\.cpp$')
sources+=(tests/fuzz/license_file_fuzzer.cpp)
binary="$out/license_file_fuzzer"
newest_source=$(cd "$src" && ls -t "${sources[@]}" src/crypto/*.hpp src/common/*.hpp | head -1)
if [ ! -x "$binary" ] || [ "$src/$newest_source" -nt "$binary" ]; then
  (cd "$src" && clang++ -std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined \
    -fno-sanitize-recover=undefined -I src "${sources[@]}" -lsodium -o "$binary")
fi
LICENSOR_FUZZ_WRITE_SEEDS="$out/corpus" "$binary" >/dev/null 2>&1 || true
"$binary" -max_total_time="$seconds" -max_len=8192 -print_final_stats=1 "$out/corpus" 2>&1 | tail -15
