-- Amicus schema version 1: the node itself.
-- Portable SQL for H2 2.x and PostgreSQL 15+. Never edit an applied migration: add a new one.

CREATE TABLE node_identity (
    id          VARCHAR(36) NOT NULL,
    created_at  TIMESTAMP   NOT NULL,
    CONSTRAINT pk_node_identity PRIMARY KEY (id)
);

CREATE TABLE ping_record (
    id            VARCHAR(36) NOT NULL,
    sent_at       TIMESTAMP   NOT NULL,
    delivered_at  TIMESTAMP,
    status        VARCHAR(16) NOT NULL,
    deliveries    INTEGER     DEFAULT 0 NOT NULL,
    version       BIGINT      DEFAULT 0 NOT NULL,
    CONSTRAINT pk_ping_record PRIMARY KEY (id),
    CONSTRAINT ck_ping_status CHECK (status IN ('SENT', 'DELIVERED'))
);
