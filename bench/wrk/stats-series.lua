-- Stats at scale: GET /v1/channels/m{random}/stats/series (the last hour by minute, 60 points) over the channels of
-- seed-scale.sql (first script argument: how many).
local lib = dofile(os.getenv("BENCH_WRK_DIR") .. "/lib.lua")
local count

function init(args)
    count = tonumber(args[1])
    math.randomseed(os.time() + 7 * ((tonumber(thread_id) or 0) + 1))
end

function request()
    return wrk.format("GET", "/v1/channels/m" .. math.random(1, count) .. "/stats/series")
end
