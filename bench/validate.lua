-- wrk script: POST /v1/client/validate for one activated machine.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = string.format('{"code":"%s","fingerprint":"bench-machine","features":["core"]}',
                         os.getenv("LICENSOR_BENCH_CODE"))

dofile("bench/report.lua")
