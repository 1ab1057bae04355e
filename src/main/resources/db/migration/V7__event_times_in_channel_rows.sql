-- The times of a channel's oldest and newest events, kept in its row, so that a channel's stats are one row read
-- instead of the row and two primary-key probes of events (bench/README.md, "Channel stats in one row read").
--
-- Each time carries the seq it belongs to: a time counts only while its seq is still the channel's oldest (head), so a
-- writer that does not keep the times (an instance of an older version during a deploy, a test or a seed writing
-- rows by hand) leaves a time that no longer matches, and stats read the event row instead, as before. The publish
-- statements write head_time with the head, and oldest_time when they create the channel; retention moves oldest_time
-- with oldest.
--
-- Columns without a default: adding them rewrites nothing and locks no row. Channels written before this migration
-- have no times until their next publish (head) or prune (oldest); their stats read the events as before.
ALTER TABLE channels
    ADD COLUMN oldest_time     timestamptz,
    ADD COLUMN oldest_time_seq bigint,
    ADD COLUMN head_time       timestamptz,
    ADD COLUMN head_time_seq   bigint;
