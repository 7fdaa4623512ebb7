-- Authenticated, varied requests for wrk: one path per line in BENCH_PATHS, taken in turn.
-- BENCH_TOKEN (a bearer token), BENCH_METHOD, BENCH_BODY and BENCH_CONTENT_TYPE are optional.
-- done() prints one JSON line, prefixed "RESULT ", for bench/server_bench.py to read.
local paths = {}
for line in io.lines(os.getenv("BENCH_PATHS")) do
  paths[#paths + 1] = line
end
local method = os.getenv("BENCH_METHOD") or "GET"
local body = os.getenv("BENCH_BODY")
local headers = {}
local token = os.getenv("BENCH_TOKEN")
if token and token ~= "" then headers["Authorization"] = "Bearer " .. token end
local content_type = os.getenv("BENCH_CONTENT_TYPE")
if content_type and content_type ~= "" then headers["Content-Type"] = content_type end
local index = 0

request = function()
  index = index % #paths + 1
  return wrk.format(method, paths[index], headers, body)
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %d, "duration_us": %d, "errors": %d, "status_errors": %d, ' ..
    '"timeouts": %d, "p50_ms": %.3f, "p99_ms": %.3f}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout + e.status,
    e.status, e.timeout, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
