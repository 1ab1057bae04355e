-- Scenario 2: caught-up poll without an ETag. GET /v1/channels/{c}/events?since={head}: 200 with no events.
local lib = dofile(os.getenv("BENCH_WRK_DIR") .. "/lib.lua")
local channels, i

function init(args)
    channels = lib.read_state(args[1])
    i = lib.offset(#channels)
end

function request()
    i = i % #channels + 1
    local c = channels[i]
    return wrk.format("GET", "/v1/channels/" .. c.name .. "/events?since=" .. c.head)
end
