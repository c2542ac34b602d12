-- Amicus schema version 13: submissions, their items and files, custody records and consent withdrawals
-- (docs/submissions.md). Descriptions, custody statements and sources are sealed under the node's content key;
-- file keys likewise. Hashes, sizes, states and times are in clear; custody records are signed by the
-- organisation that made them and sealed here (they name who collected a file and where).

CREATE TABLE submission (
    id              VARCHAR(36)     NOT NULL,
    direction       VARCHAR(8)      NOT NULL,
    submitter       VARCHAR(36)     NOT NULL,
    recipient       VARCHAR(36)     NOT NULL,
    request_id      VARCHAR(36),
    state           VARCHAR(16)     NOT NULL,
    content         BYTEA           NOT NULL,
    marking         VARCHAR(4000)   NOT NULL,
    envelope_id     VARCHAR(36),
    created_by      VARCHAR(80),
    created_at      TIMESTAMP       NOT NULL,
    sent_at         TIMESTAMP,
    received_at     TIMESTAMP,
    receipt         BYTEA,
    receipt_signature BYTEA,
    receipt_signer  VARCHAR(40),
    version         BIGINT          DEFAULT 0 NOT NULL,
    CONSTRAINT pk_submission PRIMARY KEY (id)
);

CREATE INDEX ix_submission_state ON submission (state);
CREATE UNIQUE INDEX ux_submission_envelope ON submission (envelope_id);

CREATE TABLE submission_item (
    id              VARCHAR(36)     NOT NULL,
    submission_id   VARCHAR(36)     NOT NULL,
    position        INTEGER         NOT NULL,
    content         BYTEA           NOT NULL,
    upload_id       VARCHAR(36),
    file_id         VARCHAR(36),
    file_key        BYTEA,
    stored_length   BIGINT,
    segments        BIGINT,
    size_bytes      BIGINT          NOT NULL,
    sha256          VARCHAR(64)     NOT NULL,
    state           VARCHAR(16)     NOT NULL,
    outcome         VARCHAR(40),
    shipped_at      TIMESTAMP,
    verified_at     TIMESTAMP,
    version         BIGINT          DEFAULT 0 NOT NULL,
    CONSTRAINT pk_submission_item PRIMARY KEY (id),
    CONSTRAINT fk_submission_item FOREIGN KEY (submission_id) REFERENCES submission (id),
    CONSTRAINT ux_submission_item UNIQUE (submission_id, position)
);

CREATE INDEX ix_submission_item_upload ON submission_item (upload_id);

CREATE TABLE custody_record (
    id              VARCHAR(36)     NOT NULL,
    item_id         VARCHAR(36)     NOT NULL,
    seq             INTEGER         NOT NULL,
    record          BYTEA           NOT NULL,
    signature       BYTEA           NOT NULL,
    signer          VARCHAR(40)     NOT NULL,
    CONSTRAINT pk_custody_record PRIMARY KEY (id),
    CONSTRAINT fk_custody_record FOREIGN KEY (item_id) REFERENCES submission_item (id),
    CONSTRAINT ux_custody_record UNIQUE (item_id, seq)
);

CREATE TABLE consent_withdrawal (
    id              VARCHAR(36)     NOT NULL,
    item_id         VARCHAR(36)     NOT NULL,
    source_ref      VARCHAR(40)     NOT NULL,
    uses            VARCHAR(200)    NOT NULL,
    withdrawn_at    TIMESTAMP       NOT NULL,
    recorded_at     TIMESTAMP       NOT NULL,
    CONSTRAINT pk_consent_withdrawal PRIMARY KEY (id),
    CONSTRAINT fk_consent_withdrawal FOREIGN KEY (item_id) REFERENCES submission_item (id),
    CONSTRAINT ux_consent_withdrawal UNIQUE (item_id, source_ref, withdrawn_at)
);
