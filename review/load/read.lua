-- wrk script for scripts/loadtest: plain GETs, with the numbers printed in a form the
-- script reads (requests per second, p50 and p99 latency in milliseconds).
function done(summary, latency, requests)
  io.write(string.format("requests_per_s=%.1f\np50_ms=%.2f\np99_ms=%.2f\nerrors=%d\n",
                         summary.requests / (summary.duration / 1e6),
                         latency:percentile(50) / 1000, latency:percentile(99) / 1000,
                         summary.errors.status + summary.errors.connect + summary.errors.read +
                           summary.errors.write + summary.errors.timeout))
end
