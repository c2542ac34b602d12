-- Amicus schema version 5: relays (docs/protocol/federation.md §6). A peer may be reached through
-- another peer (via_node), and this node may relay for a peer (relays_for). What a relay forwarded is
-- recorded by envelope id and destination (never content), to forward each once.

ALTER TABLE peer ADD COLUMN via_node VARCHAR(36);
ALTER TABLE peer ADD COLUMN relays_for BOOLEAN DEFAULT FALSE NOT NULL;

CREATE TABLE relayed_envelope (
    envelope_id     VARCHAR(36)     NOT NULL,
    to_node         VARCHAR(36)     NOT NULL,
    from_node       VARCHAR(36)     NOT NULL,
    via_peer        VARCHAR(36)     NOT NULL,
    size_bytes      INTEGER         NOT NULL,
    expires_at      TIMESTAMP       NOT NULL,
    relayed_at      TIMESTAMP       NOT NULL,
    CONSTRAINT pk_relayed_envelope PRIMARY KEY (envelope_id, to_node)
);

CREATE INDEX ix_relayed_expires ON relayed_envelope (expires_at);
CREATE INDEX ix_relayed_to ON relayed_envelope (to_node, relayed_at);
