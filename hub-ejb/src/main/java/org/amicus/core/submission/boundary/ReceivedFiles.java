package org.amicus.core.submission.boundary;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.UUID;
import org.amicus.core.federation.entity.Peer;
import org.amicus.core.federation.entity.PeerState;
import org.amicus.core.node.entity.NodeId;
import org.amicus.core.organisation.boundary.Organisations;
import org.amicus.core.submission.entity.Submission;
import org.amicus.core.submission.entity.SubmissionState;

/**
 * Where the transport reports a file that a peer delivered beside an envelope: if the submission naming it is here
 * already, its files are opened now; otherwise the envelope's arrival will.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ReceivedFiles {

    @PersistenceContext(unitName = "amicus")
    EntityManager em;

    @Inject
    SubmissionTransfers transfers;

    /** Whether {@code node} is an active peer (only those deliver files). */
    public boolean fromActivePeer(NodeId node) {
        Peer p = em.find(Peer.class, node.toString());
        return p != null && p.state() == PeerState.ACTIVE;
    }

    /** File {@code fileRef} of envelope {@code envelope} from {@code from} waits in the incoming directory. */
    public void arrived(UUID envelope, String fileRef, NodeId from) {
        List<Submission> found = em.createQuery("select s from Submission s where s.envelopeId = :e", Submission.class)
                .setParameter("e", envelope.toString())
                .getResultList();
        if (found.isEmpty()) {
            return;
        }
        Submission s = found.get(0);
        if (s.direction() == Submission.Direction.IN
                && s.state() == SubmissionState.ARRIVING
                && Organisations.nodeOf(s.submitter()).equals(from)) {
            transfers.ingestAll(s.id());
        }
    }
}
