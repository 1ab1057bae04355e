-- The publish transaction exactly as PublishService/PublishRepository run it (four round trips: BEGIN, the head-bump
-- upsert that takes the channel's row lock, the set-based insert of the batch that also counts it into the
-- per-minute stats, COMMIT), as PostgreSQL logs it with log_statement=all. bench/run captures the server's own
-- statements at every run and uses those when they differ from this file (saying so in the results); this file is
-- the reference and the fallback. Variables: cmin, cmax (cmin = cmax for the hot channel), n (events per batch),
-- batch (the batch as the service passes it: [{"type":…,"data":…},…]).
\set c random(:cmin, :cmax)
BEGIN;
WITH bumped AS (
    INSERT INTO channels (name, head) VALUES (:c, :n)
    ON CONFLICT (name) DO UPDATE SET head = channels.head + excluded.head
    RETURNING head)
SELECT head FROM bumped \gset new_
\set first :new_head - :n + 1
WITH stored AS (
    INSERT INTO events (channel, seq, type, data, time)
    SELECT :c, :first + e.ord - 1, e.item ->> 'type', e.item -> 'data', clock_timestamp()
    FROM jsonb_array_elements(cast(cast(:batch as text) as jsonb)) WITH ORDINALITY AS e(item, ord)
    RETURNING seq, type, data, time),
counted AS (
    INSERT INTO channel_minutes (channel, minute, type, count)
    SELECT :c, date_trunc('minute', time), type, count(*) FROM stored GROUP BY 2, 3
    ON CONFLICT (channel, minute, type) DO UPDATE SET count = channel_minutes.count + excluded.count)
SELECT seq, type, cast(data as text), cast(extract(epoch from time) * 1000000 as bigint)
FROM stored ORDER BY seq;
COMMIT;
