-- wrk script: wrong first-run setups and wrong sign-ins, alternately, each from an address of
-- its own (X-Forwarded-For, believed from the loopback proxy): the many-address flood that a
-- per-address limit alone does not stop, so what holds it is the bound on password hashing.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

local counter = 0
local setup = '{"setup_token":"setup_wrong","email":"x@example.com","display_name":"X",' ..
              '"password":"a wrong password of some length"}'
local login = '{"email":"admin@example.com","password":"a wrong password of some length"}'

request = function()
  counter = counter + 1
  local address = string.format("198.%d.%d.%d", math.random(18, 19), math.random(0, 255),
                                math.random(1, 254))
  local headers = {["Content-Type"] = "application/json", ["X-Forwarded-For"] = address}
  if counter % 2 == 0 then
    return wrk.format("POST", "/v1/setup", headers, setup)
  end
  return wrk.format("POST", "/v1/auth/login", headers, login)
end

dofile("bench/report.lua")
