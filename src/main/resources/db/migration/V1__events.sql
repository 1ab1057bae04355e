-- pollfeed v1 schema.
--
-- Ordering invariant: within a channel, seq order equals commit order. A writer takes the channel's row lock by
-- incrementing channels.head inside its transaction and numbers its events head-n+1..head; the next writer of that
-- channel waits for the lock, so it can only number (and commit) after the previous writer's events are visible.
-- A rollback returns its numbers with the lock, so seqs are gapless (1..head). Pollers therefore never see seq N+1
-- before seq N, which a bigserial (assigned at insert, visible at commit) cannot promise.

CREATE TABLE channels (
    name       text        PRIMARY KEY,
    -- Highest committed seq; 0 for a channel that has no events yet.
    head       bigint      NOT NULL DEFAULT 0 CHECK (head >= 0),
    -- Oldest seq still stored. Retention raises it; a cursor below oldest - 1 is answered with 410 Gone.
    oldest     bigint      NOT NULL DEFAULT 1 CHECK (oldest >= 1),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE events (
    channel text        NOT NULL,
    seq     bigint      NOT NULL,
    type    text        NOT NULL,
    data    jsonb       NOT NULL,
    time    timestamptz NOT NULL,
    PRIMARY KEY (channel, seq)
);

-- A publish with an Idempotency-Key claims (channel, key) first, in the same transaction as its events: a racing
-- retry blocks on the key until the first attempt commits (then replays it) or rolls back (then proceeds).
CREATE TABLE idempotency_keys (
    channel    text        NOT NULL,
    key        text        NOT NULL,
    -- The request with defaults applied, [{"type": ..., "data": ...}, ...]; compared as jsonb, not as text.
    request    jsonb       NOT NULL,
    first_seq  bigint,
    last_seq   bigint,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (channel, key)
);

CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
