-- Stats at scale: GET /v1/channels/m{random}/stats over the :channels channels of seed-scale.sql (first script
-- argument: how many), so that nearly every request asks for a channel no request asked for before.
local lib = dofile(os.getenv("BENCH_WRK_DIR") .. "/lib.lua")
local count

function init(args)
    count = tonumber(args[1])
    math.randomseed(os.time() + (tonumber(thread_id) or 0))
end

function request()
    return wrk.format("GET", "/v1/channels/m" .. math.random(1, count) .. "/stats")
end
