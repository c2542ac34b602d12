-- Amicus schema version 8: end-to-end resending (docs/protocol/federation.md §5). The sender keeps each
-- envelope's sealed bytes until its receipt (or expiry, rejection, removal) and sends it again, under a new
-- duplicate id, when no receipt came within a time that doubles with each attempt.

ALTER TABLE outgoing_envelope ADD COLUMN wire BYTEA;
ALTER TABLE outgoing_envelope ADD COLUMN sent_at TIMESTAMP;
ALTER TABLE outgoing_envelope ADD COLUMN resends INTEGER DEFAULT 0 NOT NULL;
