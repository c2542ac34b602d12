package org.amicus.core.federation.control;

import org.amicus.core.federation.entity.PeerAddress;
import org.amicus.core.federation.entity.TlsPin;
import org.amicus.core.node.entity.NodeId;

/** A peer as the transport needs it; {@code active} is false while it is suspended. */
public record PeerLinkSpec(NodeId node, PeerAddress address, TlsPin tls, boolean active) {}
