-- wrk script: every request picks a random signed-in session (cookie) and one of its enrolled courses.
-- usage: wrk ... -s bench/wrk/sessions.lua http://host -- MODE SESSIONS_FILE
--   MODE: ping | lesson | course | catalog | my
local threads = {}
local sessions = {}
local mode = "ping"
local bad = 0

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  mode = args[1] or "ping"
  for line in io.lines(args[2]) do
    local cookie, slug, lesson = line:match("([^|]+)|([^|]+)|([^|]+)")
    table.insert(sessions, { cookie = cookie, slug = slug, lesson = lesson })
  end
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end

function request()
  local s = sessions[math.random(#sessions)]
  local path
  if mode == "lesson" then path = "/Courses/" .. s.slug .. "/" .. s.lesson
  elseif mode == "course" then path = "/Courses/" .. s.slug
  elseif mode == "catalog" then path = "/Courses"
  elseif mode == "my" then path = "/Learning"
  else path = "/ping" end
  return wrk.format("GET", path, { ["Cookie"] = s.cookie })
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
