#!/usr/bin/env bash
# Installs the SDK into a temporary prefix and builds against it as a vendor would: the C test
# with pkg-config, shared and static, and the example app with find_package(Licensor), shared
# and static. Nothing is told where the library is (no LD_LIBRARY_PATH): the installed tool and
# the programs built find it by their run path, or hold it. Then the installed app is
# run against a real licensord as a vendor's customer would try it: another product's code,
# a suspension across a restart without the server, and a deactivated machine's file restored.
# usage: tests/sdk_install.sh BUILD_DIR
set -euo pipefail
trap 'echo "sdk_install.sh: line $LINENO failed: $BASH_COMMAND" >&2' ERR
src="$(cd "$(dirname "$0")/.." && pwd)"
build="$(cd "${1:?build dir}" && pwd)"
prefix=$(mktemp -d /tmp/licensor-install-XXXXXX)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$prefix"
}
trap cleanup EXIT

# The SDK's components hold the SDK and the fingerprint tool, and none of the server.
cmake --install "$build" --prefix "$prefix" --component sdk_runtime >/dev/null
cmake --install "$build" --prefix "$prefix" --component sdk >/dev/null
test -f "$prefix/include/licensor/licensor.h"
test -f "$prefix/include/licensor/licensor.hpp"
test -x "$prefix/bin/licensor-fingerprint"
test ! -e "$prefix/bin/licensord" && test ! -e "$prefix/bin/licensorctl"
server_only=$(mktemp -d /tmp/licensor-server-XXXXXX)
cmake --install "$build" --prefix "$server_only" --component server >/dev/null
test -x "$server_only/bin/licensord" && test -x "$server_only/bin/licensorctl"
test ! -e "$server_only/include" && test ! -e "$server_only/bin/licensor-fingerprint"
rm -rf "$server_only"

export PKG_CONFIG_PATH="$prefix/lib/pkgconfig:$prefix/lib/x86_64-linux-gnu/pkgconfig"
unset LD_LIBRARY_PATH
libdir="$(pkg-config --variable=libdir licensor)"
# The packages carry the release's version (the example app asks find_package for 0.2 too).
pkg-config --atleast-version 0.2 licensor ||
  { echo "pkg-config says licensor $(pkg-config --modversion licensor), not 0.2" >&2; exit 1; }
test -f "$libdir/liblicensor.a"
prints_usage() { # PROGRAM: it loads (the library found) and runs, printing its usage
  local out
  out=$("$1" 2>&1 || true)
  grep -q usage <<<"$out" || { echo "$1 did not run: $out" >&2; exit 1; }
}
# Output is read whole before grep looks at it: `cmd | grep -q` with pipefail fails when grep's
# early exit leaves the writer a broken pipe.
links_sdk() { grep -q 'liblicensor\.so' <<<"$(ldd "$1")"; }
holds_sdk() { # PROGRAM: the SDK is linked into it, not loaded
  if links_sdk "$1"; then echo "$1 loads liblicensor.so" >&2; exit 1; fi
}

# The installed tool runs from the prefix.
grep -q '^fingerprint: *fp1-' <<<"$("$prefix/bin/licensor-fingerprint")" ||
  { echo "the installed licensor-fingerprint does not run" >&2; exit 1; }

# shellcheck disable=SC2046
cc -std=c11 -Wall -Wextra -Werror -pedantic "$src/tests/c/licensor_c_test.c" \
  $(pkg-config --cflags --libs licensor) -o "$prefix/c_test"
prints_usage "$prefix/c_test"
links_sdk "$prefix/c_test"
# shellcheck disable=SC2046
cc -std=c11 -Wall -Wextra -Werror -pedantic "$src/tests/c/licensor_c_test.c" \
  $(pkg-config --cflags --libs licensor-static) -o "$prefix/c_test_static"
prints_usage "$prefix/c_test_static"
holds_sdk "$prefix/c_test_static"

for variant in shared static; do
  flag=OFF; [ "$variant" = static ] && flag=ON
  cmake -S "$src/examples/licensed-app" -B "$prefix/app-$variant" -G Ninja \
    -DCMAKE_PREFIX_PATH="$prefix" -DLICENSED_APP_STATIC=$flag >/dev/null
  cmake --build "$prefix/app-$variant" >/dev/null
  prints_usage "$prefix/app-$variant/licensed-app"
done
links_sdk "$prefix/app-shared/licensed-app"
holds_sdk "$prefix/app-static/licensed-app"
# The one the server scenario runs: the single binary a vendor would ship.
ln -s "$prefix/app-static" "$prefix/app"
echo "the installed SDK builds the C test (pkg-config) and the example app (find_package)," \
  "shared and static, and they run without LD_LIBRARY_PATH"

# --- the Python package, installed offline into a virtual environment that holds the SDK ---
venv="$prefix/venv"
# Debian's Python, whose setuptools and wheel build the package with no network.
/usr/bin/python3 -m venv --system-site-packages --without-pip "$venv"
cmake --install "$build" --prefix "$venv" --component sdk_runtime >/dev/null
cmake --install "$build" --prefix "$venv" --component sdk >/dev/null
cp -r "$src/bindings/python" "$prefix/python-package"  # pip builds in the tree it is given
"$venv/bin/python3" -m pip install --quiet --no-index --no-build-isolation \
  "$prefix/python-package" >"$prefix/pip.out" 2>&1 || { cat "$prefix/pip.out" >&2; exit 1; }
# Found with neither LICENSOR_LIBRARY nor LD_LIBRARY_PATH: in the environment's own lib.
machine=$(cd / && env -u LICENSOR_LIBRARY "$venv/bin/python3" -c \
  'import licensor; print(licensor.collect_machine()["fingerprint"])')
expect_fingerprint() { [[ "$1" == fp1-* ]] || { echo "not a fingerprint: $1" >&2; exit 1; }; }
expect_fingerprint "$machine"
missing=$(cd / && LICENSOR_LIBRARY=/nonexistent/liblicensor.so.0 "$venv/bin/python3" -c \
  'import licensor; licensor.collect_machine()' 2>&1 || true)
grep -q "was not found (tried: /nonexistent/liblicensor.so.0)" <<<"$missing" ||
  { echo "unexpected: $missing" >&2; exit 1; }
echo "the Python package installs offline and finds the SDK in its environment's prefix"

# --- the Node.js package, installed globally into the prefix that holds the SDK ---
# --install-links copies the package, as from the registry, rather than linking the source tree.
npm install --global --prefix "$prefix" --install-links --prefer-offline --no-audit --no-fund \
  --loglevel=error "$src/bindings/node" >"$prefix/npm.out" 2>&1 || { cat "$prefix/npm.out" >&2; exit 1; }
node_package="$prefix/lib/node_modules/licensor"
test ! -L "$node_package"
machine=$(cd / && env -u LICENSOR_LIBRARY node -e \
  "console.log(require('$node_package').collectMachine().fingerprint)")
expect_fingerprint "$machine"
missing=$(cd / && LICENSOR_LIBRARY=/nonexistent/liblicensor.so.0 node -e \
  "require('$node_package').collectMachine()" 2>&1 || true)
grep -q "was not found (tried: /nonexistent/liblicensor.so.0)" <<<"$missing" ||
  { echo "unexpected: $missing" >&2; exit 1; }
echo "the Node.js package installs into the SDK's prefix and finds the SDK there"

# --- the installed app against a real server ---
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
token="lsr_install_admin_token_0123456789abcdefghijkl"
start_server() {
  : >"$prefix/server.out"
  LICENSOR_ADMIN_TOKEN=$token "$build/licensord" --data-dir "$prefix/server" \
    --listen "127.0.0.1:$port" --jobs-interval 0 >"$prefix/server.out" 2>&1 &
  server_pid=$!
  for _ in $(seq 200); do grep -q listening "$prefix/server.out" && return; sleep 0.05; done
  echo "licensord did not start" >&2; exit 1
}
stop_server() { kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""; }
api() { curl -sf -X "$1" "http://127.0.0.1:$port$2" -H "Authorization: Bearer $token" \
          -H 'Content-Type: application/json' ${3:+-d "$3"}; }
field() { python3 -c "import sys,json; print(json.load(sys.stdin)['$1'])"; }
license_of() { # PRODUCT_ID MODE: the code of a new license of that product
  local policy
  policy=$(api POST /v1/policies "{\"product_id\":\"$1\",\"name\":\"p\",\"deployment_mode\":\"$2\",\"duration_days\":365,\"features\":[\"core\"]}" | field id)
  api POST /v1/licenses "{\"policy_id\":\"$policy\",\"customer_id\":\"$customer\"}"
}
app() { # PRODUCT ARGS...: the installed app's output
  local product=$1; shift
  "$prefix/app/licensed-app" --product "$product" --data-dir "$prefix/data" \
    --public-keys "$prefix/keys.json" --server "http://127.0.0.1:$port" "$@" 2>&1 || true
}
expect() { # TEXT OUTPUT
  grep -q -- "$1" <<<"$2" || { echo "expected '$1' in: $2" >&2; exit 1; }
}

start_server
api GET /v1/keys/public >"$prefix/keys.json"
customer=$(api POST /v1/customers '{"name":"Acme"}' | field id)
cheap=$(api POST /v1/products '{"name":"Cheap"}' | field id)
expensive=$(api POST /v1/products '{"name":"Expensive"}' | field id)
cheap_code=$(license_of "$cheap" ONLINE | field code)
license=$(license_of "$expensive" HYBRID)
code=$(field code <<<"$license"); license_id=$(field id <<<"$license")

out=$(app "$expensive" --code "$cheap_code" --activate)
expect "step=WRONG_PRODUCT" "$out"
out=$(app "$expensive" --code "$code" --activate --feature core)
expect "state=VALID" "$out"; expect "feature:core=yes" "$out"

api POST "/v1/licenses/$license_id/actions/suspend" >/dev/null
out=$(app "$expensive" --code "$code" --heartbeat)
expect "state=LICENSE_SUSPENDED" "$out"
stop_server
out=$(app "$expensive" --code "$code" --feature core)  # restarted, the server gone
expect "state=LICENSE_SUSPENDED" "$out"; expect "feature:core=no" "$out"
start_server
api POST "/v1/licenses/$license_id/actions/reinstate" >/dev/null
out=$(app "$expensive" --code "$code" --heartbeat)
expect "state=VALID" "$out"

cp "$prefix/data/license.lic" "$prefix/backup.lic"
out=$(app "$expensive" --code "$code" --deactivate)
expect "state=NOT_ACTIVATED" "$out"
cp "$prefix/backup.lic" "$prefix/data/license.lic"
stop_server
out=$(app "$expensive" --code "$code")
expect "state=NOT_ACTIVATED" "$out"
out=$(app "$expensive" --code "$code" --license-file "$prefix/backup.lic")
expect "step=DEACTIVATED" "$out"
echo "the installed app refuses another product's code, keeps a suspension across a restart" \
  "and refuses a deactivated machine's restored file"
