-- Scenario 7: publish batches of 10 events (one JSON array, stored atomically) to random seeded channels.
local lib = dofile(os.getenv("BENCH_WRK_DIR") .. "/lib.lua")
local channels, bodies
local headers = lib.publish_headers()

function init(args)
    channels = lib.read_state(args[1])
    math.randomseed(3000 + (tonumber(thread_id) or 0))
    bodies = {}
    for k = 1, 16 do
        bodies[k] = lib.batch_json(10, k * 10007 + (tonumber(thread_id) or 0) * 100)
    end
end

function request()
    local c = channels[math.random(#channels)]
    return wrk.format("POST", "/v1/channels/" .. c.name .. "/events", headers, bodies[math.random(#bodies)])
end
