#!/usr/bin/env bash
# The release's version is said once, in CMakeLists.txt's project(); the SDK's pkg-config and
# CMake packages take it from there, and this checks that the bindings' manifests and the API
# description say the same. Usage: versions_agree.sh SOURCE_DIR PROJECT_VERSION
set -euo pipefail
src=$1 want=$2
status=0
check() { # WHERE VERSION
  if [ "$2" != "$want" ]; then
    echo "$1 says $2, CMakeLists.txt's project() says $want" >&2
    status=1
  fi
}
check bindings/python/pyproject.toml \
  "$(sed -n 's/^version = "\(.*\)"$/\1/p' "$src/bindings/python/pyproject.toml")"
check bindings/node/package.json \
  "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["version"])' \
    "$src/bindings/node/package.json")"
check docs/openapi.json \
  "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["info"]["version"])' \
    "$src/docs/openapi.json")"
[ "$status" -eq 0 ] && echo "every manifest says $want"
exit "$status"
