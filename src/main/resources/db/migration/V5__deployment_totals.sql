-- Deployment-wide totals kept by the writes, so that GET /v1/stats costs the same at a million channels as at ten
-- (it counted and summed the whole channels table: 83-190 ms per answer at 1,000,000 channels).
--
-- Striped: a publish adds to the row of its database session (mod(pg_backend_pid(), 16)), so concurrent publish
-- statements on different connections rarely wait for each other; stats sum the 16 rows. A statement takes its stripe
-- after every channel row it locks, so stripes add no lock cycle. Retention subtracts what it deletes the same way.
-- channels: channels ever written (a channel is created by its first publish and never deleted);
-- events: events stored, the sum over channels of head - oldest + 1.
CREATE TABLE deployment_totals (
    stripe   integer PRIMARY KEY,
    channels bigint  NOT NULL DEFAULT 0,
    events   bigint  NOT NULL DEFAULT 0
);

INSERT INTO deployment_totals (stripe, channels, events)
SELECT 0, count(*), coalesce(sum(greatest(head - oldest + 1, 0)), 0) FROM channels;
