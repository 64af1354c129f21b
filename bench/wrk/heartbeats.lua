-- wrk script: batched watch heartbeats from many signed-in learners.
-- usage: wrk ... -s bench/wrk/heartbeats.lua http://host -- SESSIONS_FILE INTERVALS_PER_BATCH
--   SESSIONS_FILE lines: cookie|watchToken   (bench/Learning.Bench watch-sessions)
dofile("bench/wrk/result.lua")
local sessions = {}
local per_batch = 3

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
