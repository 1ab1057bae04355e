-- The caught-up poll query: the events query of a caught-up poll, returning 0 rows (PollRepository.EVENTS with
-- since = head). The issue's "pgbench caught-up query", the limit for scenarios 1 (304) and 2 (200 empty).
-- Variables: cmin, cmax, head (every seeded channel's head during the read phase).
\set c random(:cmin, :cmax)
SELECT seq, type, data::text, time FROM events WHERE channel = :c AND seq > :head AND seq <= :head ORDER BY seq;
