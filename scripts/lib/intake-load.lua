-- wrk script: POST /api/incidents at a random point near a standard address (from the file named by
-- WANGGE_BENCH_POINTS, lines "lon|lat"), a grid-handled
-- category and a unique Idempotency-Key per request. Counts answers by status at the end.
local counter = 0
local thread_id = 0
local threads = {}

function setup(thread)
  thread:set("id", thread_id)
  thread_id = thread_id + 1
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(id * 7919 + 17)
  statuses = {}
  category = os.getenv("WANGGE_BENCH_CATEGORY") or "010101"
  points = {}
  for line in io.lines(os.getenv("WANGGE_BENCH_POINTS")) do
    local lon, lat = line:match("([^|]+)|([^|]+)")
    table.insert(points, {tonumber(lon), tonumber(lat)})
  end
end

function request()
  counter = counter + 1
  local p = points[math.random(#points)]
  -- a few metres around a standard address, so the points fall where people live
  local lon = p[1] + (math.random() - 0.5) * 0.0002
  local lat = p[2] + (math.random() - 0.5) * 0.0002
  local body = string.format(
    '{"lon":%.7f,"lat":%.7f,"categoryCode":"%s","description":"压测上报 %d-%d","source":"PATROL"}',
    lon, lat, category, id, counter)
  local headers = {
    ["Authorization"] = "Bearer " .. os.getenv("WANGGE_BENCH_TOKEN"),
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = string.format("bench-%s-%d-%d", os.getenv("WANGGE_BENCH_RUN") or "0", id, counter),
  }
  return wrk.format("POST", "/api/incidents", headers, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    local s = thread:get("statuses")
    for code, n in pairs(s) do
      totals[code] = (totals[code] or 0) + n
    end
  end
  for code, n in pairs(totals) do
    io.write(string.format("status %d: %d\n", code, n))
  end
  io.write(string.format("p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
