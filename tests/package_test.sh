#!/usr/bin/env bash
# `make package` as an operator meets it: the three Debian packages built by CPack from this
# build, lintian-clean (with the overrides they ship), the unit accepted by `systemd-analyze
# verify` and rated by `systemd-analyze security`, the packages unpacked into a throwaway root,
# and the installed licensord, started with the shipped configuration, serving /healthz and the
# console and answering the installed licensorctl. The SDK packages build and run a C program.
# Usage: tests/package_test.sh BUILD_DIR
set -euo pipefail
build=$(realpath "$1")
work=$(mktemp -d /tmp/licensor-package-XXXXXX)
cleanup() { [ -n "${licensord_pid:-}" ] && kill "$licensord_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

(cd "$build" && cpack -B "$work/out" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; exit 1; }
version=$(sed -n 's/^CPACK_PACKAGE_VERSION:.*=//p; s/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' \
  "$build/CPackConfig.cmake" | head -1)
arch=$(dpkg --print-architecture)
for package in licensord liblicensor0 liblicensor-dev; do
  deb="$work/out/${package}_${version}-1_${arch}.deb"
  [ -f "$deb" ] || { ls "$work/out"; echo "no $deb" >&2; exit 1; }
  echo "== $package: $(dpkg-deb -f "$deb" Depends)"
  # Errors and warnings fail; what the packages override is justified in their overrides.
  lintian --fail-on error,warning --no-tag-display-limit "$deb"
  dpkg-deb -x "$deb" "$work/root"
done

root=$work/root
unit=$root/lib/systemd/system/licensord.service
test -f "$unit" && test -f "$root/etc/licensor/licensord.toml"
test -L "$root/usr/lib/$(dpkg-architecture -qDEB_HOST_MULTIARCH)/liblicensor.so.0"
dpkg-deb -e "$work/out/licensord_${version}-1_${arch}.deb" "$work/control"
for script in postinst prerm postrm; do sh -n "$work/control/$script"; done
grep -qx '/etc/licensor/licensord.toml' "$work/control/conffiles"

# The unit as systemd reads it, with this system's targets and the unpacked licensord: any
# complaint (an unknown setting, a missing command) fails.
mkdir -p "$work/unit"
sed "s#/usr/bin/licensord#$root/usr/bin/licensord#" "$unit" >"$work/unit/licensord.service"
complaints=$(SYSTEMD_LOG_LEVEL=notice systemd-analyze verify "$work/unit/licensord.service" 2>&1)
[ -z "$complaints" ] || { echo "$complaints"; exit 1; }
exposure=$(systemd-analyze security --offline=true --root="$root" \
  /lib/systemd/system/licensord.service --no-pager | sed -n 's/.*Overall exposure level for .*: \([0-9.]*\).*/\1/p')
echo "systemd-analyze security: exposure $exposure"
awk -v e="$exposure" 'BEGIN { exit !(e != "" && e <= 2.0) }' ||
  { echo "the unit's exposure level is $exposure, above 2.0" >&2; exit 1; }

# The installed licensord with the shipped configuration; only where it listens and keeps its
# data are changed, as an operator's flags would.
token=lsr_package_check_token_0123456789abcdefghijkl
source "$(dirname "$0")/support/start_licensord.sh"
LICENSOR_ADMIN_TOKEN=$token start_licensord "$work" "$root/usr/bin/licensord" \
  --config "$root/etc/licensor/licensord.toml" --data-dir "$work/data" --listen 127.0.0.1:0
url=$licensord_url
[ "$(curl -sf "$url/healthz")" = '{"status":"ok"}' ]
curl -sf "$url/" | grep -q '<div id="root">' || { echo "no console at /" >&2; exit 1; }
LICENSOR_URL=$url LICENSOR_TOKEN=$token "$root/usr/bin/licensorctl" products create --name Packaged \
  >/dev/null
LICENSOR_URL=$url LICENSOR_TOKEN=$token "$root/usr/bin/licensorctl" products list | grep -q Packaged

# The SDK's packages: a C program built against the unpacked headers and library.
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
cat >"$work/app.c" <<'C'
#include <licensor/licensor.h>
#include <stdio.h>
int main(void) { printf("%s\n", licensor_code_name(LICENSOR_VALID)); return 0; }
C
cc -I"$root/usr/include" "$work/app.c" -L"$root/usr/lib/$multiarch" -llicensor -o "$work/app"
[ "$(LD_LIBRARY_PATH="$root/usr/lib/$multiarch" "$work/app")" = VALID ]
test -f "$root/usr/lib/$multiarch/pkgconfig/licensor.pc"
test -f "$root/usr/lib/$multiarch/cmake/Licensor/LicensorConfig.cmake"
echo "1 passed, 0 failed: three packages, lintian-clean, installed and serving"
