-- Scenario 4: multi-channel poll over 10 channels. GET /v1/events?channels=a:{head-1},b:{head-1},... for groups of
-- 10 consecutive seeded channels: 200 with one new event per channel (10 events). The server needs all heads (one
-- round trip) and all events (one more round trip).
local lib = dofile(os.getenv("BENCH_WRK_DIR") .. "/lib.lua")
local paths, i

function init(args)
    local channels = lib.read_state(args[1])
    paths = {}
    for g = 0, math.floor(#channels / 10) - 1 do
        local entries = {}
        for k = 1, 10 do
            local c = channels[g * 10 + k]
            entries[k] = c.name .. ":" .. (c.head - 1)
        end
        table.insert(paths, "/v1/events?channels=" .. table.concat(entries, ","))
    end
    assert(#paths > 0, "need at least 10 channels")
    i = lib.offset(#paths)
end

function request()
    i = i % #paths + 1
    return wrk.format("GET", paths[i])
end
