-- Amicus schema version 10: organisation types, coalition rosters and markings (docs/routing.md).
-- A peer's organisation type is what its organisation key states on its card. A coalition's roster is the
-- chain of signed events this node verified; coalition.head_* names the last one. A received message keeps
-- the marking it arrived under (levels, ids and dates: never content).

ALTER TABLE peer ADD COLUMN organisation_type VARCHAR(32) DEFAULT 'civil-society' NOT NULL;

CREATE TABLE coalition (
    id              VARCHAR(36)     NOT NULL,
    purpose         VARCHAR(500)    NOT NULL,
    head_seq        BIGINT          NOT NULL,
    head_hash       VARCHAR(64)     NOT NULL,
    created_at      TIMESTAMP       NOT NULL,
    updated_at      TIMESTAMP       NOT NULL,
    version         BIGINT          DEFAULT 0 NOT NULL,
    CONSTRAINT pk_coalition PRIMARY KEY (id)
);

CREATE TABLE roster_event (
    coalition_id    VARCHAR(36)     NOT NULL,
    seq             BIGINT          NOT NULL,
    kind            VARCHAR(16)     NOT NULL,
    actor           VARCHAR(36)     NOT NULL,
    subject         VARCHAR(36)     NOT NULL,
    line            VARCHAR(4000)   NOT NULL,
    hash            VARCHAR(64)     NOT NULL,
    signature       BYTEA           NOT NULL,
    stored_at       TIMESTAMP       NOT NULL,
    CONSTRAINT pk_roster_event PRIMARY KEY (coalition_id, seq),
    CONSTRAINT fk_roster_event_coalition FOREIGN KEY (coalition_id) REFERENCES coalition (id)
);

ALTER TABLE received_envelope ADD COLUMN marking VARCHAR(65536);

-- Consent requests for re-sharing (docs/routing.md): as the holder that asked (ASKED) or the originator
-- that was asked (ASKED_OF); ids, organisations and dates only.
CREATE TABLE consent_request (
    id              VARCHAR(36)     NOT NULL,
    side            VARCHAR(8)      NOT NULL,
    message_id      VARCHAR(36)     NOT NULL,
    originator      VARCHAR(36)     NOT NULL,
    holder          VARCHAR(36)     NOT NULL,
    organisations   VARCHAR(20000)  NOT NULL,
    state           VARCHAR(8)      NOT NULL,
    requested_at    TIMESTAMP       NOT NULL,
    answered_at     TIMESTAMP,
    valid_until     TIMESTAMP,
    answered_by     VARCHAR(80),
    version         BIGINT          DEFAULT 0 NOT NULL,
    CONSTRAINT pk_consent_request PRIMARY KEY (id)
);

CREATE INDEX ix_consent_request_message ON consent_request (message_id);

-- What this organisation sent to a coalition that shows its history to new members, sealed under the
-- node's content key (not in the database), to be sent to each organisation that joins later.
CREATE TABLE coalition_history (
    id              VARCHAR(36)     NOT NULL,
    coalition_id    VARCHAR(36)     NOT NULL,
    message_id      VARCHAR(36)     NOT NULL,
    sealed          BYTEA           NOT NULL,
    sent_at         TIMESTAMP       NOT NULL,
    CONSTRAINT pk_coalition_history PRIMARY KEY (id),
    CONSTRAINT fk_coalition_history_coalition FOREIGN KEY (coalition_id) REFERENCES coalition (id)
);

CREATE INDEX ix_coalition_history_coalition ON coalition_history (coalition_id, sent_at);
