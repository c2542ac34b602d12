-- Amicus schema version 6: this node's organisation certificate is published to each peer over
-- federation (docs/protocol/federation.md §3.4); certificate_sent is the SHA-256 of the certificate last
-- queued for the peer (null: not yet, or the peer was added again).

ALTER TABLE peer ADD COLUMN certificate_sent VARCHAR(64);
