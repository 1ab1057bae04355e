-- Scenario 5: publish one event (~200 bytes of data) to a random seeded channel. Every answer is 201.
local lib = dofile(os.getenv("BENCH_WRK_DIR") .. "/lib.lua")
local channels, bodies
local headers = lib.publish_headers()

function init(args)
    channels = lib.read_state(args[1])
    math.randomseed(1000 + (tonumber(thread_id) or 0))
    bodies = {}
    for k = 1, 64 do
        bodies[k] = lib.event_json(k * 1009 + (tonumber(thread_id) or 0))
    end
end

function request()
    local c = channels[math.random(#channels)]
    return wrk.format("POST", "/v1/channels/" .. c.name .. "/events", headers, bodies[math.random(#bodies)])
end
