#!/usr/bin/env bash
# The SDK's hot checks through the Python and Node.js bindings, beside a bare FFI call into an
# empty C function (the binding's own cost is the difference) and the C++ figure they wrap.
# usage: bench/bindings.sh  (BUILD=build by default); recorded in docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh bindings
server_pid=""

cmake --build "$BUILD" --target licensor_sdk licensor_ffi_floor licensord >/dev/null
(cd bindings/node && { [ -f node_modules/.package-lock.json ] || npm ci --no-audit --no-fund --loglevel=error; })
port=$(free_port)
token="lsr_bindings_bench_admin_token_0123456789abcd"
LICENSOR_ADMIN_TOKEN=$token "$BUILD/licensord" --data-dir "$work/server" --listen "127.0.0.1:$port" \
  --jobs-interval 0 >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 200); do grep -q listening "$work/server.log" && break; sleep 0.05; done
api() { curl -sf -X "$1" "http://127.0.0.1:$port$2" -H "Authorization: Bearer $token" \
          -H 'Content-Type: application/json' ${3:+-d "$3"}; }
api GET /v1/keys/public >"$work/keys.json"
customer=$(api POST /v1/customers '{"name":"Bench"}' | jget id)
product=$(api POST /v1/products '{"name":"Bench"}' | jget id)
policy=$(api POST /v1/policies "{\"product_id\":\"$product\",\"name\":\"p\",\"deployment_mode\":\"HYBRID\",\"duration_days\":365,\"features\":[\"core\"]}" | jget id)
code=$(api POST /v1/licenses "{\"policy_id\":\"$policy\",\"customer_id\":\"$customer\"}" | jget code)
export LICENSOR_LIBRARY="$BUILD/liblicensor.so"
PYTHONPATH=bindings/python python3 - "$work/data" "$work/keys.json" "$product" "$code" \
  "http://127.0.0.1:$port" <<'PY'
import sys, licensor
with open(sys.argv[2]) as keys:
    c = licensor.Client(product_id=sys.argv[3], data_dir=sys.argv[1], public_keys_json=keys.read(),
                        license_code=sys.argv[4], server_url=sys.argv[5])
assert c.activate() == licensor.Code.VALID, c.cause()
c.close()
PY
kill "$server_pid"; server_pid=""
floor="$BUILD/liblicensor_ffi_floor.so"
echo "Bindings, one thread, best of 5 rounds of 1,000,000 calls (goal: Validate() > 10,000,000/s in C++):"
taskset -c 0 "$BUILD/licensor_sdk_bench" 2>/dev/null | grep -E "Client::(Validate|HasFeature)" | sed 's/^/  c++     /'
PYTHONPATH=bindings/python taskset -c 0 python3 bench/bindings/python_bench.py "$floor" "$work/data" \
  "$work/keys.json" "$product" "$code"
taskset -c 0 node bench/bindings/node_bench.js "$floor" "$work/data" "$work/keys.json" "$product" "$code"
echo "machine: $(nproc) cores, $(uname -sr), $(python3 --version), Node.js $(node --version)"
