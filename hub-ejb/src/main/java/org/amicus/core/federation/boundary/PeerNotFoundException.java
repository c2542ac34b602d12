package org.amicus.core.federation.boundary;

import jakarta.ejb.ApplicationException;
import org.amicus.core.node.entity.NodeId;

/** No peer with this node id (404). */
@ApplicationException(rollback = true)
public class PeerNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PeerNotFoundException(NodeId node) {
        super("node " + node + " is not a peer of this node");
    }
}
