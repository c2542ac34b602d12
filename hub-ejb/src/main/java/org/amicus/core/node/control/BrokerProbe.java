package org.amicus.core.node.control;

/** Asks the node's broker whether it serves. Implemented in hub-messaging. */
public interface BrokerProbe {

    BrokerStatus status();
}
