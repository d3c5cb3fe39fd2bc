#!/usr/bin/env bash
# Installs the SDK into a temporary prefix and builds against it as a vendor would: the C test
# with pkg-config, and the example app with find_package(Licensor).
# usage: tests/sdk_install.sh BUILD_DIR
set -euo pipefail
src="$(cd "$(dirname "$0")/.." && pwd)"
build="$(cd "${1:?build dir}" && pwd)"
prefix=$(mktemp -d /tmp/licensor-install-XXXXXX)
trap 'rm -rf "$prefix"' EXIT

cmake --install "$build" --prefix "$prefix" >/dev/null
test -f "$prefix/include/licensor/licensor.h"
test -f "$prefix/include/licensor/licensor.hpp"

export PKG_CONFIG_PATH="$prefix/lib/pkgconfig:$prefix/lib/x86_64-linux-gnu/pkgconfig"
# shellcheck disable=SC2046
cc -std=c11 -Wall -Werror -pedantic "$src/tests/c/licensor_c_test.c" \
  $(pkg-config --cflags --libs licensor) -o "$prefix/c_test"
libdir="$(pkg-config --variable=libdir licensor)"
# Both print their usage when run without arguments: they load the installed library and run.
out=$(LD_LIBRARY_PATH="$libdir" "$prefix/c_test" 2>&1 || true)
grep -q usage <<<"$out"

cmake -S "$src/examples/licensed-app" -B "$prefix/app" -G Ninja \
  -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$prefix/app" >/dev/null
out=$(LD_LIBRARY_PATH="$libdir" "$prefix/app/licensed-app" 2>&1 || true)
grep -q usage <<<"$out"
echo "the installed SDK builds the C test (pkg-config) and the example app (find_package)"
