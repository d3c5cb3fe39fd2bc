# What every benchmark script begins with, sourced from the repository's root after `set -euo
# pipefail`:  . bench/common.sh NAME
# It gives the settings every script shares (each overridable from the environment), $work (a
# temporary directory, removed at exit), and stops at exit every process the script started in
# the background, so a failed run leaves no server behind. Then the helpers the scripts share.
BUILD=${BUILD:-build}
DURATION=${DURATION:-10}
ROUNDS=${ROUNDS:-3}  # pairs are measured in alternating rounds; medians are reported
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${WRK_THREADS:-2}
work=$(mktemp -d "/tmp/licensor-$1-XXXXXX")
bench_cleanup() {
  local jobs
  jobs=$(jobs -p)
  [ -z "$jobs" ] || kill $jobs 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap bench_cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# wrk's RESULT line (bench/report.lua) without its tag, and one field of it.
result() { grep '^RESULT' | sed 's/^RESULT //'; }
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p"; }
# The median of the numbers on standard input, one per line.
median() { sort -n | awk '{ v[NR]=$1 } END { print v[int((NR+1)/2)] }'; }
# One member of a JSON answer on standard input.
jget() { python3 -c "import sys,json; print(json.load(sys.stdin)['$1'])"; }

# A product, a customer, a policy (feature "core", MAX activations) and a license of it, with
# the machine "bench-machine" activated on the server at URL. Sets $customer and $code (declare
# them local first to keep them in a function); needs the script's api() (METHOD PATH [BODY]).
bench_license() { # URL MAX_ACTIVATIONS
  local product policy
  product=$(api POST /v1/products '{"name":"bench"}' | jget id)
  customer=$(api POST /v1/customers '{"name":"bench"}' | jget id)
  policy=$(api POST /v1/policies "{\"product_id\":\"$product\",\"name\":\"bench\",\"max_activations\":$2,\"features\":[\"core\"]}" | jget id)
  code=$(api POST /v1/licenses "{\"policy_id\":\"$policy\",\"customer_id\":\"$customer\"}" | jget code)
  curl -sf -X POST "$1/v1/client/activate" -H 'Content-Type: application/json' \
    -d "{\"code\":\"$code\",\"fingerprint\":\"bench-machine\"}" >/dev/null
}

# nginx answering `return 200 '{"valid":true}'` on 127.0.0.1:PORT in the background: the
# reference the server's figures stand beside. With CERT and KEY, over TLS 1.2 and 1.3.
start_nginx() { # PORT [CERT KEY]
  local dir="$work/nginx-$1" listen="listen 127.0.0.1:$1;"
  [ $# -lt 3 ] || listen="listen 127.0.0.1:$1 ssl; ssl_certificate $2; ssl_certificate_key $3;
    ssl_protocols TLSv1.2 TLSv1.3;"
  mkdir -p "$dir"
  cat >"$dir/nginx.conf" <<NGINX
daemon off;
worker_processes auto;
pid $dir/nginx.pid;
error_log $dir/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $dir;
  server { $listen location / { return 200 '{"valid":true}'; } }
}
NGINX
  nginx -c "$dir/nginx.conf" -p "$dir" &
  sleep 0.5
}
