-- wrk script: every request picks a random signed-in session (cookie) and one of its enrolled courses.
-- usage: wrk ... -s bench/wrk/sessions.lua http://host -- MODE SESSIONS_FILE
--   MODE: ping | lesson | course | catalog | my
dofile("bench/wrk/result.lua")
local sessions = {}
local mode = "ping"

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
  -- As a browser following the site's own links says (ADR-009: only such GETs may complete a lesson).
  return wrk.format("GET", path, { ["Cookie"] = s.cookie, ["Sec-Fetch-Site"] = "same-origin" })
end
