-- Amicus schema version 11: cooperation requests (docs/cooperation.md). A request's terms and each event's
-- note are sealed under the node's content key (keys/content.key, never in the database); ids, states,
-- markings and deadlines are in clear because routing and the deadline jobs need them.

CREATE TABLE cooperation_request (
    id              VARCHAR(36)     NOT NULL,
    own_party       VARCHAR(16)     NOT NULL,
    requester       VARCHAR(36)     NOT NULL,
    marking         VARCHAR(65536)  NOT NULL,
    terms           BYTEA           NOT NULL,
    deadline        TIMESTAMP       NOT NULL,
    created_at      TIMESTAMP       NOT NULL,
    sent_at         TIMESTAMP,
    created_by      VARCHAR(80),
    version         BIGINT          DEFAULT 0 NOT NULL,
    CONSTRAINT pk_cooperation_request PRIMARY KEY (id)
);

CREATE INDEX ix_cooperation_request_created ON cooperation_request (created_at);

-- The request between its requester and one responding organisation: the state both nodes share.
CREATE TABLE cooperation_thread (
    id              VARCHAR(36)     NOT NULL,
    request_id      VARCHAR(36)     NOT NULL,
    responder       VARCHAR(36)     NOT NULL,
    state           VARCHAR(32)     NOT NULL,
    seq             INTEGER         NOT NULL,
    last_event      VARCHAR(36),
    deadline        TIMESTAMP       NOT NULL,
    reminded_at     TIMESTAMP,
    overdue_at      TIMESTAMP,
    updated_at      TIMESTAMP       NOT NULL,
    version         BIGINT          DEFAULT 0 NOT NULL,
    CONSTRAINT pk_cooperation_thread PRIMARY KEY (id),
    CONSTRAINT uq_cooperation_thread UNIQUE (request_id, responder),
    CONSTRAINT fk_cooperation_thread_request FOREIGN KEY (request_id) REFERENCES cooperation_request (id)
);

CREATE INDEX ix_cooperation_thread_deadline ON cooperation_thread (deadline);

-- Each step of a thread as both nodes record it; status APPLIED, HELD (arrived before the step it follows)
-- or SUPERSEDED (crossed with the requester's step).
CREATE TABLE cooperation_event (
    id              VARCHAR(36)     NOT NULL,
    event_id        VARCHAR(36)     NOT NULL,
    thread_id       VARCHAR(36)     NOT NULL,
    seq             INTEGER         NOT NULL,
    previous        VARCHAR(36),
    action          VARCHAR(32)     NOT NULL,
    party           VARCHAR(16)     NOT NULL,
    acted_at        TIMESTAMP       NOT NULL,
    note            BYTEA,
    deadline        TIMESTAMP,
    state_after     VARCHAR(32),
    deadline_after  TIMESTAMP,
    status          VARCHAR(16)     NOT NULL,
    by_person       VARCHAR(80),
    recorded_at     TIMESTAMP       NOT NULL,
    CONSTRAINT pk_cooperation_event PRIMARY KEY (id),
    CONSTRAINT uq_cooperation_event UNIQUE (thread_id, event_id),
    CONSTRAINT fk_cooperation_event_thread FOREIGN KEY (thread_id) REFERENCES cooperation_thread (id)
);

-- A received envelope that a workflow recorded in its chain (cooperation) is kept as the signed original and
-- shown in that workflow, not in the inbox.
ALTER TABLE received_envelope ADD COLUMN workflow VARCHAR(32);
