-- Seeds the bench database in one set-based pass: :channels channels named 100001, 100002, … (pgbench variables are
-- numbers, so numeric names let its scripts send exactly the service's SQL), each with :events events, seqs gapless
-- 1..:events, head = :events, oldest = 1. Event data is ~200 bytes of JSON text (an order-like object with a nested
-- array and a hash), types rotate over four values, times are one second apart ending now.
--
-- The insert runs in (channel, seq) order (a nested loop over two generate_series, no sort), so every primary-key
-- insert lands on the rightmost leaf. VACUUM (FREEZE, ANALYZE) and CHECKPOINT afterwards leave no hint-bit writes,
-- no stale statistics and no pending checkpoint for the measurements.
\set ON_ERROR_STOP on
SET synchronous_commit = off;
SET maintenance_work_mem = '256MB';

BEGIN;
-- Every table of the service's schema (events, channels, idempotency keys, stats, whatever later migrations add).
SELECT 'TRUNCATE ' || string_agg(format('%I.%I', schemaname, tablename), ', ') AS truncate_all
FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'flyway_schema_history' \gset
:truncate_all;

-- With the schema's V7, each row keeps its first and last event's time, as the publishes would have written them
-- (the same expressions as the events' times below); the else branch seeds an older schema (A/B runs of older jars).
SELECT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'channels' AND column_name = 'head_time')
    AS event_times_in_rows \gset
\if :event_times_in_rows
INSERT INTO channels (name, head, oldest, oldest_time, oldest_time_seq, head_time, head_time_seq)
SELECT (100000 + c)::text, :events, 1, now() - make_interval(secs => :events - 1), 1, now(), :events
FROM generate_series(1, :channels) AS c;
\else
INSERT INTO channels (name, head, oldest)
SELECT (100000 + c)::text, :events, 1
FROM generate_series(1, :channels) AS c;
\endif

INSERT INTO events (channel, seq, type, data, time)
SELECT (100000 + c)::text,
       s,
       (ARRAY['order.created', 'order.paid', 'order.shipped', 'order.updated'])[1 + s % 4],
       jsonb_build_object(
           'order', c * 1000000 + s,
           'customer', 'cust-' || lpad(((c * 7919 + s) % 99991)::text, 5, '0'),
           'status', (ARRAY['created', 'paid', 'shipped', 'updated'])[1 + s % 4],
           'total', round(((c * 131 + s * 17) % 100000) / 100.0, 2),
           'currency', 'EUR',
           'items', jsonb_build_array(
               jsonb_build_object('sku', 'SKU-' || lpad(((s * 31) % 9973)::text, 4, '0'), 'qty', 1 + s % 5),
               jsonb_build_object('sku', 'SKU-' || lpad(((c * 17 + s) % 9973)::text, 4, '0'), 'qty', 1)),
           'note', md5(c::text || ':' || s::text)),
       now() - make_interval(secs => :events - s)
FROM generate_series(1, :channels) AS c
CROSS JOIN LATERAL generate_series(1, :events) AS s;
COMMIT;

VACUUM (FREEZE, ANALYZE);
CHECKPOINT;

SELECT count(*) AS channels, sum(head) AS events FROM channels;
SELECT round(avg(length(data::text))) AS avg_data_bytes FROM (SELECT data FROM events LIMIT 1000) AS sample;
