-- The write scenario (bench/write.py): every request submits a different prepared draft.
-- BENCH_REQUESTS names a file of "path<TAB>cookie<TAB>body" lines; thread t of BENCH_THREADS
-- sends lines BENCH_OFFSET + t, + t + BENCH_THREADS, … A success is a 302 to the receipt page.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "latency.lua")

local threads, created = {}, 0

function setup(thread)
  thread:set("id", created)
  created = created + 1
  table.insert(threads, thread)
end

function init(args)
  local offset, step = tonumber(os.getenv("BENCH_OFFSET")), tonumber(os.getenv("BENCH_THREADS"))
  prepared, sent, good, bad = {}, 0, 0, 0
  local i = 0
  for line in io.lines(os.getenv("BENCH_REQUESTS")) do
    if i >= offset and (i - offset) % step == id then
      local path, cookie, body = line:match("^([^\t]*)\t([^\t]*)\t(.*)$")
      local headers = {["Cookie"] = cookie, ["Content-Type"] = "application/x-www-form-urlencoded"}
      for name, value in pairs(wrk.headers) do headers[name] = value end
      prepared[#prepared + 1] = wrk.format("POST", path, headers, body)
    end
    i = i + 1
  end
end

function request()
  sent = sent + 1
  -- Out of drafts: a request that fails, so the run says so instead of resubmitting a draft.
  return prepared[sent] or wrk.format("GET", "/bench/out-of-drafts/")
end

function response(status, headers, body)
  local location = headers["Location"] or headers["location"] or ""
  if status == 302 and location:match("/receipt/$") then
    good = good + 1
  else
    bad = bad + 1
  end
end

done = function(summary, latency, requests)
  local good, bad, most = 0, 0, 0
  for _, thread in ipairs(threads) do
    good = good + thread:get("good")
    bad = bad + thread:get("bad")
    most = math.max(most, thread:get("sent"))
  end
  -- "used": lines from the offset on that no later run may send again (sent or taken to be sent).
  io.write(string.format('{%s, "good": %d, "bad": %d, "used": %d}\n',
    summary_fields(summary, latency), good, bad, most * #threads))
end
