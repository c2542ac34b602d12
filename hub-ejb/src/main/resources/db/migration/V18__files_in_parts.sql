-- Amicus schema version 18: files travel between nodes in parts (federation.md §3.8, ADR 20). On the submitting
-- node, parts_done counts the parts of an item's file queued for the recipient; on the receiving node, the parts
-- opened into the evidence store so far (the item's file columns then name the file being received, which counts
-- only once its last part is opened and its SHA-256 matches the manifest).
ALTER TABLE submission_item ADD COLUMN parts_done INTEGER DEFAULT 0 NOT NULL;
