package org.amicus.core.node.control;

import java.util.Objects;

/**
 * The broker as the node sees it.
 *
 * @param up whether a connection could be made just now
 * @param detail a short operator-readable word on the state, never a secret
 */
public record BrokerStatus(boolean up, String detail) {

    public BrokerStatus {
        Objects.requireNonNull(detail, "detail");
    }

    public static BrokerStatus up(String detail) {
        return new BrokerStatus(true, detail);
    }

    public static BrokerStatus down(String detail) {
        return new BrokerStatus(false, detail);
    }
}
