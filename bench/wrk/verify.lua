-- wrk script: the public certificate verification (issue 13).
-- usage: wrk ... -s bench/wrk/verify.lua http://host -- MODE SERIALS_FILE [UNKNOWN_PERCENT PDF_FILE COOKIE TOKEN]
--   MODE ping:   GET /ping (the same host's baseline)
--   MODE serial: GET /verify/{serial}, a random issued serial, or (UNKNOWN_PERCENT of requests) a well-formed serial never
--                issued (SERIALS_FILE.unknown): 200 and 404 are both right answers, 404s are counted apart.
--   MODE upload: POST /verify with PDF_FILE as the form's file (multipart, antiforgery COOKIE and TOKEN from a GET of /verify);
--                an answer counts as right only if it is 200 and says the file is ours (data-verdict="ours").
dofile("bench/wrk/result.lua")
local mode = "ping"
local serials, unknown = {}, {}
local unknown_percent = 10
local upload
notfound = 0

local function lines(path)
  local t = {}
  for line in io.lines(path) do if #line > 0 then table.insert(t, line) end end
  return t
end

function init(args)
  mode = args[1] or "ping"
  serials = lines(args[2])
  unknown = lines(args[2] .. ".unknown")
  unknown_percent = tonumber(args[3] or "10")
  if mode == "upload" then
    local f = assert(io.open(args[4], "rb")); local pdf = f:read("*a"); f:close()
    local boundary = "----wrkverify7MA4YWxkTrZu0gW"
    local body = "--" .. boundary .. "\r\n" ..
      'Content-Disposition: form-data; name="__RequestVerificationToken"\r\n\r\n' .. args[6] .. "\r\n" ..
      "--" .. boundary .. "\r\n" ..
      'Content-Disposition: form-data; name="file"; filename="chung-nhan.pdf"\r\n' ..
      "Content-Type: application/pdf\r\n\r\n" .. pdf .. "\r\n" ..
      "--" .. boundary .. "--\r\n"
    upload = wrk.format("POST", "/verify", {
      ["Cookie"] = args[5],
      ["Content-Type"] = "multipart/form-data; boundary=" .. boundary,
      ["Origin"] = wrk.scheme .. "://" .. wrk.host .. ":" .. wrk.port,
      ["Sec-Fetch-Site"] = "same-origin",
    }, body)
  end
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end

function request()
  if mode == "upload" then return upload end
  if mode == "serial" then
    if #unknown > 0 and math.random(100) <= unknown_percent then
      return wrk.format("GET", "/verify/" .. unknown[math.random(#unknown)])
    end
    return wrk.format("GET", "/verify/" .. serials[math.random(#serials)])
  end
  return wrk.format("GET", "/ping")
end

function response(status, headers, body)
  if mode == "serial" and status == 404 then
    notfound = notfound + 1
  elseif status ~= 200 then
    bad = bad + 1
  elseif mode == "upload" and not body:find('data-verdict="ours"', 1, true) then
    bad = bad + 1
  end
end

local result_done = done
function done(summary, latency, requests)
  result_done(summary, latency, requests)
  local n = 0
  for _, t in ipairs(threads) do n = n + (t:get("notfound") or 0) end
  io.write(string.format("NOTFOUND %d\n", n))
end
