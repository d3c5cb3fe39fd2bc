-- wrk script: POST /v1/registry/users, one new user of the platform per request, as an
-- installation's administrator adds them.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("LICENSOR_BENCH_TOKEN")
wrk.body = '{"name":"bench user"}'

dofile("bench/report.lua")
