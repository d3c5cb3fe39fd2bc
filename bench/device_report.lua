-- wrk script: POST /v1/devices/{number}/reports, a device with usage time reporting its data.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Device " .. os.getenv("LICENSOR_BENCH_DEVICE_CREDENTIAL")
wrk.body = '{"temperature":21.5,"battery":87}'

-- Answers authenticated by a MAC under the caller's answer key (shown with its credential).
wrk.headers["Licensor-Accept-Signature"] = os.getenv("LICENSOR_BENCH_SIGNATURE") or "blake2b-mac"
dofile("bench/nonce.lua")
dofile("bench/report.lua")
