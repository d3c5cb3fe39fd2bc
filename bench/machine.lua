-- wrk script: POST /v1/client/ENDPOINT (validate or activate) for a machine named by its
-- fingerprint and components, from the environment. With LICENSOR_BENCH_FRESH non-empty, every
-- request names a new fingerprint (a machine the server has never seen).
local code = os.getenv("LICENSOR_BENCH_CODE")
local endpoint = os.getenv("LICENSOR_BENCH_ENDPOINT")
local fingerprint = os.getenv("LICENSOR_BENCH_FINGERPRINT")
local components = os.getenv("LICENSOR_BENCH_COMPONENTS")
local fresh = (os.getenv("LICENSOR_BENCH_FRESH") or "") ~= ""
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end
local counter = 0
request = function()
  counter = counter + 1
  local fp = fresh and string.format("%s-%d-%d", fingerprint, thread_id, counter) or fingerprint
  return wrk.format("POST", "/v1/client/" .. endpoint, {["Content-Type"] = "application/json"},
                    string.format('{"code":"%s","fingerprint":"%s","components":%s}', code, fp,
                                  components))
end

dofile("bench/report.lua")
