#!/usr/bin/env bash
# Validate over TLS: licensord serving HTTPS itself (--tls-cert), beside nginx serving
# `return 200` over TLS with the same certificate, key and wrk settings, in alternating rounds.
# Both keep their connections alive, as the SDK and a load balancer do.
# Usage: bench/tls.sh   (bench/run.sh runs it; needs wrk and nginx)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh tls
wrk_run() { # URL
  LICENSOR_BENCH_CODE="$code" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency \
    -s bench/validate.lua "$1" 2>&1 | tee -a "$work/wrk.log" | result
}

# One P-256 certificate for 127.0.0.1, self-signed: what is compared is the cost of serving.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
  -keyout "$work/key.pem" -out "$work/cert.pem" -subj /CN=bench \
  -addext subjectAltName=IP:127.0.0.1 2>/dev/null

port=$(free_port)
token="lsr_bench_admin_token_0123456789abcdefghijklmn"
LICENSOR_ADMIN_TOKEN=$token "$BUILD/licensord" --data-dir "$work/data" --listen "127.0.0.1:$port" \
  --tls-cert "$work/cert.pem" --tls-key "$work/key.pem" --client-rate-limit 0 --jobs-interval 0 \
  >"$work/licensord.out" 2>"$work/licensord.err" &
for _ in $(seq 100); do grep -q listening "$work/licensord.out" 2>/dev/null && break; sleep 0.05; done
api() { curl -sf --cacert "$work/cert.pem" -X "$1" "https://127.0.0.1:$port$2" \
          -H "Authorization: Bearer $token" -H 'Content-Type: application/json' ${3:+-d "$3"}; }
export CURL_CA_BUNDLE="$work/cert.pem"  # bench_license's activation
bench_license "https://127.0.0.1:$port" 1000000

nginx_port=$(free_port)
start_nginx "$nginx_port" "$work/cert.pem" "$work/key.pem"

licensors=(); nginxes=()
for round in $(seq "$ROUNDS"); do
  licensors+=("$(wrk_run "https://127.0.0.1:$port/v1/client/validate")")
  nginxes+=("$(wrk_run "https://127.0.0.1:$nginx_port/")")
  echo "  round $round: validate over TLS ${licensors[-1]%% *}, nginx over TLS ${nginxes[-1]%% *}" >&2
done
v_rps=$(printf '%s\n' "${licensors[@]}" | field rps | median)
n_rps=$(printf '%s\n' "${nginxes[@]}" | field rps | median)
for line in "${licensors[@]}"; do
  errs=$(echo "$line" | field non2xx)
  [ "${errs:-0}" = "0" ] || echo "warning: $errs non-2xx responses: $line" >&2
done
printf '%-44s %14s %14s %8s %s\n' "validate over TLS req/s vs nginx over TLS" "$v_rps" "$n_rps" \
  "$(python3 -c "print(f'{$v_rps/$n_rps:.2f}')")" \
  "$(python3 -c "print('met' if $v_rps/$n_rps >= 0.5 else 'NOT met')")"
echo "(medians of $ROUNDS alternating rounds of ${DURATION}s, wrk -t$THREADS -c$CONNECTIONS)"
