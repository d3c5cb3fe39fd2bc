-- wrk hook: a fresh Licensor-Nonce on every request, as the SDK sends, so that each answer is
-- signed (or MACed) for its own request. Each thread counts from its own random start.
local counter = 0
local prefix

request = function()
  if prefix == nil then
    math.randomseed(os.time() + math.floor(os.clock() * 1e6))
    prefix = string.format("%08x%08x", math.random(0, 0x7fffffff), math.random(0, 0x7fffffff))
  end
  counter = counter + 1
  wrk.headers["Licensor-Nonce"] = prefix .. string.format("%016x", counter)
  return wrk.format()
end
