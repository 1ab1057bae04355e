-- Channel names compare byte by byte (COLLATE "C") wherever they are stored.
--
-- Every poll descends the channels and events primary keys by channel name. Under a database's default collation
-- (en_US.UTF-8, C.UTF-8, ...) each comparison in that descent goes through the C library's strcoll; under "C" it is
-- a memcmp. Measured on the benchmark's data set (1,000 channels, 1,000,000+ events): the heads of 80 channels cost
-- PostgreSQL ~10% less, the events of 80 channels ~17% less. Channel names are ASCII (A-Z a-z 0-9 . _ -, see
-- ChannelName) and only ever compared for equality, except to break ties in the stats' top channels, which are now in
-- byte order whatever the database's locale.
--
-- The columns keep their type (text), so no table is rewritten; each primary key is rebuilt once.
ALTER TABLE channels ALTER COLUMN name TYPE text COLLATE "C";
ALTER TABLE events ALTER COLUMN channel TYPE text COLLATE "C";
ALTER TABLE idempotency_keys ALTER COLUMN channel TYPE text COLLATE "C";
ALTER TABLE channel_minutes ALTER COLUMN channel TYPE text COLLATE "C";
