-- wrk script: batched watch heartbeats from many signed-in learners.
-- usage: wrk ... -s bench/wrk/heartbeats.lua http://host -- SESSIONS_FILE INTERVALS_PER_BATCH
--   SESSIONS_FILE lines: cookie|watchToken   (bench/Learning.Bench watch-sessions)
local threads = {}
local sessions = {}
local per_batch = 3
local bad = 0

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(args[1]) do
    local cookie, token = line:match("([^|]+)|([^|]+)")
    table.insert(sessions, { cookie = cookie, token = token })
  end
  per_batch = tonumber(args[2] or "3")
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end

function request()
  local s = sessions[math.random(#sessions)]
  local parts = {}
  local at = math.random(0, 560)
  for i = 1, per_batch do
    parts[i] = string.format("[%d,%d]", at, at + 10)
    at = at + 12
  end
  local body = string.format('{"token":"%s","intervals":[%s],"position":%d}', s.token, table.concat(parts, ","), at)
  return wrk.format("POST", "/media/watch", { ["Cookie"] = s.cookie, ["Content-Type"] = "application/json" }, body)
end

function response(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end

function done(summary, latency, requests)
  local non200 = 0
  for _, t in ipairs(threads) do non200 = non200 + (t:get("bad") or 0) end
  io.write(string.format("RESULT rps=%.1f p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f requests=%d errors=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, summary.requests, non200 + summary.errors.connect + summary.errors.read + summary.errors.timeout))
end
