-- Amicus schema version 17: a partner's contribution to a joint submission keeps the receipt the joint submission's
-- recipient signed, as the lead passed it on (docs/submissions.md, "Joint submissions"): the exact canonical text,
-- the detached signature and the signer's fingerprint, verified against the key directory whenever it is shown.
ALTER TABLE submission ADD COLUMN final_receipt BYTEA;
ALTER TABLE submission ADD COLUMN final_receipt_signature BYTEA;
ALTER TABLE submission ADD COLUMN final_receipt_signer VARCHAR(40);
ALTER TABLE submission ADD COLUMN final_receipt_at TIMESTAMP;
