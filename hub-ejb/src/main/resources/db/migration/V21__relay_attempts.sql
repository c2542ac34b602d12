-- Amicus schema version 21: a relay remembers which sending of an envelope it forwarded last. The origin sends an
-- envelope again when no receipt comes (its n-th resend carries attempt n); a relay forwards each later attempt
-- once more, so that the resend reaches a recipient behind it whatever was lost after the relay. A redelivery of an
-- attempt already forwarded is still forwarded only once.
ALTER TABLE relayed_envelope ADD COLUMN attempt INTEGER DEFAULT 0 NOT NULL;
