-- The stats-at-scale data set (issue 18): :channels more channels named m1, m2, …, one event each (~200 bytes of
-- JSON, written more than an hour ago, so they are in no stats window), added beside the benchmark's channels after
-- the write phase. The deployment's totals (deployment_totals) are set from the tables afterwards, since this seed
-- bypasses the publish statements that keep them.
\set ON_ERROR_STOP on
SET synchronous_commit = off;
SET maintenance_work_mem = '256MB';

BEGIN;
-- With V7, each row keeps its event's time (the same expression as below), as a publish would have written it.
SELECT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'channels' AND column_name = 'head_time')
    AS event_times_in_rows \gset
\if :event_times_in_rows
INSERT INTO channels (name, head, oldest, oldest_time, oldest_time_seq, head_time, head_time_seq)
SELECT 'm' || c, 1, 1, t, 1, t, 1
FROM generate_series(1, :channels) AS c
CROSS JOIN LATERAL (SELECT now() - interval '2 hours' - make_interval(secs => c % 3600) AS t) AS e
ORDER BY 1;
\else
INSERT INTO channels (name, head, oldest)
SELECT 'm' || c, 1, 1 FROM generate_series(1, :channels) AS c ORDER BY 1;
\endif

INSERT INTO events (channel, seq, type, data, time)
SELECT 'm' || c, 1, 'order.created',
       jsonb_build_object('order', c, 'customer', 'cust-' || lpad((c % 99991)::text, 5, '0'), 'status', 'created',
           'total', round((c % 100000) / 100.0, 2), 'currency', 'EUR', 'note', md5(c::text)),
       now() - interval '2 hours' - make_interval(secs => c % 3600)
FROM generate_series(1, :channels) AS c ORDER BY 1;

UPDATE deployment_totals SET channels = 0, events = 0;
INSERT INTO deployment_totals (stripe, channels, events)
SELECT 0, count(*), coalesce(sum(greatest(head - oldest + 1, 0)), 0) FROM channels
ON CONFLICT (stripe) DO UPDATE SET channels = excluded.channels, events = excluded.events;
COMMIT;

VACUUM (ANALYZE) channels, events, deployment_totals;
CHECKPOINT;

SELECT count(*) AS channels FROM channels;
