-- Amicus schema version 15: security alerts (docs/alerts.md). An alert's words (title, region, what to do,
-- description, indicators, a withdrawal's reason) are sealed under the node's content key; severity, category,
-- marking, validity and the acknowledgement and escalation state are in clear because routing, the escalation
-- timer and the issuer's dashboard need them.

CREATE TABLE alert (
    id                  VARCHAR(36)     NOT NULL,
    direction           VARCHAR(3)      NOT NULL,
    issuer              VARCHAR(36)     NOT NULL,
    revision            INTEGER         NOT NULL,
    status              VARCHAR(12)     NOT NULL,
    severity            VARCHAR(12)     NOT NULL,
    category            VARCHAR(12)     NOT NULL,
    template            VARCHAR(32),
    marking             VARCHAR(65536)  NOT NULL,
    content             BYTEA           NOT NULL,
    valid_from          TIMESTAMP       NOT NULL,
    valid_until         TIMESTAMP       NOT NULL,
    escalate_after_s    BIGINT          NOT NULL,
    issued_by           VARCHAR(80),
    issued_at           TIMESTAMP       NOT NULL,
    revised_at          TIMESTAMP       NOT NULL,
    received_at         TIMESTAMP,
    acknowledged_at     TIMESTAMP,
    acknowledged_rev    INTEGER,
    acknowledged_by     VARCHAR(80),
    escalations         INTEGER         DEFAULT 0 NOT NULL,
    escalated_at        TIMESTAMP,
    version             BIGINT          DEFAULT 0 NOT NULL,
    CONSTRAINT pk_alert PRIMARY KEY (id)
);

CREATE INDEX ix_alert_issued ON alert (issued_at);

-- On the issuer's node: each organisation an alert went to, whether and when it acknowledged, and when the
-- escalation timer next looks at it (the timer's state is here, so a restart loses none).
CREATE TABLE alert_recipient (
    alert_id            VARCHAR(36)     NOT NULL,
    organisation        VARCHAR(36)     NOT NULL,
    sent_at             TIMESTAMP       NOT NULL,
    acknowledged_at     TIMESTAMP,
    acknowledged_rev    INTEGER,
    escalations         INTEGER         DEFAULT 0 NOT NULL,
    next_escalation_at  TIMESTAMP,
    escalated_at        TIMESTAMP,
    version             BIGINT          DEFAULT 0 NOT NULL,
    CONSTRAINT pk_alert_recipient PRIMARY KEY (alert_id, organisation),
    CONSTRAINT fk_alert_recipient FOREIGN KEY (alert_id) REFERENCES alert (id)
);

CREATE INDEX ix_alert_recipient_due ON alert_recipient (next_escalation_at);
