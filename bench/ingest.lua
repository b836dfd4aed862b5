-- wrk script for the ingest benchmark (SPEC §10): POST /v1/orders with 3 lines, half of the
-- orders from returning customers, every external id unique. bench/ingest drives it:
--
--   KVITTO_KEY=<api key> wrk -t2 -c64 -d20s --latency -s bench/ingest.lua \
--       http://127.0.0.1:PORT/v1/orders [-- THREADS]
--
-- KVITTO_KEY  bearer key with the ingest scope (required)
-- BENCH_RUN   prefix for external ids and new e-mails, so repeated runs against one database
--             still create new orders; defaults to the start time
-- THREADS     (script argument) wrk's -t; only spreads the new customers' phone numbers more
--             tightly, any value >= -t is correct

local key = os.getenv("KVITTO_KEY")
if key == nil or key == "" then
    -- error() here only prints and wrk would go on measuring 401s; stop instead.
    io.stderr:write("ingest.lua: KVITTO_KEY is not set (an API key with the ingest scope)\n")
    os.exit(2)
end

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. key

-- Evaluated in the main Lua state and handed to every thread in setup(), so all threads
-- agree on it even when their states start in different seconds.
local run_id = os.getenv("BENCH_RUN") or tostring(os.time())

-- A fixed catalogue so that after the first few orders every line matches an existing
-- product (and category) instead of creating one; that is what a real shop looks like.
local PRODUCT_COUNT = 50
local RETURNING_CUSTOMERS = 1000
local SHIPPING_ORE = 4900
local category_chains = {
    '[["Clothing","Hoodies"]]',
    '[["Clothing","T-shirts"]]',
    '[["Home","Kitchen"]]',
    '[["Home","Textiles"]]',
    '[["Accessories"]]',
}
local products = {}
for i = 1, PRODUCT_COUNT do
    products[i] = {
        sku = string.format("SKU-%03d", i),
        name = "Product " .. i,
        description = "Benchmark product " .. i,
        categories = category_chains[(i - 1) % #category_chains + 1],
        price = 4900 + i * 1000, -- öre: money is computed in integers, never floats
    }
end

-- Money is a decimal string in the API; integer öre keep it exact.
local function money(ore)
    return string.format("%d.%02d", math.floor(ore / 100), ore % 100)
end

-- Main state: number the threads so that every thread's ids are disjoint.
local threads = {}

function setup(thread)
    local n = #threads + 1
    threads[n] = thread
    thread:set("tid", n)
    thread:set("run", run_id)
end

-- Thread state from here on (tid and run were set by setup before init runs).
local counter = 0
local stride = 64
statuses = {}
non2xx = 0
sample = nil

function init(args)
    local t = tonumber(args[1])
    if t ~= nil and t >= 1 then
        stride = t
    end
    if tid > stride then
        error(string.format("thread %d exceeds the THREADS argument %d", tid, stride))
    end
    math.randomseed(tid * 7919 + os.time())
end

local function customer_json()
    if counter % 2 == 0 then
        -- Returning: one of a fixed pool, always the same e-mail and phone for the same k, so
        -- the server finds the contact instead of creating one.
        local k = math.random(0, RETURNING_CUSTOMERS - 1)
        return string.format(
            '{"email":"returning-%d@example.se","phone":"0700000%03d","first_name":"Kund","last_name":"Nummer %d",' ..
            '"address":{"line1":"Storgatan %d","postal_code":"111 22","city":"Stockholm","country":"SE"}}',
            k, k, k, k % 100 + 1), "Kund Nummer " .. k
    end
    -- New: e-mail and phone unique across threads and requests. Numbers start at 1000 so they
    -- never fall into the returning pool 0700000000..0700000999.
    local n = 1000 + (counter * stride + tid - 1) % (100000000 - 1000)
    return string.format(
        '{"email":"new-%s-%d-%d@example.se","phone":"07%08d","first_name":"Ny","last_name":"Kund %d",' ..
        '"address":{"line1":"Drottninggatan %d","postal_code":"411 14","city":"Göteborg","country":"SE"}}',
        run, tid, counter, n, n, counter % 100 + 1), "Ny Kund " .. n
end

function request()
    counter = counter + 1
    local external_id = string.format("%s-%d-%d", run, tid, counter)
    local customer, full_name = customer_json()

    -- Three distinct products: offsets 17 and 34 never coincide modulo 50.
    local first = math.random(0, PRODUCT_COUNT - 1)
    local lines = {}
    local subtotal = 0
    for j = 0, 2 do
        local p = products[(first + j * 17) % PRODUCT_COUNT + 1]
        local quantity = (counter + j) % 3 + 1
        subtotal = subtotal + quantity * p.price
        lines[#lines + 1] = string.format(
            '{"external_id":"p-%d","sku":"%s","name":"%s","description":"%s","categories":%s,"quantity":%d,"unit_price":"%s"}',
            (first + j * 17) % PRODUCT_COUNT + 1, p.sku, p.name, p.description, p.categories, quantity, money(p.price))
    end
    local total = subtotal + SHIPPING_ORE
    -- Swedish VAT, 25 % included in the total: tax = total / 5.
    local tax = math.floor(total / 5 + 0.5)

    local body = string.format(
        '{"source":"webshop","external_id":"%s","number":"#%s","created_at":"2026-11-01T10:00:00Z",' ..
        '"status":"received","currency":"SEK","customer":%s,"lines":[%s],' ..
        '"shipping":{"carrier":"PostNord","cost":"%s","tracking_number":"RR%s",' ..
        '"address":{"name":"%s","line1":"Storgatan 1","postal_code":"111 22","city":"Stockholm","country":"SE"}},' ..
        '"totals":{"subtotal":"%s","shipping":"%s","tax":"%s","total":"%s"}}',
        external_id, external_id, customer, table.concat(lines, ","),
        money(SHIPPING_ORE), external_id, full_name,
        money(subtotal), money(SHIPPING_ORE), money(tax), money(total))
    return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
    statuses[status] = (statuses[status] or 0) + 1
    if status < 200 or status > 299 then
        non2xx = non2xx + 1
        -- Keep one failing answer per thread: a 422 problem document says what to fix.
        if sample == nil then
            sample = status .. " " .. string.sub(string.gsub(body or "", "%s+", " "), 1, 300)
        end
    end
end

-- Main state again; the per-thread counters are read back with thread:get.
function done(summary, latency, requests)
    local seconds = summary.duration / 1e6
    local counts, codes, failures = {}, {}, 0
    for _, thread in ipairs(threads) do
        for code, n in pairs(thread:get("statuses") or {}) do
            if counts[code] == nil then
                codes[#codes + 1] = code
            end
            counts[code] = (counts[code] or 0) + n
        end
        failures = failures + (thread:get("non2xx") or 0)
        local s = thread:get("sample")
        if s ~= nil then
            io.write("first non-2xx answer (thread ", thread:get("tid"), "): ", s, "\n")
        end
    end
    table.sort(codes)
    local parts = {}
    for _, code in ipairs(codes) do
        parts[#parts + 1] = code .. "=" .. counts[code]
    end

    local e = summary.errors
    local socket_errors = e.connect + e.read + e.write + e.timeout
    local ok_rate = (summary.requests - failures) / seconds
    local function ms(us) return us / 1000 end

    io.write(string.format("statuses: %s\n", #parts > 0 and table.concat(parts, " ") or "none"))
    io.write(string.format("non-2xx: %d, socket errors: connect %d, read %d, write %d, timeout %d\n",
        failures, e.connect, e.read, e.write, e.timeout))
    io.write(string.format("requests/s: %.1f (2xx: %.1f)\n", summary.requests / seconds, ok_rate))
    io.write(string.format("latency: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms\n",
        ms(latency:percentile(50)), ms(latency:percentile(90)), ms(latency:percentile(99)), ms(latency.max)))
    -- One line for bench/ingest to parse.
    io.write(string.format(
        "RESULT requests=%d seconds=%.2f rps=%.1f ok_rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f non2xx=%d socket_errors=%d\n",
        summary.requests, seconds, summary.requests / seconds, ok_rate,
        ms(latency:percentile(50)), ms(latency:percentile(90)), ms(latency:percentile(99)), ms(latency.max),
        failures, socket_errors))
end
