package org.amicus.core.submission.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.amicus.core.audit.boundary.AuditLog;
import org.amicus.core.federation.boundary.Messages;
import org.amicus.core.federation.control.Addressee;
import org.amicus.core.federation.control.Draft;
import org.amicus.core.federation.entity.Peer;
import org.amicus.core.membership.entity.OrgId;
import org.amicus.core.node.entity.NodeId;
import org.amicus.core.organisation.boundary.Organisations;
import org.amicus.core.organisation.control.OrganisationSignatures;
import org.amicus.core.platform.control.Failures;
import org.amicus.core.platform.control.Sha256;
import org.amicus.core.routing.control.MarkingJson;
import org.amicus.core.submission.control.EvidenceAlteredException;
import org.amicus.core.submission.control.EvidenceStore;
import org.amicus.core.submission.control.FileTransport;
import org.amicus.core.submission.control.StoredFile;
import org.amicus.core.submission.control.SubmissionMessages;
import org.amicus.core.submission.control.SubmissionMessages.CustodyEvent;
import org.amicus.core.submission.control.SubmissionMessages.SignedRecord;
import org.amicus.core.submission.entity.CustodyRecord;
import org.amicus.core.submission.entity.ItemState;
import org.amicus.core.submission.entity.Submission;
import org.amicus.core.submission.entity.SubmissionId;
import org.amicus.core.submission.entity.SubmissionItem;
import org.amicus.core.submission.entity.SubmissionState;

/**
 * Moving a submission's files (federation.md §3.8), each outside the request that caused it: on the submitting node
 * each file is queued for the recipient's node in a transaction of its own (the large message is routed, and the item
 * marked shipped, together or not at all); on the receiving node each arrived file is opened against the manifest
 * outside any transaction (it may take a minute) and recorded in a short one. When every file of a received
 * submission is settled, the receiving organisation signs its custody records and the receipt and sends it back.
 * {@link SubmissionJobs} calls the same steps again after a failure or a restart.
 */
@Stateless
public class SubmissionTransfers {

    private static final Logger LOG = Logger.getLogger(SubmissionTransfers.class.getName());

    /** Items being shipped or opened on this node right now (one worker each). */
    private static final Set<UUID> BUSY = ConcurrentHashMap.newKeySet();

    /** Takes an item for one worker; false if another has it. */
    static boolean claim(UUID item) {
        return BUSY.add(item);
    }

    static void release(UUID item) {
        BUSY.remove(item);
    }

    @PersistenceContext(unitName = "amicus")
    EntityManager em;

    @Inject
    SubmissionLedger ledger;

    @Inject
    FileTransport transport;

    @Inject
    EvidenceStore store;

    @Inject
    Organisations organisations;

    @Inject
    OrganisationSignatures signatures;

    @Inject
    Messages messages;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Resource
    SessionContext context;

    /** Ships every file of a submission being sent that the broker does not hold yet, then marks it sent. */
    @Asynchronous
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void shipAll(SubmissionId id) {
        SubmissionTransfers self = context.getBusinessObject(SubmissionTransfers.class);
        for (UUID item : self.itemsIn(id, ItemState.READY)) {
            if (!BUSY.add(item)) {
                continue;
            }
            try {
                self.shipOne(item);
            } catch (FileAlteredException e) {
                self.markAltered(item); // never sent, never tried again; the other files go on
            } catch (RuntimeException e) {
                LOG.warning("AMICUS-SUBMISSION-035 a file of submission " + id + " could not be queued; it is tried"
                        + " again later: " + Failures.rootMessage(e));
                return;
            } finally {
                BUSY.remove(item);
            }
        }
        self.markSent(id);
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<UUID> itemsIn(SubmissionId id, ItemState state) {
        return em
                .createQuery(
                        "select i from SubmissionItem i where i.submissionId = :s and i.state = :st order by i.position",
                        SubmissionItem.class)
                .setParameter("s", id.toString())
                .setParameter("st", state.name())
                .getResultList()
                .stream()
                .map(SubmissionItem::id)
                .toList();
    }

    /** Queues one file; the large message and the item's new state commit together. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void shipOne(UUID itemId) {
        SubmissionItem i = em.find(SubmissionItem.class, itemId.toString(), LockModeType.PESSIMISTIC_WRITE);
        if (i == null || i.state() != ItemState.READY) {
            return;
        }
        Submission s = em.find(Submission.class, i.submission().toString());
        NodeId node = Organisations.nodeOf(s.recipient());
        Peer peer = em.find(Peer.class, node.toString());
        if (peer == null || !peer.acceptsEnvelopes()) {
            throw new SubmissionStateException("organisation " + s.recipient() + " is no longer a peer");
        }
        Instant now = clock.instant();
        String read;
        try {
            read = transport.ship(
                    peer.nextHop(),
                    Organisations.nodeOf(s.submitter()),
                    new Addressee(node, peer.fingerprint()),
                    s.envelope().orElseThrow(),
                    i.fileRef(),
                    i.file().orElseThrow(),
                    s.sentAt().orElse(now).plus(Submissions.ENVELOPE_LIFETIME));
        } catch (IOException | RuntimeException e) {
            if (Failures.causedBy(e, EvidenceAlteredException.class)) {
                throw new FileAlteredException(); // a kept file that fails its check does not heal by trying again
            }
            throw e instanceof IOException io ? new java.io.UncheckedIOException(io) : (RuntimeException) e;
        }
        if (!read.equals(i.sha256())) {
            throw new FileAlteredException(); // rolls back what was queued of it
        }
        i.shipped(now);
        audit.record(
                AuditLog.NODE,
                "submission.file.queued",
                s.id().toString(),
                null,
                "ok",
                i.fileRef() + ": " + i.size() + " bytes for node " + node);
    }

    /**
     * The file of an item no longer has its SHA-256 at intake: it is not sent and not tried again. The organisation
     * sees the item as {@code altered} and must look into its disk; the recipient is told, in the same transaction,
     * that the file will not come ({@code amicus.submission-file-held-back}), so it settles the submission and its
     * receipt names the file as held back.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void markAltered(UUID itemId) {
        SubmissionItem i = em.find(SubmissionItem.class, itemId.toString(), LockModeType.PESSIMISTIC_WRITE);
        if (i == null || i.state() != ItemState.READY) {
            return;
        }
        Submission s = em.find(Submission.class, i.submission().toString());
        Instant now = clock.instant();
        i.altered(now);
        messages.sendTo(
                new Draft(
                        SubmissionMessages.HELD_BACK_TYPE,
                        "A file held back",
                        SubmissionMessages.write(new SubmissionMessages.HeldBack(
                                s.id(), i.fileRef(), i.sha256(), "altered-after-intake", now)),
                        "normal",
                        Submissions.ENVELOPE_LIFETIME),
                Set.of(s.recipient()),
                MarkingJson.parse(s.marking()));
        audit.record(
                AuditLog.NODE,
                "submission.file.altered",
                i.submission().toString(),
                null,
                "refused",
                i.fileRef() + ": the kept file no longer has its SHA-256 at intake " + i.sha256()
                        + "; not sent, the recipient is told");
        LOG.severe("AMICUS-SUBMISSION-036 the evidence file of " + i.fileRef() + " of submission " + i.submission()
                + " no longer has its SHA-256 at intake; it is not sent and the recipient is told it will not come");
    }

    /** A file read to be sent had another SHA-256 than at intake: what was queued of it is rolled back. */
    @jakarta.ejb.ApplicationException(rollback = true)
    public static class FileAlteredException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public FileAlteredException() {
            super("the file was altered after intake");
        }
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void markSent(SubmissionId id) {
        Submission s = em.find(Submission.class, id.toString(), LockModeType.PESSIMISTIC_WRITE);
        if (s != null
                && s.state() == SubmissionState.SENDING
                && itemsIn(id, ItemState.READY).isEmpty()) {
            s.sent();
            LOG.info(() -> "AMICUS-SUBMISSION-037 every file of submission " + id + " is queued or held back");
        }
    }

    /**
     * Opens every file of a received submission that has arrived and is not settled yet; once none is pending, signs
     * and sends the receipt.
     */
    @Asynchronous
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void ingestAll(SubmissionId id) {
        SubmissionTransfers self = context.getBusinessObject(SubmissionTransfers.class);
        Optional<Arriving> arriving = self.arriving(id);
        if (arriving.isEmpty()) {
            return;
        }
        for (UUID item : self.itemsIn(id, ItemState.PENDING)) {
            if (!BUSY.add(item)) {
                continue;
            }
            try {
                self.ingestOne(item, arriving.get());
            } finally {
                BUSY.remove(item);
            }
        }
        if (self.itemsIn(id, ItemState.PENDING).isEmpty()) {
            self.settle(id);
        }
    }

    /** What opening a received submission's files needs to know of it. */
    public record Arriving(UUID envelope, NodeId from) {}

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<Arriving> arriving(SubmissionId id) {
        Submission s = em.find(Submission.class, id.toString());
        if (s == null || s.state() != SubmissionState.ARRIVING) {
            return Optional.empty();
        }
        return Optional.of(new Arriving(s.envelope().orElseThrow(), Organisations.nodeOf(s.submitter())));
    }

    /** Opens one arrived file into the evidence store, outside any transaction, then records the outcome. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void ingestOne(UUID itemId, Arriving arriving) {
        SubmissionTransfers self = context.getBusinessObject(SubmissionTransfers.class);
        Optional<SubmissionItem> pending = self.pendingItem(itemId);
        if (pending.isEmpty()
                || !transport.arrived(arriving.envelope(), pending.get().fileRef(), arriving.from())) {
            return;
        }
        SubmissionItem i = pending.get();
        StoredFile into = new StoredFile(UUID.randomUUID(), store.newKey(), 0, 0, 0);
        StoredFile stored;
        try {
            stored = transport.open(arriving.envelope(), i.fileRef(), arriving.from(), i.sha256(), i.size(), into);
        } catch (FileTransport.FileRefusedException e) {
            LOG.warning("AMICUS-SUBMISSION-038 file " + i.fileRef() + " of submission " + i.submission() + " refused: "
                    + e.kind());
            self.refuse(itemId, e.kind());
            return;
        } catch (IOException e) {
            LOG.warning("AMICUS-SUBMISSION-039 file " + i.fileRef() + " of submission " + i.submission()
                    + " could not be opened now; it is tried again later: " + e.getMessage());
            store.delete(into.id());
            return;
        }
        try {
            self.verified(itemId, stored);
        } catch (RuntimeException e) {
            store.delete(stored.id()); // the item was settled meanwhile, or the record failed: nothing half-kept
            throw e;
        }
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<SubmissionItem> pendingItem(UUID itemId) {
        SubmissionItem i = em.find(SubmissionItem.class, itemId.toString());
        return i == null || i.state() != ItemState.PENDING ? Optional.empty() : Optional.of(i);
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void verified(UUID itemId, StoredFile stored) {
        SubmissionItem i = em.find(SubmissionItem.class, itemId.toString(), LockModeType.PESSIMISTIC_WRITE);
        i.verified(stored, clock.instant());
        audit.record(
                AuditLog.NODE,
                "submission.file.verified",
                i.submission().toString(),
                null,
                "ok",
                i.fileRef() + ": SHA-256 " + i.sha256() + ", " + i.size() + " bytes");
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void refuse(UUID itemId, String kind) {
        SubmissionItem i = em.find(SubmissionItem.class, itemId.toString(), LockModeType.PESSIMISTIC_WRITE);
        if (i != null && i.state() == ItemState.PENDING) {
            i.refused(kind, clock.instant());
            audit.record(
                    AuditLog.NODE, "submission.file.refused", i.submission().toString(), null, kind, i.fileRef());
        }
    }

    /**
     * Every file settled: this organisation signs a custody record for each file it verified and a receipt naming each
     * file's outcome, keeps them, and sends them to the submitter.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void settle(SubmissionId id) {
        Submission s = em.find(Submission.class, id.toString(), LockModeType.PESSIMISTIC_WRITE);
        if (s == null || s.state() != SubmissionState.ARRIVING) {
            return;
        }
        List<SubmissionItem> items = ledger.items(s);
        if (items.stream().anyMatch(i -> i.state() == ItemState.PENDING)) {
            return;
        }
        OrgId self = organisations.self();
        String signer = organisations.key(self).orElseThrow().hex();
        Instant now = clock.instant();
        Map<String, SignedRecord> custody = new TreeMap<>();
        List<SubmissionMessages.ReceiptFile> files = new ArrayList<>();
        boolean complete = true;
        for (SubmissionItem i : items) {
            files.add(new SubmissionMessages.ReceiptFile(
                    i.fileRef(), i.sha256(), i.size(), i.outcome().orElse("missing")));
            if (i.state() != ItemState.VERIFIED) {
                complete = false;
                continue;
            }
            List<CustodyRecord> chain = ledger.records(i);
            String last = ledger.unseal(chain.get(chain.size() - 1).sealedRecord());
            custody.put(
                    i.fileRef(),
                    ledger.sign(
                            i,
                            chain.size() + 1,
                            Sha256.hex(last),
                            id,
                            CustodyEvent.RECEIVED,
                            self,
                            i.verifiedAt().orElse(now),
                            Optional.empty()));
        }
        String receipt = SubmissionMessages.receipt(id, s.submitter(), self, signer, now, files);
        byte[] signature = signatures.sign(receipt.getBytes(StandardCharsets.UTF_8));
        s.receipt(receipt.getBytes(StandardCharsets.UTF_8), signature, signer, complete, now);
        messages.sendTo(
                new Draft(
                        SubmissionMessages.RECEIPT_TYPE,
                        "Receipt",
                        SubmissionMessages.write(
                                new SubmissionMessages.ReceiptWire(receipt, signature, signer, custody)),
                        "normal",
                        Submissions.ENVELOPE_LIFETIME),
                Set.of(s.submitter()),
                Submissions.marking(s.submitter())); // for the submitter alone

        int joined = ledger.joinContribution(s);
        if (joined > 0) {
            audit.record(
                    AuditLog.NODE,
                    "submission.contribution.joined",
                    s.jointOf().orElseThrow().toString(),
                    null,
                    "ok",
                    joined + " item(s) of organisation " + s.submitter() + " from contribution " + id);
        }
        boolean all = complete;
        audit.record(
                AuditLog.NODE,
                "submission.receipt.sent",
                id.toString(),
                null,
                all ? "ok" : "refused",
                files.size() + " file(s) to organisation " + s.submitter());
        LOG.info(() -> "AMICUS-SUBMISSION-040 submission " + id + " "
                + (all ? "received whole" : "received with files" + " refused") + "; signed receipt sent to "
                + s.submitter());
    }

    /** Submissions with work left: being sent with files not queued, or arriving. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<SubmissionId> unfinished() {
        return em
                .createQuery(
                        "select s from Submission s where s.state in ('SENDING', 'ARRIVING') order by s.createdAt",
                        Submission.class)
                .setMaxResults(100)
                .getResultList()
                .stream()
                .map(Submission::id)
                .toList();
    }

    /** Direction of a submission with work left. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<SubmissionState> state(SubmissionId id) {
        return Optional.ofNullable(em.find(Submission.class, id.toString())).map(Submission::state);
    }
}
