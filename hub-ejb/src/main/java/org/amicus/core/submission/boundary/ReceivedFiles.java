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
import org.amicus.core.submission.control.FileTransport;
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

    @Inject
    FileTransport transport;

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

    /**
     * The next part of a file of a submission arriving here, which may be opened as it is delivered: part {@code
     * part} ({@code partBytes} bytes of plaintext), to be appended to {@code into} (a new file for the first part).
     */
    public record Expected(
            SubmissionId submission,
            UUID envelope,
            NodeId from,
            UUID item,
            String fileRef,
            int part,
            int parts,
            long partBytes,
            StoredFile into,
            UUID claim) {}

    /** What a delivered part of a file is to this node. */
    public sealed interface Claim {}

    /** The next part of an item's file, taken for the caller alone: open it, then {@link #release} it. */
    public record Claimed(Expected expected) implements Claim {}

    /**
     * A part this node already has, or of an item already settled (verified, refused or held back): a copy delivered
     * again, not needed.
     */
    public record Settled() implements Claim {}

    /**
     * Its envelope is not here yet, a part before it is still to come, or another worker has the file: kept in the
     * incoming directory for later.
     */
    public record Later() implements Claim {}

    /**
     * Takes the item that part {@code part} of file {@code fileRef} of envelope {@code envelope} from {@code from}
     * belongs to, if its submission is here and that part is the next one it waits for.
     */
    public Claim claim(UUID envelope, String fileRef, int part, NodeId from) {
        Submission s = arriving(envelope, from);
        if (s == null) {
            return settledElsewhere(envelope, from) ? new Settled() : new Later();
        }
        Optional<SubmissionItem> item = itemOf(s, fileRef);
        if (notWanted(item, part)) {
            return new Settled(); // not in the manifest, settled, had already, or no such part: nothing to keep
        }
        Optional<UUID> claim = part > item.get().partsDone()
                ? Optional.empty()
                : SubmissionTransfers.claim(item.get().id());
        if (claim.isEmpty()) {
            return new Later();
        }
        SubmissionItem i = item.get();
        return new Claimed(new Expected(
                s.id(),
                envelope,
                from,
                i.id(),
                fileRef,
                part,
                FileTransport.parts(i.size()),
                FileTransport.partBytes(i.size(), part),
                transfers.receiving(i),
                claim.get()));
    }

    /**
     * Whether part {@code part} of file {@code fileRef} of envelope {@code envelope} from {@code from} is no longer
     * wanted here: its submission is here and the part is opened, its file settled, or not one the manifest names.
     * False when the submission is not here yet.
     */
    public boolean settled(UUID envelope, String fileRef, int part, NodeId from) {
        Submission s = arriving(envelope, from);
        return s == null ? settledElsewhere(envelope, from) : notWanted(itemOf(s, fileRef), part);
    }

    private Optional<SubmissionItem> itemOf(Submission s, String fileRef) {
        return em
                .createQuery("select i from SubmissionItem i where i.submissionId = :s", SubmissionItem.class)
                .setParameter("s", s.id().toString())
                .getResultList()
                .stream()
                .filter(i -> i.fileRef().equals(fileRef))
                .findFirst();
    }

    private static boolean notWanted(Optional<SubmissionItem> item, int part) {
        return item.isEmpty()
                || item.get().state() != ItemState.PENDING
                || part < item.get().partsDone()
                || part >= FileTransport.parts(item.get().size());
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

    /**
     * The claimed part was opened into the evidence store as {@code stored}: recorded (after the last part, the file
     * checked against the manifest); the parts waiting in the incoming directory follow, and the submission settles
     * once every file has.
     */
    public void opened(Expected e, StoredFile stored) {
        transfers.partOpened(e.item(), e.part(), stored);
        release(e); // before the parts waiting are looked at, so none is passed over
        if (e.part() == e.parts() - 1 || transport.arrived(e.envelope(), e.fileRef(), e.part() + 1, e.from())) {
            transfers.ingestAll(e.submission()); // the next part came early, or the file is settled
        } // otherwise the next part is opened as it is delivered, by the listener that takes the file's parts
    }

    /** The claimed part is not one of the file its manifest names: the file is refused, the submission settled. */
    public void refused(Expected e, String kind) {
        transfers.refuse(e.item(), kind);
        release(e);
        transfers.ingestAll(e.submission());
    }

    /** Gives the claimed item back, unless that was done already (then another worker may hold it now). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public void release(Expected e) {
        SubmissionTransfers.release(e.item(), e.claim());
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

    /** A part of file {@code fileRef} of envelope {@code envelope} from {@code from} waits in the incoming directory. */
    public void arrived(UUID envelope, String fileRef, NodeId from) {
        Submission s = arriving(envelope, from);
        if (s != null) {
            transfers.ingestAll(s.id());
        }
    }
}
