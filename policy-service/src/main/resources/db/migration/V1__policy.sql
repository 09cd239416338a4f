-- Country policy versions over two time axes: valid_from/valid_to (when it applies) and recorded_at
-- (when Corridor learnt it). Enum columns hold the Java constant names.
CREATE TABLE policy_version (
    id                    UUID        PRIMARY KEY,
    country               TEXT        NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
    valid_from            DATE        NOT NULL,
    valid_to              DATE        CHECK (valid_to IS NULL OR valid_to > valid_from),
    recorded_at           TIMESTAMPTZ NOT NULL,
    refugee_recognition   TEXT        NOT NULL,
    repatriation          TEXT        NOT NULL,
    detention             TEXT        NOT NULL,
    embassy_handover      TEXT        NOT NULL,
    penalties_for_helpers TEXT,
    unhcr_access          BOOLEAN,
    support_available     TEXT,
    risk_level            TEXT        NOT NULL,
    summary               TEXT        NOT NULL,
    sources               TEXT[]      NOT NULL CHECK (cardinality(sources) > 0),
    confidence            TEXT,
    reference_key         TEXT        UNIQUE,
    draft_id              UUID        UNIQUE,
    published_by          TEXT
);

CREATE INDEX policy_version_by_country ON policy_version (country, valid_from);

-- Published versions are history: a correction is a new version, never an edit.
CREATE FUNCTION refuse_policy_version_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'published policy versions are never changed or deleted';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER policy_version_is_immutable
    BEFORE UPDATE OR DELETE ON policy_version
    FOR EACH ROW EXECUTE FUNCTION refuse_policy_version_change();

CREATE TABLE policy_draft (
    id                    UUID        PRIMARY KEY,
    country               TEXT        NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
    valid_from            DATE        NOT NULL,
    valid_to              DATE        CHECK (valid_to IS NULL OR valid_to > valid_from),
    refugee_recognition   TEXT        NOT NULL,
    repatriation          TEXT        NOT NULL,
    detention             TEXT        NOT NULL,
    embassy_handover      TEXT        NOT NULL,
    penalties_for_helpers TEXT,
    unhcr_access          BOOLEAN,
    support_available     TEXT,
    risk_level            TEXT        NOT NULL,
    summary               TEXT        NOT NULL,
    sources               TEXT[]      NOT NULL,
    confidence            TEXT,
    author                TEXT        NOT NULL,
    editors               TEXT[]      NOT NULL,
    status                TEXT        NOT NULL,
    revision              INTEGER     NOT NULL,
    created_at            TIMESTAMPTZ NOT NULL,
    updated_at            TIMESTAMPTZ NOT NULL,
    published_version_id  UUID        REFERENCES policy_version (id)
);

CREATE INDEX policy_draft_by_country ON policy_draft (country, status);
