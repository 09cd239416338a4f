-- Partner API keys. Only a SHA-256 of the key is kept: keys are 256-bit random, so a fast hash is enough.
CREATE TABLE api_key (
    id           UUID        PRIMARY KEY,
    key_hash     BYTEA       NOT NULL UNIQUE,
    organisation TEXT        NOT NULL,
    roles        TEXT[]      NOT NULL,
    label        TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at   TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ
);
