-- Amicus schema version 7: the audit log (docs/audit.md). Entries are written in the transaction of what
-- they record; AuditJobs then links them into a hash chain (seq, prev_hash, hash) in the order it takes
-- them, and signs a checkpoint of the chain's head with the organisation key from time to time.
-- No content, no names: ids, kinds and counts only.

-- EclipseLink takes each value as the last id of a block of 50 (allocationSize): the first block is 1–50
CREATE SEQUENCE audit_entry_id_seq START WITH 50 INCREMENT BY 50;

CREATE TABLE audit_entry (
    id              BIGINT          NOT NULL,
    recorded_at     TIMESTAMP       NOT NULL,
    actor           VARCHAR(80)     NOT NULL,
    action          VARCHAR(40)     NOT NULL,
    subject         VARCHAR(80),
    marking         VARCHAR(80),
    outcome         VARCHAR(16)     NOT NULL,
    detail          VARCHAR(300),
    seq             BIGINT,
    prev_hash       VARCHAR(64),
    hash            VARCHAR(64),
    CONSTRAINT pk_audit_entry PRIMARY KEY (id),
    CONSTRAINT uq_audit_entry_seq UNIQUE (seq)
);

CREATE INDEX ix_audit_entry_seq ON audit_entry (seq);

CREATE TABLE audit_checkpoint (
    seq             BIGINT          NOT NULL,
    hash            VARCHAR(64)     NOT NULL,
    created_at      TIMESTAMP       NOT NULL,
    signer          VARCHAR(40)     NOT NULL,
    signature       BYTEA           NOT NULL,
    CONSTRAINT pk_audit_checkpoint PRIMARY KEY (seq)
);
