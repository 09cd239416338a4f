-- Emergency access ("break the glass", docs/DATA-PROTECTION.md): a caseworker reads one case's personal data for a
-- while, with a reason, until a coordinator of the organisation reviews it. Reason and note are sealed under the
-- organisation's key derived from the master key key_id names (they outlive an erasure of the case).
CREATE TABLE emergency_access (
    id            UUID        PRIMARY KEY,
    case_id       UUID        NOT NULL REFERENCES case_file (id),
    organisation  TEXT        NOT NULL,
    actor         TEXT        NOT NULL,
    reason        BYTEA       NOT NULL,
    key_id        TEXT        NOT NULL,
    granted_at    TIMESTAMPTZ NOT NULL,
    expires_at    TIMESTAMPTZ NOT NULL,
    reviewed_by   TEXT,
    reviewed_at   TIMESTAMPTZ,
    outcome       TEXT,
    note          BYTEA
);

CREATE INDEX emergency_access_open ON emergency_access (case_id, actor, expires_at);
CREATE INDEX emergency_access_by_organisation ON emergency_access (organisation, granted_at, id);

-- Retention: each organisation's personal data of a case final for longer than this many months is erased (null: kept).
CREATE TABLE organisation_retention (
    organisation                          TEXT        PRIMARY KEY,
    erase_personal_data_months_after_final INTEGER    CHECK (erase_personal_data_months_after_final > 0),
    updated_by                            TEXT        NOT NULL,
    updated_at                            TIMESTAMPTZ NOT NULL
);

-- When a case became final (resettled, repatriated, closed); a final case changes no more, so for the cases of before
-- that is when they last changed.
ALTER TABLE case_file ADD COLUMN final_since TIMESTAMPTZ;
UPDATE case_file SET final_since = updated_at WHERE status IN ('RESETTLED', 'REPATRIATED', 'CLOSED');
CREATE INDEX case_file_final_not_erased ON case_file (organisation, final_since) WHERE final_since IS NOT NULL AND erased_at IS NULL;

-- A transfer offer records the person's consent to it: its basis and the day it was given (null for offers of before).
ALTER TABLE case_transfer ADD COLUMN consent_basis TEXT;
ALTER TABLE case_transfer ADD COLUMN consent_recorded_on DATE;
