-- The 10-row query: the events read of a catch-up poll with since = head - 10, limit = 10 (PollRepository.EVENTS).
-- The limit for scenario 3. Variables: cmin, cmax, head.
\set c random(:cmin, :cmax)
\set after :head - 10
SELECT seq, type, data::text, time FROM events WHERE channel = :c AND seq > :after AND seq <= :head ORDER BY seq;
