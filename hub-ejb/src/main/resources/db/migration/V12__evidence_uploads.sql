-- Amicus schema version 12: evidence files taken in by upload (docs/submissions.md). The file itself is in
-- DATA/evidence, encrypted under a key of its own; its key and its metadata (original name, media type) are
-- sealed here under the node's content key. Sizes, states and SHA-256 are in clear.

CREATE TABLE evidence_upload (
    id              VARCHAR(36)     NOT NULL,
    metadata        BYTEA           NOT NULL,
    size_bytes      BIGINT          NOT NULL,
    received        BIGINT          NOT NULL,
    stored_length   BIGINT          NOT NULL,
    segments        BIGINT          NOT NULL,
    file_key        BYTEA           NOT NULL,
    expected_sha256 VARCHAR(64),
    sha256          VARCHAR(64),
    state           VARCHAR(16)     NOT NULL,
    created_at      TIMESTAMP       NOT NULL,
    updated_at      TIMESTAMP       NOT NULL,
    completed_at    TIMESTAMP,
    created_by      VARCHAR(80),
    version         BIGINT          DEFAULT 0 NOT NULL,
    CONSTRAINT pk_evidence_upload PRIMARY KEY (id)
);

CREATE INDEX ix_evidence_upload_idle ON evidence_upload (state, updated_at);
