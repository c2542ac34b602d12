-- Amicus schema version 2: the key directory and the record of envelopes already opened.
-- Portable SQL for H2 2.x and PostgreSQL 15+. Only public certificates are stored here; the
-- organisation's secret key lives encrypted in DATA/keys, never in the database.

CREATE TABLE peer_key (
    fingerprint     VARCHAR(40)     NOT NULL,
    display_name    VARCHAR(200)    NOT NULL,
    node_id         VARCHAR(36),
    certificate     VARCHAR(262144) NOT NULL,
    state           VARCHAR(16)     NOT NULL,
    first_seen      TIMESTAMP       NOT NULL,
    updated_at      TIMESTAMP       NOT NULL,
    verified_by     VARCHAR(200),
    verified_at     TIMESTAMP,
    revoked_at      TIMESTAMP,
    conflicts_with  VARCHAR(40),
    version         BIGINT          DEFAULT 0 NOT NULL,
    CONSTRAINT pk_peer_key PRIMARY KEY (fingerprint),
    CONSTRAINT ck_peer_key_state CHECK (state IN ('SEEN', 'VERIFIED', 'REVOKED'))
);

CREATE INDEX ix_peer_key_node ON peer_key (node_id);

-- Replay protection: an envelope id is recorded once its envelope opened, and kept until it expires.
CREATE TABLE seen_envelope (
    id          VARCHAR(36) NOT NULL,
    opened_at   TIMESTAMP   NOT NULL,
    expires_at  TIMESTAMP   NOT NULL,
    CONSTRAINT pk_seen_envelope PRIMARY KEY (id)
);

CREATE INDEX ix_seen_envelope_expires ON seen_envelope (expires_at);
