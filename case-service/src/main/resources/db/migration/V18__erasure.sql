-- Erasure (docs/DATA-PROTECTION.md): an erased case keeps its codes (status, countries, sexes, age bands,
-- vulnerabilities), its journey's kinds, countries and dates, and its audit trail, for the statistics and the
-- accountability they serve; its data key is gone and its sealed fields are emptied. case_erasure says who erased it,
-- when and why (the reason sealed under the organisation's key derived from the master key key_id names).
ALTER TABLE case_file ADD COLUMN erased_at TIMESTAMPTZ;
ALTER TABLE case_member ALTER COLUMN alias DROP NOT NULL;

CREATE TABLE case_erasure (
    case_id       UUID        PRIMARY KEY REFERENCES case_file (id),
    organisation  TEXT        NOT NULL,
    erased_by     TEXT        NOT NULL,
    erased_at     TIMESTAMPTZ NOT NULL,
    reason        BYTEA       NOT NULL,
    key_id        TEXT        NOT NULL
);
