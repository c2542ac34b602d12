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
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
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

    /** Items being shipped or opened on this node right now (one worker each), with the worker's claim. */
    private static final Map<UUID, UUID> BUSY = new ConcurrentHashMap<>();

    /** Takes an item for one worker: its claim, or empty if another worker has the item. */
    static Optional<UUID> claim(UUID item) {
        UUID claim = UUID.randomUUID();
        return BUSY.putIfAbsent(item, claim) == null ? Optional.of(claim) : Optional.empty();
    }

    /** Gives an item back, if {@code claim} still holds it (a claim given back once is not given back again). */
    static void release(UUID item, UUID claim) {
        BUSY.remove(item, claim);
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
            Optional<UUID> claim = claim(item);
            if (claim.isEmpty()) {
                continue;
            }
            try {
                shipFile(self, item);
            } catch (FileAlteredException e) {
                self.markAltered(item); // never sent whole, never tried again; the other files go on
            } catch (IOException | RuntimeException e) {
                LOG.warning("AMICUS-SUBMISSION-035 a file of submission " + id + " could not be queued; it is tried"
                        + " again later: " + Failures.rootMessage(e));
                return;
            } finally {
                release(item, claim.get());
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

    /**
     * Queues an item's file part by part (federation.md §3.8), each part in a transaction of its own, carrying the
     * SHA-256 of what was read on over the parts (after a restart, over the parts queued before it, read again) and
     * comparing it with the intake hash before the last part commits.
     */
    private void shipFile(SubmissionTransfers self, UUID itemId) throws IOException {
        Optional<SubmissionItem> ready = self.readyItem(itemId);
        if (ready.isEmpty()) {
            return;
        }
        SubmissionItem i = ready.get();
        StoredFile file = i.file().orElseThrow();
        int parts = FileTransport.parts(i.size());
        MessageDigest sha256 = Sha256.digest();
        if (i.partsDone() > 0) {
            try (InputStream queued = store.open(file, 0, i.partsDone() * FileTransport.PART_BYTES)) {
                Sha256.update(sha256, queued);
            } catch (IOException e) {
                if (e instanceof EvidenceAlteredException) {
                    throw new FileAlteredException();
                }
                throw e;
            }
        }
        for (int part = i.partsDone(); part < parts; part++) {
            MessageDigest before = Sha256.copy(sha256);
            try {
                self.shipPart(itemId, part, sha256);
            } catch (RuntimeException e) {
                sha256 = before; // what was read of this part is rolled back with it
                throw e;
            }
        }
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<SubmissionItem> readyItem(UUID itemId) {
        SubmissionItem i = em.find(SubmissionItem.class, itemId.toString());
        return i == null || i.state() != ItemState.READY ? Optional.empty() : Optional.of(i);
    }

    /**
     * Queues part {@code part} of an item's file; the large message and the item's progress commit together. The last
     * part is not queued unless the file read had its SHA-256 at intake.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void shipPart(UUID itemId, int part, MessageDigest sha256) {
        SubmissionItem i = em.find(SubmissionItem.class, itemId.toString(), LockModeType.PESSIMISTIC_WRITE);
        if (i == null || i.state() != ItemState.READY || i.partsDone() != part) {
            throw new SubmissionStateException("the file of item " + itemId + " is no longer being queued");
        }
        Submission s = em.find(Submission.class, i.submission().toString());
        NodeId node = Organisations.nodeOf(s.recipient());
        Peer peer = em.find(Peer.class, node.toString());
        if (peer == null || !peer.acceptsEnvelopes()) {
            throw new SubmissionStateException("organisation " + s.recipient() + " is no longer a peer");
        }
        Instant now = clock.instant();
        int parts = FileTransport.parts(i.size());
        boolean last = part == parts - 1;
        try (InputStream plaintext = store.open(
                i.file().orElseThrow(), part * FileTransport.PART_BYTES, FileTransport.partBytes(i.size(), part))) {
            transport.ship(
                    peer.nextHop(),
                    Organisations.nodeOf(s.submitter()),
                    new Addressee(node, peer.fingerprint()),
                    s.envelope().orElseThrow(),
                    i.fileRef(),
                    part,
                    parts,
                    plaintext,
                    sha256,
                    s.sentAt().orElse(now).plus(Submissions.ENVELOPE_LIFETIME));
        } catch (IOException | RuntimeException e) {
            if (Failures.causedBy(e, EvidenceAlteredException.class)) {
                throw new FileAlteredException(); // a kept file that fails its check does not heal by trying again
            }
            throw e instanceof IOException io ? new java.io.UncheckedIOException(io) : (RuntimeException) e;
        }
        if (last && !Sha256.hex(Sha256.copy(sha256)).equals(i.sha256())) {
            throw new FileAlteredException(); // rolls back the last part: the file never arrives whole
        }
        i.partShipped(part, last, now);
        if (last) {
            audit.record(
                    AuditLog.NODE,
                    "submission.file.queued",
                    s.id().toString(),
                    null,
                    "ok",
                    i.fileRef() + ": " + i.size() + " bytes in " + parts + " part(s) for node " + node);
        }
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
            Optional<UUID> claim = claim(item);
            if (claim.isEmpty()) {
                continue;
            }
            try {
                self.ingestOne(item, arriving.get());
            } finally {
                release(item, claim.get());
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

    /**
     * Opens the parts of an item's file that wait in the incoming directory, in order, each into the evidence store
     * outside any transaction, recording each in a short one; stops at the first part not there yet.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void ingestOne(UUID itemId, Arriving arriving) {
        SubmissionTransfers self = context.getBusinessObject(SubmissionTransfers.class);
        while (true) {
            Optional<SubmissionItem> pending = self.pendingItem(itemId);
            if (pending.isEmpty()) {
                return;
            }
            SubmissionItem i = pending.get();
            int part = i.partsDone();
            if (!transport.arrived(arriving.envelope(), i.fileRef(), part, arriving.from())) {
                return;
            }
            StoredFile into = receiving(i);
            StoredFile stored;
            try {
                stored = transport.open(
                        arriving.envelope(),
                        i.fileRef(),
                        part,
                        arriving.from(),
                        FileTransport.partBytes(i.size(), part),
                        into);
            } catch (FileTransport.FileRefusedException e) {
                LOG.warning("AMICUS-SUBMISSION-038 file " + i.fileRef() + " of submission " + i.submission()
                        + " refused: " + e.kind());
                self.refuse(itemId, e.kind());
                return;
            } catch (IOException e) {
                LOG.warning("AMICUS-SUBMISSION-039 file " + i.fileRef() + " of submission " + i.submission()
                        + " could not be opened now; it is tried again later: " + e.getMessage());
                return;
            }
            try {
                self.partOpened(itemId, part, stored);
            } catch (RuntimeException e) {
                if (into.segments() == 0) {
                    store.delete(stored.id()); // nothing half-kept
                }
                throw e;
            }
        }
    }

    /** The file part {@link SubmissionItem#partsDone()} of a pending item is to be appended to. */
    public StoredFile receiving(SubmissionItem i) {
        return i.partial(i.partsDone() * FileTransport.PART_BYTES)
                .orElseGet(() -> new StoredFile(UUID.randomUUID(), store.newKey(), 0, 0, 0));
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<SubmissionItem> pendingItem(UUID itemId) {
        SubmissionItem i = em.find(SubmissionItem.class, itemId.toString());
        return i == null || i.state() != ItemState.PENDING ? Optional.empty() : Optional.of(i);
    }

    /**
     * Part {@code part} of a pending item's file was opened into {@code stored}: recorded; after the last part the
     * whole file is checked against the manifest (size and SHA-256) and the item verified, or refused and its file
     * removed.
     *
     * @throws IllegalStateException if the item is not waiting for that part (nothing recorded)
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void partOpened(UUID itemId, int part, StoredFile stored) {
        SubmissionItem i = em.find(SubmissionItem.class, itemId.toString(), LockModeType.PESSIMISTIC_WRITE);
        if (i == null || i.state() != ItemState.PENDING || i.partsDone() != part) {
            throw new IllegalStateException("the file of item " + itemId + " is not waiting for part " + part);
        }
        i.partOpened(part, stored);
        if (part < FileTransport.parts(i.size()) - 1) {
            return;
        }
        String sha256;
        try {
            sha256 = store.sha256(stored);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (stored.plainLength() != i.size() || !sha256.equals(i.sha256())) {
            LOG.warning("AMICUS-SUBMISSION-049 file " + i.fileRef() + " of submission " + i.submission()
                    + " arrived whole but is not the one the manifest names; refused");
            refused(i, "header-mismatch"); // and what was received of it removed
            return;
        }
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
            refused(i, kind);
        }
    }

    /** Refuses a pending item's file; the parts received of it are removed once that commits. */
    private void refused(SubmissionItem i, String kind) {
        i.refused(kind, clock.instant()).ifPresent(partial -> ledger.afterCommit(() -> store.delete(partial)));
        audit.record(AuditLog.NODE, "submission.file.refused", i.submission().toString(), null, kind, i.fileRef());
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
