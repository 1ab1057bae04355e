-- The multi-channel poll's statement for 10 channels with one new event each (PollRepository.PAGES: heads and
-- events in one statement, which the server uses when it has seen that the channels are behind): the limit next to
-- scenario 4. Variables: names (a text[] literal of 10 channel names), after, upto (int8[] literals). pgbench
-- variables are fixed strings, so every client asks for the same 10 channels (the server's scenario rotates over all
-- groups of 10; they are all in memory alike).
SELECT q.i, c.head, c.oldest, e.seq, e.type, e.data, e.time FROM unnest(:names::text[], :after::int8[], :upto::int8[]) WITH ORDINALITY AS q(channel, after, up_to, i) CROSS JOIN LATERAL (SELECT head, oldest FROM channels WHERE name = q.channel LIMIT 1) c LEFT JOIN LATERAL (SELECT seq, type, data::text, time FROM events WHERE channel = q.channel AND seq > q.after AND seq <= least(q.up_to, c.head) ORDER BY seq) e ON true;
