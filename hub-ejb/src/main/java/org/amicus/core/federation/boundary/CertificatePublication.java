package org.amicus.core.federation.boundary;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;
import org.amicus.core.federation.control.Addressee;
import org.amicus.core.federation.control.Draft;
import org.amicus.core.federation.control.EnvelopeSealing;
import org.amicus.core.federation.control.FederationTransport;
import org.amicus.core.federation.control.SealedEnvelope;
import org.amicus.core.federation.entity.Peer;
import org.amicus.core.federation.entity.PeerState;
import org.amicus.core.identity.boundary.KeyDirectory;
import org.amicus.core.identity.control.OrganisationIdentity;

/**
 * Keeps peers' copies of this node's organisation certificate current (docs/protocol/federation.md §3.4):
 * whenever the certificate changes (a new encryption subkey every rotation period, a subkey destroyed) it
 * goes to every active peer as a signed envelope of type {@value Deliveries#CERTIFICATE_TYPE}, once per
 * peer and version, store-and-forward like any envelope. Without it, peers would go on encrypting to a
 * subkey that expires, and the link would fail a rotation period after peering.
 */
@Stateless
public class CertificatePublication {

    static final Duration LIFETIME = Duration.ofDays(30);
    private static final Logger LOG = Logger.getLogger(CertificatePublication.class.getName());

    @PersistenceContext(unitName = "amicus")
    EntityManager em;

    @Inject
    OrganisationIdentity own;

    @Inject
    EnvelopeSealing sealing;

    @Inject
    FederationTransport transport;

    @Inject
    KeyDirectory keys;

    /** Queues the current certificate for each active peer that has not been sent it yet; returns how many. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int publish() {
        String certificate = own.current().certificate();
        String sha256 = sealing.sha256(certificate.getBytes(StandardCharsets.UTF_8));
        List<Peer> due = em.createQuery("select p from Peer p where p.state = :active", Peer.class)
                .setParameter("active", PeerState.ACTIVE)
                .getResultStream()
                .filter(p -> p.needsCertificate(sha256))
                .filter(p -> keys.lookup(p.fingerprint()).map(k -> !k.revoked()).orElse(false))
                .toList();
        for (Peer p : due) {
            SealedEnvelope sealed = sealing.seal(
                    new Draft(Deliveries.CERTIFICATE_TYPE, "organisation certificate", certificate, "normal", LIFETIME),
                    List.of(new Addressee(p.nodeId(), p.fingerprint())));
            transport.send(p.nextHop(), sealed);
            p.certificateQueued(sha256);
            LOG.info(() -> "AMICUS-FEDERATION-090 this node's certificate queued for " + p.nodeId());
        }
        return due.size();
    }
}
