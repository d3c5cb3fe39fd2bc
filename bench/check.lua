-- wrk script: POST /v1/registry/check, "may this agent message?", as the platform asks it with
-- its own (viewer) token before an agent acts.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("LICENSOR_BENCH_TOKEN")
wrk.body = string.format('{"action":"agent.message","agent_id":"%s"}',
                         os.getenv("LICENSOR_BENCH_AGENT"))

-- Answers authenticated by a MAC under the caller's answer key (shown with its credential).
wrk.headers["Licensor-Accept-Signature"] = os.getenv("LICENSOR_BENCH_SIGNATURE") or "blake2b-mac"
dofile("bench/nonce.lua")
dofile("bench/report.lua")
