-- Scenario 3: catch-up poll. GET /v1/channels/{c}/events?since={head-10}&limit=10: 200 with the channel's last 10
-- events (~200 bytes of data each).
local lib = dofile(os.getenv("BENCH_WRK_DIR") .. "/lib.lua")
local channels, i

function init(args)
    channels = lib.read_state(args[1])
    i = lib.offset(#channels)
end

function request()
    i = i % #channels + 1
    local c = channels[i]
    return wrk.format("GET", "/v1/channels/" .. c.name .. "/events?since=" .. (c.head - 10) .. "&limit=10")
end
