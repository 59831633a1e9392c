-- wrk: each request carries the next value of WRK_VALUES_FILE (one per line) in header WRK_HEADER,
-- after WRK_PREFIX, so that N lines are N distinct sessions served once each. Thread k of
-- WRK_THREADS sends lines k, k+T, k+2T... When a thread has sent all its lines plus one request per
-- connection (so every line has had its answer), it prints VALUESDONE; Wrk.cs then interrupts wrk,
-- which stops and prints its summary. Requests after a thread's last line repeat that line.
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

function init(args)
  local threads = tonumber(os.getenv("WRK_THREADS"))
  values = {}
  local i = 0
  for line in io.lines(os.getenv("WRK_VALUES_FILE")) do
    if i % threads == id then values[#values + 1] = line end
    i = i + 1
  end
  sent = 0
  limit = #values + math.ceil(tonumber(os.getenv("WRK_CONNECTIONS")) / threads)
  header = os.getenv("WRK_HEADER")
  prefix = os.getenv("WRK_PREFIX") or ""
end

function request()
  sent = sent + 1
  if sent == limit then
    io.write("VALUESDONE\n")
    io.flush()
  end
  return wrk.format(nil, nil, { [header] = prefix .. values[math.min(sent, #values)] })
end

-- The same LOADRESULT line as every other wrk run (done() of report.lua, whose method and body
-- settings are empty here, so its requests stay plain GETs).
dofile(os.getenv("WRK_REPORT_SCRIPT"))
