-- The audit chain is keyed: each entry's hash is an HMAC-SHA256 under a key kept outside the database, named here.
-- Entries written before carry none until case-service chains them under its key at its first start
-- (org.corridor.cases.service.UnkeyedAuditTrails); after that an entry without a key id is broken.
ALTER TABLE audit_entry ADD COLUMN key_id TEXT;

-- Signed checkpoints of every case's chain head (org.corridor.cases.service.AuditCheckpoints): the statement is the
-- signed text (org.corridor.cases.domain.AuditCheckpoint says its form), signature its Ed25519 signature (base64)
-- under the key key_id names, and audit_checkpoint_head the heads it signed. Nothing here is personal data.
CREATE TABLE audit_checkpoint (
    id         BIGSERIAL   PRIMARY KEY,
    made_at    TIMESTAMPTZ NOT NULL,
    key_id     TEXT        NOT NULL,
    statement  TEXT        NOT NULL,
    signature  TEXT        NOT NULL
);

CREATE INDEX audit_checkpoint_by_key ON audit_checkpoint (key_id, id);

CREATE TABLE audit_checkpoint_head (
    checkpoint_id  BIGINT NOT NULL REFERENCES audit_checkpoint (id),
    case_id        UUID   NOT NULL,
    organisation   TEXT   NOT NULL,
    entries        BIGINT NOT NULL,
    head           TEXT   NOT NULL,
    PRIMARY KEY (checkpoint_id, case_id)
);

CREATE INDEX audit_checkpoint_head_by_organisation ON audit_checkpoint_head (checkpoint_id, organisation, case_id);
