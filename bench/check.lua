-- wrk script: POST /v1/registry/check, "may this agent message?", as the platform asks it with
-- its own (viewer) token before an agent acts.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("LICENSOR_BENCH_TOKEN")
wrk.body = string.format('{"action":"agent.message","agent_id":"%s"}',
                         os.getenv("LICENSOR_BENCH_AGENT"))

dofile("bench/report.lua")
