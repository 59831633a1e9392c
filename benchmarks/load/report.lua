-- wrk: print one machine-readable line with the figures the load runner records.
-- WRK_METHOD / WRK_BODY / WRK_CONTENT_TYPE (set by Wrk.cs) turn the request into e.g. a POST.
local method = os.getenv("WRK_METHOD")
if method and method ~= "" then wrk.method = method end
local body = os.getenv("WRK_BODY")
if body and body ~= "" then wrk.body = body end
local contentType = os.getenv("WRK_CONTENT_TYPE")
if contentType and contentType ~= "" then wrk.headers["Content-Type"] = contentType end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "LOADRESULT requests=%d duration_us=%d socket_errors=%d non2xx=%d p50_us=%d p99_us=%d p999_us=%d\n",
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(99), latency:percentile(99.9)))
end
