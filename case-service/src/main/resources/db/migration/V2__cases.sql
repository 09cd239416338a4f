-- Cases. Every personal field is sealed in the application (AES-GCM with the owning organisation's key,
-- named by key_id) before it reaches this database: the columns of type BYTEA hold ciphertext only.
CREATE TABLE case_file (
    id               UUID        PRIMARY KEY,
    organisation     TEXT        NOT NULL,
    status           TEXT        NOT NULL,
    current_country  TEXT        CHECK (current_country ~ '^[A-Z]{2}$'),
    planned_route    TEXT[]      NOT NULL,
    needs            JSONB       NOT NULL,
    notes            BYTEA,
    closed_reason    BYTEA,
    key_id           TEXT        NOT NULL,
    risk_level       TEXT,
    risk_reasons     JSONB,
    risk_assessed_at TIMESTAMPTZ,
    revision         INTEGER     NOT NULL,
    opened_on        DATE        NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL
);

CREATE INDEX case_file_by_organisation ON case_file (organisation, created_at, id);
CREATE INDEX case_file_active_by_country ON case_file (current_country) WHERE status NOT IN ('RESETTLED', 'REPATRIATED', 'CLOSED');

CREATE TABLE case_member (
    id               UUID        PRIMARY KEY,
    case_id          UUID        NOT NULL REFERENCES case_file (id),
    position         INTEGER     NOT NULL,
    alias            BYTEA       NOT NULL,
    sex              TEXT        NOT NULL,
    age_band         TEXT        NOT NULL,
    vulnerabilities  TEXT[]      NOT NULL,
    personal_data    BYTEA
);

CREATE INDEX case_member_by_case ON case_member (case_id, position);

CREATE TABLE journey_entry (
    id           UUID        PRIMARY KEY,
    case_id      UUID        NOT NULL REFERENCES case_file (id),
    sequence     INTEGER     NOT NULL,
    kind         TEXT        NOT NULL,
    country      TEXT        NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
    event_date   DATE        NOT NULL,
    place        BYTEA,
    recorded_by  TEXT        NOT NULL,
    recorded_at  TIMESTAMPTZ NOT NULL,
    UNIQUE (case_id, sequence)
);

CREATE TABLE case_transfer (
    id                 UUID        PRIMARY KEY,
    case_id            UUID        NOT NULL REFERENCES case_file (id),
    from_organisation  TEXT        NOT NULL,
    to_organisation    TEXT        NOT NULL,
    status             TEXT        NOT NULL,
    offered_by         TEXT        NOT NULL,
    offered_at         TIMESTAMPTZ NOT NULL,
    decided_by         TEXT,
    decided_at         TIMESTAMPTZ
);

CREATE INDEX case_transfer_by_receiver ON case_transfer (to_organisation, status);
CREATE UNIQUE INDEX case_transfer_one_open_offer ON case_transfer (case_id) WHERE status = 'OFFERED';

CREATE TABLE case_alert (
    id             UUID        PRIMARY KEY,
    organisation   TEXT        NOT NULL,
    case_id        UUID        NOT NULL REFERENCES case_file (id),
    country        TEXT        NOT NULL,
    previous_risk  TEXT,
    new_risk       TEXT        NOT NULL,
    reason         TEXT        NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL
);

CREATE INDEX case_alert_by_organisation ON case_alert (organisation, created_at, id);

-- Who read or wrote which case. Each entry carries the hash of the case's previous entry, so removing or
-- altering one breaks the chain. Nothing here is personal data.
CREATE TABLE audit_entry (
    id             BIGSERIAL   PRIMARY KEY,
    case_id        UUID        NOT NULL,
    actor          TEXT        NOT NULL,
    organisation   TEXT        NOT NULL,
    action         TEXT        NOT NULL,
    request_id     TEXT,
    at             TIMESTAMPTZ NOT NULL,
    previous_hash  TEXT        NOT NULL,
    hash           TEXT        NOT NULL
);

CREATE INDEX audit_entry_by_case ON audit_entry (case_id, id);

CREATE TABLE idempotency_key (
    organisation  TEXT        NOT NULL,
    key           TEXT        NOT NULL,
    request_hash  TEXT        NOT NULL,
    case_id       UUID        NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (organisation, key)
);
