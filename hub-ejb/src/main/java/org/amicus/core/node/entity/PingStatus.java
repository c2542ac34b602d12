package org.amicus.core.node.entity;

/** Where a ping is: sent into the inbox, or consumed by the inbox listener. */
public enum PingStatus {
    SENT,
    DELIVERED
}
