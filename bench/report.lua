-- wrk hook: print requests/s, p50, p90, p99 and the slowest in one machine-readable line, and
-- non-2xx counts.
done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "RESULT rps=%.0f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f errors=%d non2xx=%d\n",
                         summary.requests / seconds, latency:percentile(50) / 1000,
                         latency:percentile(90) / 1000, latency:percentile(99) / 1000,
                         latency.max / 1000,
                         summary.errors.connect + summary.errors.read + summary.errors.write +
                           summary.errors.timeout, summary.errors.status))
end
