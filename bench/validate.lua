-- wrk script: POST /v1/client/validate for one activated machine, with a nonce, its answer
-- authenticated by a MAC under the machine's answer key (LICENSOR_BENCH_SIGNATURE=blake2b-mac,
-- the default) or signed with Ed25519 (=ed25519).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Licensor-Accept-Signature"] = os.getenv("LICENSOR_BENCH_SIGNATURE") or "blake2b-mac"
wrk.body = string.format('{"code":"%s","fingerprint":"bench-machine","features":["core"]}',
                         os.getenv("LICENSOR_BENCH_CODE"))

dofile("bench/nonce.lua")
dofile("bench/report.lua")
