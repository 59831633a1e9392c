-- wrk: print one machine-readable line with the figures the load runner records.
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "LOADRESULT requests=%d duration_us=%d socket_errors=%d non2xx=%d p50_us=%d p99_us=%d p999_us=%d\n",
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(99), latency:percentile(99.9)))
end
