-- Amicus schema version 9: the people of this node's organisation and their sessions (docs/access.md).
-- A password is kept only as an Argon2id hash; the TOTP secret only sealed (AES-GCM) under a key kept in
-- the node's key directory, not in the database; a session only as the SHA-256 of its token.

CREATE TABLE person (
    id                  VARCHAR(36)     NOT NULL,
    username            VARCHAR(40)     NOT NULL,
    display_name        VARCHAR(120)    NOT NULL,
    roles               VARCHAR(200)    NOT NULL,
    status              VARCHAR(16)     NOT NULL,
    password_hash       VARCHAR(200)    NOT NULL,
    totp_secret         BYTEA           NOT NULL,
    totp_last_step      BIGINT          DEFAULT 0 NOT NULL,
    failed_attempts     INTEGER         DEFAULT 0 NOT NULL,
    lockouts            INTEGER         DEFAULT 0 NOT NULL,
    locked_until        TIMESTAMP,
    created_at          TIMESTAMP       NOT NULL,
    created_by          VARCHAR(80)     NOT NULL,
    last_login_at       TIMESTAMP,
    version             BIGINT          DEFAULT 0 NOT NULL,
    CONSTRAINT pk_person PRIMARY KEY (id),
    CONSTRAINT uq_person_username UNIQUE (username)
);

CREATE TABLE person_session (
    token_hash          VARCHAR(64)     NOT NULL,
    person_id           VARCHAR(36)     NOT NULL,
    created_at          TIMESTAMP       NOT NULL,
    last_seen_at        TIMESTAMP       NOT NULL,
    authenticated_at    TIMESTAMP       NOT NULL,
    ended_at            TIMESTAMP,
    CONSTRAINT pk_person_session PRIMARY KEY (token_hash),
    CONSTRAINT fk_person_session_person FOREIGN KEY (person_id) REFERENCES person (id)
);

CREATE INDEX ix_person_session_person ON person_session (person_id);
