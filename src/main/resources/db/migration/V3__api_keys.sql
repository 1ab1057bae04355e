-- API keys for publishers and operators (docs/security.md). The key itself is shown once, at creation, and never
-- stored: only its SHA-256, which is enough for a 256-bit random secret (no slow hash needed: there is nothing to
-- brute-force). The id is the key's public part, so a lookup never depends on the secret.
CREATE TABLE api_keys (
    id              text        PRIMARY KEY,
    name            text        NOT NULL,
    hash            bytea       NOT NULL,
    -- Space-separated, as OAuth writes scopes: "publish:orders.* read:orders.*", "admin".
    scopes          text        NOT NULL,
    -- Requests per second for this key; NULL takes the deployment's pollfeed.security.rate-limit.per-second.
    rate_per_second integer     CHECK (rate_per_second > 0),
    created_at      timestamptz NOT NULL DEFAULT now(),
    last_used_at    timestamptz,
    revoked_at      timestamptz
);
