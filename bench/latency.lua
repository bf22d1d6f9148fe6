-- wrk's summary as one JSON line: throughput, errors and latency percentiles in milliseconds.
-- bench/submit.lua loads this file and adds its own counts to the line.
function summary_fields(summary, latency)
  local e = summary.errors
  return string.format(
    '"requests": %d, "duration_s": %.3f, "socket_errors": %d, "non_2xx": %d, ' ..
    '"p50": %.2f, "p90": %.2f, "p95": %.2f, "p99": %.2f, "max": %.2f, "mean": %.2f',
    summary.requests, summary.duration / 1e6, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, latency.mean / 1000)
end

done = function(summary, latency, requests)
  io.write("{" .. summary_fields(summary, latency) .. "}\n")
end
