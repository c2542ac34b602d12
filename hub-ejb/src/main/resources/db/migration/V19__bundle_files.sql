-- Amicus schema version 19: bundles carry the parts of files beside their envelopes (federation.md §7, ADR 21). An
-- imported bundle records how many parts it carried and what became of them: kept (waiting to be opened, opened, or
-- relayed on), already here (duplicates), or refused (not for this node, or from a node it does not take files from).
ALTER TABLE imported_bundle ADD COLUMN parts INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE imported_bundle ADD COLUMN parts_kept INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE imported_bundle ADD COLUMN parts_duplicates INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE imported_bundle ADD COLUMN parts_refused INTEGER DEFAULT 0 NOT NULL;
