-- Amicus schema version 14: feedback and discussion under a submission, consent carried into joint submissions
-- and re-shares, and joint submissions drafted inside a coalition (docs/submissions.md). Feedback texts are sealed
-- under the node's content key.

CREATE TABLE submission_feedback (
    id              VARCHAR(36)     NOT NULL,
    submission_id   VARCHAR(36)     NOT NULL,
    kind            VARCHAR(20)     NOT NULL,
    party           VARCHAR(10)     NOT NULL,
    author          VARCHAR(36)     NOT NULL,
    given_at        TIMESTAMP       NOT NULL,
    content         BYTEA           NOT NULL,
    recorded_at     TIMESTAMP       NOT NULL,
    CONSTRAINT pk_submission_feedback PRIMARY KEY (id),
    CONSTRAINT fk_submission_feedback FOREIGN KEY (submission_id) REFERENCES submission (id)
);

CREATE INDEX ix_submission_feedback ON submission_feedback (submission_id, given_at);

-- a joint draft: the coalition it is drafted in (on the lead's node and, as a shared copy, on each partner's);
-- a contribution: the joint draft it is for and whether the contributor is named to the recipient
ALTER TABLE submission ADD COLUMN coalition_id VARCHAR(36);
ALTER TABLE submission ADD COLUMN joint_of VARCHAR(36);
ALTER TABLE submission ADD COLUMN attributed BOOLEAN DEFAULT TRUE NOT NULL;

-- an item a partner contributed (its organisation; whether the recipient sees it) and the item whose custody chain
-- this one continues (the contribution's, or the received item a re-share passes on)
ALTER TABLE submission_item ADD COLUMN contributor VARCHAR(36);
ALTER TABLE submission_item ADD COLUMN attributed BOOLEAN DEFAULT TRUE NOT NULL;
ALTER TABLE submission_item ADD COLUMN origin_item VARCHAR(36);
