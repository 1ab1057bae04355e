-- Scenario 1: caught-up conditional poll. GET /v1/channels/{c}/events?since={head} with the ETag the server gave
-- for exactly that URL, rotating over all seeded channels: every answer is 304 Not Modified.
local lib = dofile(os.getenv("BENCH_WRK_DIR") .. "/lib.lua")
local channels, i

function init(args)
    channels = lib.read_state(args[1])
    i = lib.offset(#channels)
end

function request()
    i = i % #channels + 1
    local c = channels[i]
    return wrk.format("GET", "/v1/channels/" .. c.name .. "/events?since=" .. c.head, { ["If-None-Match"] = c.etag })
end
