-- Counters for dashboards, maintained by the write transaction so that no stats request reads the events table.
--
-- One row per channel, minute and event type. The writer already holds its channel's row lock, so these rows add no
-- contention of their own; deployment-wide figures sum them through the minute index (bounded by the window, not by
-- the number of events stored).
CREATE TABLE channel_minutes (
    channel text        NOT NULL,
    minute  timestamptz NOT NULL,
    type    text        NOT NULL,
    count   bigint      NOT NULL CHECK (count > 0),
    PRIMARY KEY (channel, minute, type)
);

CREATE INDEX channel_minutes_minute ON channel_minutes (minute);
