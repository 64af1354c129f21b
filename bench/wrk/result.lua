-- Shared by the wrk scripts (loaded with dofile from the repository root): counts non-200 answers per thread and prints the
-- RESULT line the bench scripts read.
threads = {}
bad = 0

function setup(thread)
  table.insert(threads, thread)
end

function response(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end

function done(summary, latency, requests)
  local non200 = 0
  for _, t in ipairs(threads) do non200 = non200 + (t:get("bad") or 0) end
  io.write(string.format("RESULT rps=%.1f p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f requests=%d errors=%d mbps=%.1f\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, summary.requests, non200 + summary.errors.connect + summary.errors.read + summary.errors.timeout,
    summary.bytes * 8 / (summary.duration / 1e6) / 1e6))
end
