-- wrk script: POST /v1/client/activate, a new machine (fingerprint) on every request.
local code = os.getenv("LICENSOR_BENCH_CODE")
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("POST", "/v1/client/activate", {["Content-Type"] = "application/json"},
                    string.format('{"code":"%s","fingerprint":"fp-%d-%d"}', code, thread_id, counter))
end

dofile("bench/report.lua")
