-- Amicus schema version 20: audit_entry.seq was indexed twice, by its unique constraint and by
-- ix_audit_entry_seq. Every entry written and every entry chained updated both. The constraint's index stays
-- and serves every lookup by seq (the chain's head by MAX(seq), pages in seq order).
DROP INDEX ix_audit_entry_seq;
