-- The publish exactly as PublishRepository runs it without an Idempotency-Key: one statement, in its own implicit
-- transaction, that bumps the channel head (taking the channel's row lock until the statement commits) and keeps the
-- batch's time in the channel row beside it, inserts the batch numbered from the new head, and counts it into the per-minute stats and the deployment's totals. bench/run captures the server's own
-- statements at every run (log_statement=all) and uses those when they differ from this file (saying so in the
-- results); this file is the reference and the fallback. Variables: cmin, cmax (cmin = cmax for the hot channel),
-- n (events per batch), batch (the batch as the service passes it: [{"type":…,"data":…},…]).
\set c random(:cmin, :cmax)
WITH bumped AS (
    INSERT INTO channels AS c (name, head, oldest_time, oldest_time_seq, head_time, head_time_seq)
    SELECT :c, :n, t.now, 1, t.now, :n FROM (SELECT clock_timestamp() AS now) t
    ON CONFLICT (name) DO UPDATE SET
        head = c.head + excluded.head, head_time = clock_timestamp(), head_time_seq = c.head + excluded.head
    RETURNING head, head_time),
stored AS (
    INSERT INTO events (channel, seq, type, data, time)
    SELECT :c, bumped.head - :n + e.ord, e.item ->> 'type', e.item -> 'data', bumped.head_time
    FROM bumped, jsonb_array_elements(:batch::text::jsonb) WITH ORDINALITY AS e(item, ord)
    RETURNING seq, type, data, time),
counted AS (
    INSERT INTO channel_minutes (channel, minute, type, count)
    SELECT :c, date_trunc('minute', time), type, count(*) FROM stored GROUP BY 2, 3
    ON CONFLICT (channel, minute, type) DO UPDATE SET count = channel_minutes.count + excluded.count),
totalled AS (
    INSERT INTO deployment_totals (stripe, channels, events)
    SELECT mod(pg_backend_pid(), 16), (SELECT count(*) FROM bumped WHERE head = :n), (SELECT count(*) FROM stored)
    ON CONFLICT (stripe) DO UPDATE SET channels = deployment_totals.channels + excluded.channels,
        events = deployment_totals.events + excluded.events)

SELECT seq, type, data::text, cast(extract(epoch from time) * 1000000 as bigint) FROM stored ORDER BY seq;
