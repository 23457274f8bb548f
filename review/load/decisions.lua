-- wrk script for scripts/loadtest: every thread (one connection each) decides on one tag
-- over and over, accept and reject in turn, carrying the version it last saw. Threads that
-- share a tag collide: a 409 gives the current version and the thread goes on. At the end
-- it prints how many decisions the server accepted, for the check that none was lost.
--   wrk -t4 -c4 -s decisions.lua URL -- CSRF_TOKEN ENTITY_ID...

local threads = {}
local count = 0

function setup(thread)
  count = count + 1
  thread:set("tid", count)
  table.insert(threads, thread)
end

function init(args)
  wrk.headers["X-CSRF-Token"] = args[1]
  wrk.headers["Content-Type"] = "application/json"
  local n = #args - 1
  entity = args[((tid - 1) % n) + 2]
  version = nil
  posted = false
  turn = 0
  ok, conflicts, other = 0, 0, 0
end

function request()
  if version == nil then
    posted = false
    return wrk.format("GET", "/api/entities/" .. entity)
  end
  posted = true
  turn = turn + 1
  local action = (turn % 2 == 0) and "accept" or "reject"
  local body = string.format('{"action":"%s","version":%d,"reviewer":"wrk-%d"}', action, version, tid)
  return wrk.format("POST", "/api/entities/" .. entity .. "/decision", nil, body)
end

function response(status, headers, body)
  local v = body and string.match(body, '"version":(%d+)')
  if posted then
    if status == 200 then ok = ok + 1
    elseif status == 409 then conflicts = conflicts + 1
    else other = other + 1 end
  end
  if v then version = tonumber(v) else version = nil end
end

function done(summary, latency, requests)
  local o, c, x = 0, 0, 0
  for _, t in ipairs(threads) do
    o = o + t:get("ok")
    c = c + t:get("conflicts")
    x = x + t:get("other")
  end
  io.write(string.format("decisions_ok=%d\nconflicts=%d\nother_errors=%d\n", o, c, x))
  io.write(string.format("requests_per_s=%.1f\np50_ms=%.2f\np99_ms=%.2f\n",
                         summary.requests / (summary.duration / 1e6),
                         latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
