-- Stats at scale: GET /v1/stats, the deployment's totals, top channels and rates (every dashboard asks the same).
local lib = dofile(os.getenv("BENCH_WRK_DIR") .. "/lib.lua")

function request()
    return wrk.format("GET", "/v1/stats")
end
