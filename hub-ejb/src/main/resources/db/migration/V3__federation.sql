-- Amicus schema version 3: federation. Peers, the envelopes this node sent (per recipient node) and
-- those it received. Received envelopes are stored sealed, exactly as they arrived: the database never
-- holds their content in clear.

CREATE TABLE peer (
    node_id             VARCHAR(36)     NOT NULL,
    organisation        VARCHAR(200)    NOT NULL,
    fingerprint         VARCHAR(40)     NOT NULL,
    host                VARCHAR(253)    NOT NULL,
    port                INTEGER         NOT NULL,
    tls_certificate     VARCHAR(16384)  NOT NULL,
    tls_spki_sha256     VARCHAR(64)     NOT NULL,
    tls_valid_until     TIMESTAMP       NOT NULL,
    state               VARCHAR(16)     NOT NULL,
    added_at            TIMESTAMP       NOT NULL,
    added_by            VARCHAR(200)    NOT NULL,
    changed_at          TIMESTAMP       NOT NULL,
    version             BIGINT          DEFAULT 0 NOT NULL,
    CONSTRAINT pk_peer PRIMARY KEY (node_id),
    CONSTRAINT ck_peer_state CHECK (state IN ('ACTIVE', 'SUSPENDED', 'REMOVED'))
);

CREATE TABLE outgoing_envelope (
    id              VARCHAR(36)     NOT NULL,
    envelope_id     VARCHAR(36)     NOT NULL,
    to_node         VARCHAR(36)     NOT NULL,
    next_hop        VARCHAR(36)     NOT NULL,
    created_at      TIMESTAMP       NOT NULL,
    expires_at      TIMESTAMP       NOT NULL,
    priority        VARCHAR(8)      NOT NULL,
    size_bytes      INTEGER         NOT NULL,
    sha256          VARCHAR(64)     NOT NULL,
    state           VARCHAR(16)     NOT NULL,
    state_at        TIMESTAMP       NOT NULL,
    detail          VARCHAR(500),
    version         BIGINT          DEFAULT 0 NOT NULL,
    CONSTRAINT pk_outgoing_envelope PRIMARY KEY (id),
    CONSTRAINT uq_outgoing_envelope UNIQUE (envelope_id, to_node),
    CONSTRAINT ck_outgoing_state CHECK (state IN ('QUEUED', 'DELIVERED', 'EXPIRED', 'REJECTED', 'UNDELIVERABLE'))
);

CREATE INDEX ix_outgoing_hop_state ON outgoing_envelope (next_hop, state, created_at);
CREATE INDEX ix_outgoing_state_expires ON outgoing_envelope (state, expires_at);

CREATE TABLE received_envelope (
    envelope_id     VARCHAR(36)     NOT NULL,
    from_node       VARCHAR(36)     NOT NULL,
    sender          VARCHAR(40)     NOT NULL,
    via_peer        VARCHAR(36)     NOT NULL,
    created_at      TIMESTAMP       NOT NULL,
    expires_at      TIMESTAMP       NOT NULL,
    received_at     TIMESTAMP       NOT NULL,
    priority        VARCHAR(8)      NOT NULL,
    size_bytes      INTEGER         NOT NULL,
    sha256          VARCHAR(64)     NOT NULL,
    wire            BYTEA           NOT NULL,
    receipt_sent_at TIMESTAMP,
    CONSTRAINT pk_received_envelope PRIMARY KEY (envelope_id)
);

CREATE INDEX ix_received_receipt ON received_envelope (receipt_sent_at, from_node);
CREATE INDEX ix_received_at ON received_envelope (received_at);

-- Envelopes refused on arrival: what, from which peer, why; never their content.
CREATE TABLE refused_envelope (
    id              VARCHAR(36)     NOT NULL,
    envelope_id     VARCHAR(36),
    from_node       VARCHAR(36),
    via_peer        VARCHAR(36),
    kind            VARCHAR(32)     NOT NULL,
    size_bytes      INTEGER         NOT NULL,
    refused_at      TIMESTAMP       NOT NULL,
    report_sent_at  TIMESTAMP,
    CONSTRAINT pk_refused_envelope PRIMARY KEY (id)
);

CREATE INDEX ix_refused_at ON refused_envelope (refused_at);
CREATE INDEX ix_refused_report ON refused_envelope (report_sent_at, from_node);
