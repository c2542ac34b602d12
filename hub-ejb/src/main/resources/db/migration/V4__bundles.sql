-- Amicus schema version 4: offline bundles imported (docs/protocol/federation.md §7). A bundle is
-- imported once; its envelopes are stored like any that arrived by network (received_envelope).

CREATE TABLE imported_bundle (
    bundle_id       VARCHAR(36)     NOT NULL,
    from_node       VARCHAR(36)     NOT NULL,
    created_at      TIMESTAMP       NOT NULL,
    envelopes       INTEGER         NOT NULL,
    state           VARCHAR(16)     NOT NULL,
    accepted        INTEGER         DEFAULT 0 NOT NULL,
    duplicates      INTEGER         DEFAULT 0 NOT NULL,
    refused         INTEGER         DEFAULT 0 NOT NULL,
    started_at      TIMESTAMP       NOT NULL,
    finished_at     TIMESTAMP,
    CONSTRAINT pk_imported_bundle PRIMARY KEY (bundle_id),
    CONSTRAINT ck_imported_bundle_state CHECK (state IN ('IMPORTING', 'IMPORTED'))
);
