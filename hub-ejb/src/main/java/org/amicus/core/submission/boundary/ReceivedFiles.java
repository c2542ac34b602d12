package org.amicus.core.submission.boundary;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.amicus.core.federation.entity.Peer;
import org.amicus.core.federation.entity.PeerState;
import org.amicus.core.node.entity.NodeId;
import org.amicus.core.organisation.boundary.Organisations;
import org.amicus.core.submission.control.StoredFile;
import org.amicus.core.submission.entity.ItemState;
import org.amicus.core.submission.entity.Submission;
import org.amicus.core.submission.entity.SubmissionId;
import org.amicus.core.submission.entity.SubmissionItem;
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

    @Inject
    Organisations organisations;

    /** What to do with a file a peer delivered (federation.md §3.8 and §6). */
    public sealed interface Route {}

    /** It is for this node: kept as sent by {@code origin} (the delivering peer, or a node it relays for). */
    public record Keep(NodeId origin) implements Route {}

    /** It is for {@code target}, a direct peer this node relays to: forwarded unread. */
    public record Forward(NodeId target) implements Route {}

    /** Neither: dropped, with the kind of refusal ({@code not-a-peer}, {@code wrong-peer}, {@code not-relayed}). */
    public record Drop(String kind) implements Route {}

    /**
     * Decides where a file goes by its routing properties, with the rules for envelopes: a node keeps a file for it
     * from the node that sent it, or from the relay it reaches that node through; it forwards a file for another node
     * only to an active direct peer, and only when it relays for that peer or for the one that delivered.
     *
     * @param delivering the peer the broker authenticated
     * @param origin the node that sent the file, as the message says (absent: the delivering peer)
     * @param target the node the file is for, as the message says (absent: this node)
     */
    public Route route(NodeId delivering, Optional<NodeId> origin, Optional<NodeId> target) {
        Peer via = em.find(Peer.class, delivering.toString());
        if (via == null || via.state() != PeerState.ACTIVE) {
            return new Drop("not-a-peer");
        }
        NodeId self = Organisations.nodeOf(organisations.self());
        if (target.isPresent() && !target.get().equals(self)) {
            return Peer.relayable(via, em.find(Peer.class, target.get().toString()))
                    ? new Forward(target.get())
                    : new Drop("not-relayed");
        }
        NodeId from = origin.orElse(delivering);
        if (from.equals(delivering)) {
            return new Keep(from);
        }
        Peer sender = em.find(Peer.class, from.toString());
        return sender != null && sender.reachedThrough(delivering) ? new Keep(from) : new Drop("wrong-peer");
    }

    /** A file of a submission arriving here, still to come, that may be opened as it is delivered. */
    public record Expected(SubmissionId submission, UUID item, String sha256, long size) {}

    /** What a delivered file is to this node. */
    public sealed interface Claim {}

    /** The file of an item still to come, taken for the caller alone: open it, then {@link #release} it. */
    public record Claimed(Expected expected) implements Claim {}

    /** The file of an item already settled (verified, refused or held back): a copy delivered again, not needed. */
    public record Settled() implements Claim {}

    /** Its envelope is not here yet (or another worker has the file): kept in the incoming directory for later. */
    public record Later() implements Claim {}

    /**
     * Takes the item that file {@code fileRef} of envelope {@code envelope} from {@code from} is, if its submission
     * is here and the file still to come.
     */
    public Claim claim(UUID envelope, String fileRef, NodeId from) {
        Submission s = arriving(envelope, from);
        if (s == null) {
            return settledElsewhere(envelope, from) ? new Settled() : new Later();
        }
        Optional<SubmissionItem> item = em
                .createQuery("select i from SubmissionItem i where i.submissionId = :s", SubmissionItem.class)
                .setParameter("s", s.id().toString())
                .getResultList()
                .stream()
                .filter(i -> i.fileRef().equals(fileRef))
                .findFirst();
        if (item.isEmpty() || item.get().state() != ItemState.PENDING) {
            return new Settled(); // not in the manifest, or settled: nothing to keep
        }
        if (!SubmissionTransfers.claim(item.get().id())) {
            return new Later();
        }
        return new Claimed(new Expected(
                s.id(), item.get().id(), item.get().sha256(), item.get().size()));
    }

    /** The submission of {@code envelope} from {@code from} is here and no longer arriving. */
    private boolean settledElsewhere(UUID envelope, NodeId from) {
        return em
                .createQuery("select s from Submission s where s.envelopeId = :e", Submission.class)
                .setParameter("e", envelope.toString())
                .getResultList()
                .stream()
                .anyMatch(s -> s.direction() == Submission.Direction.IN
                        && s.state() != SubmissionState.ARRIVING
                        && Organisations.nodeOf(s.submitter()).equals(from));
    }

    /** The claimed file was opened into the evidence store as {@code stored}: recorded, the submission settled. */
    public void opened(Expected e, StoredFile stored) {
        transfers.verified(e.item(), stored);
        transfers.ingestAll(e.submission());
    }

    /** The claimed file is not the one its manifest names: refused, the submission settled. */
    public void refused(Expected e, String kind) {
        transfers.refuse(e.item(), kind);
        transfers.ingestAll(e.submission());
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public void release(Expected e) {
        SubmissionTransfers.release(e.item());
    }

    private Submission arriving(UUID envelope, NodeId from) {
        List<Submission> found = em.createQuery("select s from Submission s where s.envelopeId = :e", Submission.class)
                .setParameter("e", envelope.toString())
                .getResultList();
        if (found.isEmpty()) {
            return null;
        }
        Submission s = found.get(0);
        return s.direction() == Submission.Direction.IN
                        && s.state() == SubmissionState.ARRIVING
                        && Organisations.nodeOf(s.submitter()).equals(from)
                ? s
                : null;
    }

    /** File {@code fileRef} of envelope {@code envelope} from {@code from} waits in the incoming directory. */
    public void arrived(UUID envelope, String fileRef, NodeId from) {
        Submission s = arriving(envelope, from);
        if (s != null) {
            transfers.ingestAll(s.id());
        }
    }
}
