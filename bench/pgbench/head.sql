-- The head lookup: what a caught-up poll (200 empty or 304) needs, and all it needs (PollRepository.HEAD).
-- Variables: cmin, cmax (the seeded channels are named cmin..cmax).
\set c random(:cmin, :cmax)
SELECT head, oldest FROM channels WHERE name = :c;
