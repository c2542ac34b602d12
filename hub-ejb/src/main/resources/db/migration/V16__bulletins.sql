-- Amicus schema version 16: bulletins, their series and subscriptions (docs/bulletins.md). A bulletin's and a
-- series' words (titles, texts in every language, attachments, a rejection's note) are sealed under the node's
-- content key; states, markings, languages, schedules and read times are in clear because routing, the publishing
-- job, the feeds and the read counts need them.

CREATE TABLE bulletin (
    id                  VARCHAR(36)     NOT NULL,
    direction           VARCHAR(3)      NOT NULL,
    publisher           VARCHAR(36)     NOT NULL,
    series_id           VARCHAR(36),
    issue_no            INTEGER,
    state               VARCHAR(12)     NOT NULL,
    marking             VARCHAR(65536)  NOT NULL,
    languages           VARCHAR(400)    NOT NULL,
    content             BYTEA           NOT NULL,
    author              VARCHAR(80),
    reviewer            VARCHAR(80),
    publish_at          TIMESTAMP,
    created_at          TIMESTAMP       NOT NULL,
    submitted_at        TIMESTAMP,
    reviewed_at         TIMESTAMP,
    published_at        TIMESTAMP,
    received_at         TIMESTAMP,
    read_at             TIMESTAMP,
    version             BIGINT          DEFAULT 0 NOT NULL,
    CONSTRAINT pk_bulletin PRIMARY KEY (id)
);

CREATE INDEX ix_bulletin_due ON bulletin (state, publish_at);
CREATE INDEX ix_bulletin_published ON bulletin (published_at);

-- On the publisher's node: each organisation a bulletin went to, and when someone there first read it (the
-- organisation's read, never a person's).
CREATE TABLE bulletin_recipient (
    bulletin_id         VARCHAR(36)     NOT NULL,
    organisation        VARCHAR(36)     NOT NULL,
    sent_at             TIMESTAMP       NOT NULL,
    read_at             TIMESTAMP,
    CONSTRAINT pk_bulletin_recipient PRIMARY KEY (bulletin_id, organisation),
    CONSTRAINT fk_bulletin_recipient FOREIGN KEY (bulletin_id) REFERENCES bulletin (id)
);

-- A series of bulletins: on its publisher's node with its audience, its template and schedule when it recurs; on
-- every node of its audience as announced, with this organisation's choice to receive it or not.
CREATE TABLE bulletin_series (
    id                  VARCHAR(36)     NOT NULL,
    direction           VARCHAR(3)      NOT NULL,
    publisher           VARCHAR(36)     NOT NULL,
    state               VARCHAR(12)     NOT NULL,
    marking             VARCHAR(65536)  NOT NULL,
    content             BYTEA           NOT NULL,
    frequency           VARCHAR(8),
    recur_day           INTEGER,
    recur_at            VARCHAR(8),
    recur_zone          VARCHAR(64),
    next_issue_at       TIMESTAMP,
    issues              INTEGER         DEFAULT 0 NOT NULL,
    author              VARCHAR(80),
    reviewer            VARCHAR(80),
    subscribed          BOOLEAN         DEFAULT TRUE NOT NULL,
    updated_at          TIMESTAMP       NOT NULL,
    version             BIGINT          DEFAULT 0 NOT NULL,
    CONSTRAINT pk_bulletin_series PRIMARY KEY (id)
);

-- On the publisher's node: the organisations that chose not to receive a series.
CREATE TABLE bulletin_opt_out (
    series_id           VARCHAR(36)     NOT NULL,
    organisation        VARCHAR(36)     NOT NULL,
    changed_at          TIMESTAMP       NOT NULL,
    CONSTRAINT pk_bulletin_opt_out PRIMARY KEY (series_id, organisation),
    CONSTRAINT fk_bulletin_opt_out FOREIGN KEY (series_id) REFERENCES bulletin_series (id)
);
