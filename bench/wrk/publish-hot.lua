-- Scenario 6: publish one event to one hot channel (the first seeded channel, or script argument 2). Writers of one
-- channel commit one at a time (they queue on the channel row's lock), so this measures that serial path.
local lib = dofile(os.getenv("BENCH_WRK_DIR") .. "/lib.lua")
local path, bodies
local headers = lib.publish_headers()

function init(args)
    local channels = lib.read_state(args[1])
    path = "/v1/channels/" .. (args[2] or channels[1].name) .. "/events"
    bodies = {}
    for k = 1, 64 do
        bodies[k] = lib.event_json(k * 1013 + (tonumber(thread_id) or 0))
    end
    math.randomseed(2000 + (tonumber(thread_id) or 0))
end

function request()
    return wrk.format("POST", path, headers, bodies[math.random(#bodies)])
end
