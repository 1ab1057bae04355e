-- API key ids carry a tag, an HMAC of the rest of the id under this secret, checked in memory: a request with a
-- made-up key costs no database statement (docs/security.md, section 5). One row; all instances read it once.
-- gen_random_uuid() draws from PostgreSQL's strong random source (two of them: 244 random bits).
CREATE TABLE key_id_secret (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    secret bytea NOT NULL
);
INSERT INTO key_id_secret (secret)
VALUES (decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'));

-- Keys made before their ids were tagged keep working: they are looked up as before.
ALTER TABLE api_keys ADD COLUMN tagged boolean NOT NULL DEFAULT false;
