-- Envelope encryption (docs/DATA-PROTECTION.md): each case's personal fields are sealed with the case's own data key,
-- kept here in data_key wrapped (AES-GCM) by a version of its organisation's key. The versions' key material lives
-- outside the database (corridor.cases.organisation-key-directory): a copy of this database opens nothing by itself,
-- and destroying a version makes every copy of what it wrapped unreadable. Only which versions exist is kept here.
CREATE TABLE organisation_key (
    version       UUID        PRIMARY KEY,
    organisation  TEXT        NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    retired_at    TIMESTAMPTZ
);

-- One version per organisation wraps new case keys; a retired one only until no case key names it.
CREATE UNIQUE INDEX organisation_key_current ON organisation_key (organisation) WHERE retired_at IS NULL;
CREATE INDEX organisation_key_retired ON organisation_key (organisation) WHERE retired_at IS NOT NULL;

-- A case sealed before keeps its fields under its organisation's key derived from the master key key_id names until
-- case-service moves it to a data key of its own, in the background (org.corridor.cases.service.CaseKeyMaintenance);
-- key_id is null from then on. The reference keeps a version from being deleted while a case key names it.
ALTER TABLE case_file ALTER COLUMN key_id DROP NOT NULL;
ALTER TABLE case_file ADD COLUMN data_key BYTEA;
ALTER TABLE case_file ADD COLUMN data_key_version UUID REFERENCES organisation_key (version);

CREATE INDEX case_file_by_data_key_version ON case_file (data_key_version);
CREATE INDEX case_file_without_data_key ON case_file (id) WHERE key_id IS NOT NULL;
