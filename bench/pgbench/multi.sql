-- The multi-channel poll's two round trips for 10 channels with one new event each (PollRepository.HEADS, then
-- PollRepository.EVENTS_OF_MANY). Variables: names (a text[] literal of 10 channel names), after, upto (int8[]).
-- pgbench variables are scalars, so bench/run wraps this file in an \if chain that picks one of the groups of 10
-- channels at random, replacing :names by :names0, :names1, ... (the SQL sent is exactly this).
SELECT name, head, oldest FROM channels WHERE name = ANY(:names);
SELECT e.channel, e.seq, e.type, e.data::text, e.time FROM unnest(:names::text[], :after::int8[], :upto::int8[]) AS q(channel, after, up_to) JOIN events e ON e.channel = q.channel AND e.seq > q.after AND e.seq <= q.up_to ORDER BY e.channel, e.seq;
