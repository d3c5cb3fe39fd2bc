#!/usr/bin/env bash
# /metrics as Prometheus sees it: a real licensord after some traffic and on-demand job runs,
# scraped on its --metrics-listen address and linted with `promtool check metrics`; the
# series an operator watches present with the values the traffic implies; the shipped alert
# rules passing `promtool check rules`; and every licensor_* and process_* metric that the rules
# and the Grafana dashboard use being one licensord exports.
# Usage: tests/metrics_check.sh PATH/TO/licensord BUILD_DIR
set -euo pipefail
licensord=$(realpath "$1")
tools=$(realpath "$2")/tools
root=$(cd "$(dirname "$0")/.." && pwd)

# promtool from Debian's prometheus package, unpacked: installing the package would start a
# Prometheus server on this machine.
promtool=$tools/promtool
if [ ! -x "$promtool" ]; then
  fetch=$(mktemp -d /tmp/licensor-promtool-XXXXXX)
  (cd "$fetch" && apt-get download prometheus >/dev/null 2>&1) || {
    echo "cannot download Debian's prometheus package for promtool (apt-get download)" >&2
    exit 1
  }
  dpkg-deb -x "$fetch"/prometheus_*.deb "$fetch/root"
  mkdir -p "$tools" && cp "$fetch/root/usr/bin/promtool" "$promtool"
  rm -rf "$fetch"
fi

work=$(mktemp -d /tmp/licensor-metrics-XXXXXX)
cleanup() { [ -n "${licensord_pid:-}" ] && kill "$licensord_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
token=lsr_metrics_check_token_0123456789abcdefghijkl
source "$root/tests/support/start_licensord.sh"
LICENSOR_ADMIN_TOKEN=$token start_licensord "$work" "$licensord" --data-dir "$work/data" \
  --listen 127.0.0.1:0 --metrics-listen 127.0.0.1:0 --jobs-interval 0
url=$licensord_url
# The metrics address is logged just before the line start_licensord waits for.
metrics=$(sed -n 's/.*metrics on \(http:[^ ]*\), without.*/\1/p' "$work/stderr")
[ -n "$metrics" ] || { cat "$work/stderr"; echo "no metrics address" >&2; exit 1; }

api() {  # METHOD PATH [JSON]
  curl -sS -X "$1" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    ${3:+--data "$3"} "$url$2"
}
field() { python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }
product=$(api POST /v1/products '{"name":"Metrics"}' | field id)
customer=$(api POST /v1/customers '{"name":"Acme"}' | field id)
policy=$(api POST /v1/policies "{\"name\":\"p\",\"product_id\":\"$product\",\"max_activations\":5}" | field id)
license=$(api POST /v1/licenses "{\"policy_id\":\"$policy\",\"customer_id\":\"$customer\"}")
code=$(echo "$license" | field code)
client() { curl -sS -o /dev/null -X POST -H 'Content-Type: application/json' --data "$2" "$url$1"; }
client /v1/client/activate "{\"code\":\"$code\",\"fingerprint\":\"machine-1\"}"
client /v1/client/validate "{\"code\":\"$code\",\"fingerprint\":\"machine-1\"}"
client /v1/client/validate "{\"code\":\"$code\",\"fingerprint\":\"machine-1\"}"
client /v1/client/validate "{\"code\":\"$code\",\"fingerprint\":\"machine-2\"}"
client /v1/client/deactivate "{\"code\":\"$code\",\"fingerprint\":\"machine-1\"}"
api POST /v1/jobs/maintenance/run '{}' >/dev/null
api POST /v1/jobs/reminders/run '{}' >/dev/null

curl -sSf "$metrics" -o "$work/scrape"
# The same text on the main address, for a token; nothing for a stranger.
[ "$(curl -s -o /dev/null -w '%{http_code}' "$url/metrics")" = 401 ]
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "$url/metrics")" = 200 ]

"$promtool" check metrics <"$work/scrape"
"$promtool" check rules "$root/docs/monitoring/licensor-alerts.yml"

python3 - "$work/scrape" "$root/docs/monitoring" <<'PY'
import json, re, sys
scrape = open(sys.argv[1]).read()
samples = {}
for line in scrape.splitlines():
    if line and not line.startswith("#"):
        series, value = line.rsplit(" ", 1)
        samples[series] = float(value)
typed = set(re.findall(r"^# TYPE (\S+) ", scrape, re.M))
failures = []

def expect(series, check, what):
    value = samples.get(series)
    if value is None or not check(value):
        failures.append(f"{series} = {value}, expected {what}")

expect('licensor_validations_total{code="VALID"}', lambda v: v == 2, "2")
expect('licensor_validations_total{code="NOT_ACTIVATED"}', lambda v: v == 1, "1")
expect('licensor_activations_total{result="created"}', lambda v: v == 1, "1")
expect('licensor_releases_total{via="client"}', lambda v: v == 1, "1")
expect('licensor_licenses{status="ACTIVE"}', lambda v: v == 1, "1")
expect('licensor_licenses{status="REVOKED"}', lambda v: v == 0, "0")
expect('licensor_webhook_outbox_deliveries{state="PENDING"}', lambda v: v == 0, "0")
expect('licensor_webhook_outbox_oldest_pending_age_seconds', lambda v: v == 0, "0")
expect('licensor_mail_outbox_messages{state="PENDING"}', lambda v: v == 0, "0")
expect('licensor_mail_outbox_oldest_pending_age_seconds', lambda v: v == 0, "0")
for job in ("maintenance", "reminders"):
    expect(f'licensor_job_runs_total{{name="{job}",result="success"}}', lambda v: v == 1, "1")
    expect(f'licensor_job_duration_seconds_count{{name="{job}"}}', lambda v: v == 1, "1")
    expect(f'licensor_job_last_success_timestamp_seconds{{name="{job}"}}', lambda v: v > 1.6e9,
           "a time")
expect('licensor_store_transaction_duration_seconds_count{kind="write"}', lambda v: v >= 5, ">= 5")
expect('licensor_store_connections{backend="sqlite",state="busy"}', lambda v: v >= 0, ">= 0")
expect('licensor_validation_cache_lookups_total{result="hit"}', lambda v: v >= 1, ">= 1")
expect('process_resident_memory_bytes', lambda v: v > 1e6, "> 1 MB")
expect('process_open_fds', lambda v: v > 3, "> 3")
expect('process_start_time_seconds', lambda v: v > 1.6e9, "a time")

# Every metric the alert rules and the dashboard use is exported.
used = set()
rules = open(sys.argv[2] + "/licensor-alerts.yml").read()
dashboard = json.load(open(sys.argv[2] + "/licensor-dashboard.json"))
exprs = [t["expr"] for p in dashboard["panels"] for t in p["targets"]]
exprs.append(dashboard["templating"]["list"][1]["query"])
for text in [rules] + exprs:
    used |= set(re.findall(r"\b((?:licensor|process)_[a-z_]+)", text))
for name in sorted(used):
    base = re.sub(r"_(bucket|sum|count)$", "", name)
    if name not in typed and base not in typed:
        failures.append(f"{name} is used by the rules or the dashboard but not exported")

if failures:
    print("\n".join(failures))
    sys.exit(1)
print(f"{len(samples)} series checked; {len(used)} metrics used by the rules and the dashboard")
PY
echo "1 passed, 0 failed: promtool accepts the metrics and the rules"
