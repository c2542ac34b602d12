package org.amicus.core.federation.control;

import org.amicus.core.federation.entity.PeerAddress;
import org.amicus.core.federation.entity.TlsPin;
import org.amicus.core.identity.entity.Fingerprint;
import org.amicus.core.node.entity.NodeId;

/** A peer's card whose binding verified: who it is, where it listens and its pinned TLS key. */
public record CheckedCard(
        NodeId node,
        String organisation,
        org.amicus.core.membership.entity.OrganisationType organisationType,
        Fingerprint fingerprint,
        byte[] organisationCertificate,
        PeerAddress address,
        TlsPin tls) {}
