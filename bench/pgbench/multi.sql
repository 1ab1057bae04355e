-- The multi-channel poll's two round trips for 10 channels with one new event each (PollRepository.HEADS, then
-- PollRepository.EVENTS_OF_MANY): the limit next to scenario 4. Variables: names (a text[] literal of 10 channel
-- names), after, upto (int8[] literals). pgbench variables are fixed strings, so every client asks for the same 10
-- channels (the server's scenario rotates over all groups of 10; they are all in memory alike).
SELECT name, head, oldest FROM channels WHERE name = ANY(:names);
SELECT e.channel, e.seq, e.type, e.data::text, e.time FROM unnest(:names::text[], :after::int8[], :upto::int8[]) AS q(channel, after, up_to) JOIN events e ON e.channel = q.channel AND e.seq > q.after AND e.seq <= q.up_to ORDER BY e.channel, e.seq;
