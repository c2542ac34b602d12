package org.amicus.core.federation.control;

import org.amicus.core.identity.entity.Fingerprint;
import org.amicus.core.node.entity.NodeId;

/** A recipient of an envelope: its node, and its organisation's key (from the key directory). */
public record Addressee(NodeId node, Fingerprint organisation) {}
