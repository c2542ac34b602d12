package org.amicus.core.organisation.boundary;

import org.amicus.core.identity.entity.Fingerprint;
import org.amicus.core.membership.entity.OrgId;
import org.amicus.core.membership.entity.OrganisationType;
import org.amicus.core.node.entity.NodeId;

/**
 * An organisation of the federation as this node knows it: its name and type (as its key states them), its
 * node, its key's fingerprint, and whether envelopes reach it now ({@code reachable}: an active peer, directly
 * or through a relay, whose key is not revoked; always true for this node's own organisation).
 */
public record OrganisationView(
        OrgId id,
        String name,
        OrganisationType type,
        NodeId node,
        Fingerprint fingerprint,
        boolean own,
        String peerState,
        NodeId via,
        boolean reachable) {}
