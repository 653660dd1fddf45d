-- wrk script for scripts/bench-web.sh: a signed-in member's requests, as the browser sends them.
--   BENCH_REQUEST=reading  POST /Readings/Number as htmx does (the form's own antiforgery field,
--                          HX-* headers), a different number each time
--   BENCH_REQUEST=history  GET /history
-- BENCH_COOKIE holds the member's cookies (auth and antiforgery), BENCH_TOKEN the form's token,
-- BENCH_ORIGIN the app's base URL. wrk counts only >= 400 as errors ("Non-2xx or 3xx"); a 302 to
-- the login page would pass for a fast page, so every status but 200 is counted here and printed.

local kind = os.getenv("BENCH_REQUEST")
local cookie = os.getenv("BENCH_COOKIE")
local origin = os.getenv("BENCH_ORIGIN")
local token = os.getenv("BENCH_TOKEN")

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  not_ok = 0
  -- Seeded per thread (each has its own Lua state), so two threads do not send the same numbers in step.
  math.randomseed(os.time() * 100 + id)
end

local function urlencode(text)
  return (text:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function request()
  if kind == "reading" then
    local body = "Input.Number=" .. math.random(0, 999999999) .. "&Input.Depth=standard"
      .. "&__RequestVerificationToken=" .. urlencode(token)
    return wrk.format("POST", "/Readings/Number", {
      ["Cookie"] = cookie,
      ["Content-Type"] = "application/x-www-form-urlencoded",
      ["HX-Request"] = "true",
      ["HX-Current-URL"] = origin .. "/?form=number",
      ["HX-Target"] = "result",
      ["HX-Trigger"] = "number-form",
      ["Origin"] = origin,
    }, body)
  end
  return wrk.format("GET", "/history", { ["Cookie"] = cookie })
end

function response(status, headers, body)
  if status ~= 200 then
    not_ok = not_ok + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("not_ok")
  end
  io.write(string.format("Responses other than 200: %d\n", total))
end
