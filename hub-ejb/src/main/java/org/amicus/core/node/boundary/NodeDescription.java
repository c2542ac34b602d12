package org.amicus.core.node.boundary;

import org.amicus.core.node.control.BrokerStatus;
import org.amicus.core.node.entity.NodeId;

/** What a node says about itself. */
public record NodeDescription(NodeId id, String name, String version, BrokerStatus broker) {}
