-- Shared by the bench/wrk scenario scripts (loaded with dofile from BENCH_WRK_DIR).
--
-- Every scenario script passes the state file as its first script argument (wrk ... -s x.lua URL -- STATE):
-- one line per seeded channel, "name head etag", written by bench/run from the database and the server's own
-- answers. Each wrk thread rotates over the channels from its own offset, so that the two threads do not ask for
-- the same channel at the same time.
--
-- done() prints one machine-readable line, "BENCH_RESULT {json}", that bench/run collects: requests, duration,
-- bytes, wrk's error counters (status = non-2xx/3xx answers) and latency percentiles in microseconds.

local lib = {}

local threads = {}
local thread_count = 0

function setup(thread)
    thread:set("thread_id", thread_count)
    thread_count = thread_count + 1
    table.insert(threads, thread)
end

function lib.read_state(path)
    local channels = {}
    local file = assert(io.open(path, "r"), "cannot open state file " .. tostring(path))
    for line in file:lines() do
        local name, head, etag = line:match("^(%S+)%s+(%d+)%s+(%S+)")
        if name then
            table.insert(channels, { name = name, head = tonumber(head), etag = etag })
        end
    end
    file:close()
    assert(#channels > 0, "no channels in state file " .. path)
    return channels
end

-- A per-thread starting offset, so that threads spread over the channels.
function lib.offset(count)
    local id = tonumber(thread_id) or 0
    return (id * math.floor(count / 2)) % count
end

-- The headers of every publish: JSON, and the admin key that bench/run gave the server (BENCH_ADMIN_KEY), since the
-- production profile lets nobody publish without credentials.
function lib.publish_headers()
    local key = os.getenv("BENCH_ADMIN_KEY")
    assert(key and key ~= "", "BENCH_ADMIN_KEY is not set (bench/run sets it)")
    return { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. key }
end

-- A body of n events of ~200 bytes of JSON data each, like the seeded ones.
function lib.event_json(i)
    return string.format(
        '{"type":"order.updated","data":{"order":%d,"customer":"cust-%05d","status":"paid","total":%d.%02d,'
            .. '"currency":"EUR","items":[{"sku":"SKU-%04d","qty":%d},{"sku":"SKU-%04d","qty":1}],'
            .. '"note":"bench publish %08x%08x%08x"}}',
        100000 + i, i % 99991, i % 997, i % 100, i % 9973, 1 + i % 5, (i * 7) % 9973, i, i * 31, i * 131)
end

function lib.batch_json(n, seed)
    local parts = {}
    for k = 1, n do
        parts[k] = lib.event_json(seed + k)
    end
    return "[" .. table.concat(parts, ",") .. "]"
end

function done(summary, latency, requests)
    local e = summary.errors
    io.write(string.format(
        'BENCH_RESULT {"requests":%d,"duration_us":%d,"bytes":%d,"errors":{"connect":%d,"read":%d,"write":%d,'
            .. '"status":%d,"timeout":%d},"latency_us":{"mean":%.1f,"p50":%d,"p90":%d,"p99":%d,"max":%d}}\n',
        summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
        latency.mean, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end

return lib
