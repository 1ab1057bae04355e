-- HTTP ceiling: nginx serving a static file the size of a caught-up poll answer. With script argument 1 (an ETag)
-- every request carries If-None-Match and is answered 304; without it, 200 with the file.
local lib = dofile(os.getenv("BENCH_WRK_DIR") .. "/lib.lua")
local req

function init(args)
    local headers = {}
    if args[1] and args[1] ~= "" then
        headers["If-None-Match"] = args[1]
    end
    req = wrk.format("GET", "/poll.json", headers)
end

function request()
    return req
end
