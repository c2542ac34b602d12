package org.amicus.core.submission.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.amicus.core.audit.boundary.AuditLog;
import org.amicus.core.cooperation.boundary.CooperationRequests;
import org.amicus.core.cooperation.entity.RequestId;
import org.amicus.core.federation.boundary.Messages;
import org.amicus.core.federation.control.ContentVault;
import org.amicus.core.federation.control.Delivery;
import org.amicus.core.federation.control.Draft;
import org.amicus.core.federation.control.FileRef;
import org.amicus.core.federation.entity.Peer;
import org.amicus.core.identity.entity.Fingerprint;
import org.amicus.core.membership.entity.OrgId;
import org.amicus.core.organisation.boundary.Organisations;
import org.amicus.core.organisation.control.OrganisationSignatures;
import org.amicus.core.platform.control.Sha256;
import org.amicus.core.routing.control.MarkingJson;
import org.amicus.core.routing.entity.Conditions;
import org.amicus.core.routing.entity.Distribution;
import org.amicus.core.routing.entity.Marking;
import org.amicus.core.routing.entity.TlpLevel;
import org.amicus.core.submission.control.SubmissionMessages;
import org.amicus.core.submission.control.SubmissionMessages.CustodyEvent;
import org.amicus.core.submission.control.SubmissionMessages.ItemDetails;
import org.amicus.core.submission.control.SubmissionMessages.SignedRecord;
import org.amicus.core.submission.entity.CustodyRecord;
import org.amicus.core.submission.entity.Submission;
import org.amicus.core.submission.entity.SubmissionId;
import org.amicus.core.submission.entity.SubmissionItem;
import org.amicus.core.submission.entity.SubmissionState;
import org.amicus.core.submission.entity.UploadId;

/**
 * Submissions (docs/submissions.md): an organisation drafts a submission to one recipient (the requester of a
 * request it accepted, or any organisation it reaches, on its own initiative), adds items that each hold a complete
 * upload with its details, custody statement and sources, and sends it: one signed envelope with the items and their
 * custody chains, the files beside it as encrypted streams ({@link SubmissionTransfers}). The recipient opens every
 * file against the envelope's manifest, appends its own custody record and returns a signed receipt, which the
 * submitter verifies and keeps.
 */
@Stateless
public class Submissions {

    static final Duration ENVELOPE_LIFETIME = Duration.ofDays(60);

    private static final Logger LOG = Logger.getLogger(Submissions.class.getName());

    @PersistenceContext(unitName = "amicus")
    EntityManager em;

    @Inject
    Organisations organisations;

    @Inject
    Messages messages;

    @Inject
    CooperationRequests cooperation;

    @Inject
    Uploads uploads;

    @Inject
    ContentVault vault;

    @Inject
    OrganisationSignatures signatures;

    @Inject
    SubmissionTransfers transfers;

    @Inject
    SubmissionLedger ledger;

    @Inject
    org.amicus.core.submission.control.EvidenceStore store;

    @Inject
    Clock clock;

    @Inject
    AuditLog audit;

    @Resource
    SessionContext context;

    @Resource
    TransactionSynchronizationRegistry transactions;

    // ---- the submitting organisation

    /**
     * A new draft to {@code recipient}, or, in reply to {@code request}, to that request's requester. Nothing leaves
     * this node until {@link #send}.
     */
    public SubmissionView draft(SubmissionMessages.Text text, Optional<RequestId> request, Optional<OrgId> recipient) {
        OrgId to;
        if (request.isPresent()) {
            to = cooperation.replyTo(request.get());
            if (recipient.isPresent() && !recipient.get().equals(to)) {
                throw new InvalidSubmissionException(
                        "a submission in reply to request " + request.get() + " goes to its requester " + to);
            }
        } else {
            to = recipient.orElseThrow(() -> new InvalidSubmissionException(
                    "name the \"request\" this submission replies to, or its \"recipient\" organisation"));
        }
        requireReachable(to);
        Instant now = clock.instant();
        Submission s = Submission.draft(
                SubmissionId.random(),
                organisations.self(),
                to,
                request,
                ledger.seal(SubmissionMessages.write(text)),
                MarkingJson.toText(marking(to)),
                caller(),
                now);
        em.persist(s);
        audit.recordByCaller("submission.drafted", s.id().toString(), null, "ok", "to organisation " + to);
        return view(s);
    }

    /** Replaces a draft's title and description. */
    public SubmissionView redraft(SubmissionId id, SubmissionMessages.Text text) {
        Submission s = ownDraft(id);
        s.redraft(ledger.seal(SubmissionMessages.write(text)));
        return view(s);
    }

    /**
     * Adds an item holding the complete upload {@code upload}; its original name and media type are the upload's.
     *
     * @param details the item's details (its {@code originalName} and {@code mediaType} are replaced by the upload's)
     */
    public SubmissionView addItem(SubmissionId id, UploadId upload, ItemDetails details) {
        Submission s = ownDraft(id);
        Uploads.Complete complete = uploads.forItem(upload);
        List<SubmissionItem> items = ledger.items(s);
        if (items.size() >= SubmissionMessages.MAX_ITEMS) {
            throw new InvalidSubmissionException(
                    "a submission holds at most " + SubmissionMessages.MAX_ITEMS + " items");
        }
        if (items.stream().anyMatch(i -> i.upload().map(upload.value()::equals).orElse(false))) {
            throw new InvalidSubmissionException("upload " + upload + " is an item of this submission already");
        }
        ItemDetails full = new ItemDetails(
                details.title(),
                details.description(),
                complete.upload().name(),
                complete.upload().mediaType(),
                details.custody(),
                details.sources());
        int position = items.stream().mapToInt(SubmissionItem::position).max().orElse(0) + 1;
        SubmissionItem item = SubmissionItem.ofUpload(
                id,
                position,
                ledger.seal(SubmissionMessages.write(full)),
                upload.value(),
                complete.file(),
                complete.upload().sha256().orElseThrow());
        em.persist(item);
        audit.recordByCaller(
                "submission.item.added",
                id.toString(),
                null,
                "ok",
                "item f" + position + ": upload " + upload + ", SHA-256 " + item.sha256());
        return view(s);
    }

    /** Removes an item from a draft (the upload stays). */
    public SubmissionView removeItem(SubmissionId id, String file) {
        Submission s = ownDraft(id);
        SubmissionItem item = ledger.items(s).stream()
                .filter(i -> i.fileRef().equals(file))
                .findFirst()
                .orElseThrow(() -> new InvalidSubmissionException("the draft has no item " + file));
        em.remove(item);
        return view(s);
    }

    /**
     * Sends a draft: signs each file's custody record of intake and of sending, seals one envelope with the items and
     * the files' manifest to the recipient, and, once that has committed, queues the files beside it one by one.
     */
    public SubmissionView send(SubmissionId id) {
        Submission s = ownDraft(id);
        List<SubmissionItem> items = ledger.items(s);
        if (items.isEmpty()) {
            throw new InvalidSubmissionException("a submission needs at least one item with a file");
        }
        OrgId to = s.recipient();
        if (s.request().isPresent()) {
            cooperation.replyTo(s.request().get()); // still accepted, not withdrawn, before its deadline
        }
        requireDirectPeer(to);
        Instant now = clock.instant();
        OrgId self = organisations.self();
        SubmissionMessages.Text text = SubmissionMessages.readText(ledger.unseal(s.sealedContent()));
        List<SubmissionMessages.Item> wireItems = new ArrayList<>();
        List<FileRef> manifest = new ArrayList<>();
        for (SubmissionItem i : items) {
            ItemDetails details = SubmissionMessages.readDetails(ledger.unseal(i.sealedContent()));
            Instant intakeAt = i.upload()
                    .map(u -> uploads.get(new UploadId(u)).completedAt().orElse(now))
                    .orElse(now);
            SignedRecord intake = ledger.sign(
                    i,
                    1,
                    SubmissionMessages.GENESIS,
                    s.id(),
                    CustodyEvent.INTAKE,
                    self,
                    intakeAt,
                    Optional.of(details));
            SignedRecord sent = ledger.sign(
                    i, 2, Sha256.hex(intake.text()), s.id(), CustodyEvent.SENT, self, now, Optional.empty());
            wireItems.add(
                    new SubmissionMessages.Item(i.fileRef(), i.sha256(), i.size(), details, List.of(intake, sent)));
            manifest.add(new FileRef(i.fileRef(), details.originalName(), details.mediaType(), i.size(), i.sha256()));
        }
        String body = SubmissionMessages.write(
                new SubmissionMessages.Wire(s.id(), s.request(), self, to, text, now, wireItems));
        Marking marking = MarkingJson.parse(s.marking());
        var sentView = messages.sendTo(
                new Draft(SubmissionMessages.SUBMISSION_TYPE, text.title(), body, "normal", ENVELOPE_LIFETIME)
                        .withFiles(manifest),
                Set.of(to),
                marking);
        s.sending(sentView.envelopeId(), now);
        afterCommit(() -> transfers.shipAll(s.id()));
        long bytes = items.stream().mapToLong(SubmissionItem::size).sum();
        audit.recordByCaller(
                "submission.sent",
                id.toString(),
                marking.code(),
                "ok",
                "to organisation " + to + ": " + items.size() + " file(s), " + bytes + " bytes");
        LOG.info(() -> "AMICUS-SUBMISSION-030 submission " + id + " sent to " + to + ": " + items.size() + " file(s), "
                + bytes + " bytes");
        return view(s);
    }

    public List<SubmissionView> list() {
        return em
                .createQuery("select s from Submission s order by s.createdAt desc", Submission.class)
                .setMaxResults(500)
                .getResultList()
                .stream()
                .map(this::view)
                .toList();
    }

    public SubmissionView get(SubmissionId id) {
        return view(find(id));
    }

    /**
     * The custody chain of every file of a submission as this node holds it: the exact signed records, their
     * signatures and signers, each checked here against the signer's key and the chain (docs/submissions.md).
     */
    public CustodyReport custody(SubmissionId id) {
        Submission s = find(id);
        List<CustodyReport.FileChain> files = new ArrayList<>();
        for (SubmissionItem i : ledger.items(s)) {
            List<CustodyReport.Entry> entries = new ArrayList<>();
            String prev = SubmissionMessages.GENESIS;
            for (CustodyRecord r : ledger.records(i)) {
                String text = ledger.unseal(r.sealedRecord());
                boolean signed = signatures.verify(
                        text.getBytes(StandardCharsets.UTF_8), r.signature(), Fingerprint.parse(r.signer()));
                SubmissionMessages.RecordFacts facts = SubmissionMessages.readRecord(text);
                boolean linked = facts.prev().equals(prev)
                        && facts.sha256().equals(i.sha256())
                        && facts.size() == i.size()
                        && facts.submission().equals(s.id().toString());
                entries.add(new CustodyReport.Entry(
                        text, Base64.getEncoder().encodeToString(r.signature()), r.signer(), signed && linked));
                prev = Sha256.hex(text);
            }
            files.add(new CustodyReport.FileChain(i.fileRef(), i.sha256(), i.size(), entries));
        }
        return new CustodyReport(
                s.id().toString(), s.submitter().toString(), s.recipient().toString(), files);
    }

    /** One file's check: whether the kept file still has the SHA-256 the submission names. */
    public record FileCheck(String file, String sha256, boolean intact, String detail) {}

    /**
     * Reads every file this node keeps for a submission again and compares it with the SHA-256 the submission names
     * (the submitter's at intake): an alteration of the encrypted file on disk is reported, never repaired.
     */
    public List<FileCheck> verify(SubmissionId id) {
        Submission s = find(id);
        List<FileCheck> checks = new ArrayList<>();
        for (SubmissionItem i : ledger.items(s)) {
            if (i.file().isEmpty()) {
                checks.add(new FileCheck(
                        i.fileRef(),
                        i.sha256(),
                        false,
                        "this node holds no copy of the file (" + i.state().wireName() + ")"));
                continue;
            }
            boolean intact;
            String detail;
            try {
                String now = store.rehash(i.file().get());
                intact = now.equals(i.sha256());
                detail = intact ? "the file has the SHA-256 the submission names" : "the file now has SHA-256 " + now;
            } catch (java.io.IOException e) {
                intact = false;
                detail = "the file was altered: " + e.getMessage();
            }
            checks.add(new FileCheck(i.fileRef(), i.sha256(), intact, detail));
            if (!intact) {
                String d = detail;
                LOG.severe(() -> "AMICUS-SUBMISSION-041 file " + i.fileRef() + " of submission " + id
                        + " is not as received: " + d);
            }
        }
        audit.recordByCaller(
                "submission.verified",
                id.toString(),
                null,
                checks.stream().allMatch(FileCheck::intact) ? "ok" : "altered",
                checks.size() + " file(s) read again");
        return checks;
    }

    // ---- what arrives from other nodes

    /**
     * A submission or receipt that arrived (after the receiving checks and the marking's entitlement): empty if it
     * was recorded, otherwise the kind of refusal, with nothing stored.
     */
    public Optional<String> admit(Delivery d) {
        return switch (d.content().type()) {
            case SubmissionMessages.SUBMISSION_TYPE -> admitSubmission(d);
            case SubmissionMessages.RECEIPT_TYPE -> admitReceipt(d);
            default -> Optional.of("submission-invalid");
        };
    }

    private Optional<String> admitSubmission(Delivery d) {
        OrgId sender = Organisations.of(d.fromNode());
        OrgId self = organisations.self();
        SubmissionMessages.Wire w;
        try {
            w = SubmissionMessages.readWire(d.content().body());
        } catch (RuntimeException e) {
            return Optional.of("submission-invalid");
        }
        if (!w.submitter().equals(sender)
                || !w.recipient().equals(self)
                || !manifestMatches(w, d.content().files())) {
            return Optional.of("submission-invalid");
        }
        if (em.find(Submission.class, w.id().toString()) != null) {
            return Optional.of("submission-known");
        }
        if (w.request().isPresent() && !cooperation.askedOf(w.request().get(), sender)) {
            return Optional.of("submission-request-unknown");
        }
        for (SubmissionMessages.Item item : w.items()) {
            if (!chainHolds(item.custody(), w.id(), item, d.sender(), sender, CustodyEvent.SENT)) {
                LOG.warning("AMICUS-SUBMISSION-031 submission " + w.id() + " from " + sender
                        + " refused: the custody chain of " + item.file() + " does not verify");
                return Optional.of("submission-custody-invalid");
            }
        }
        Instant now = clock.instant();
        Submission s = Submission.received(
                w.id(),
                sender,
                self,
                w.request(),
                ledger.seal(SubmissionMessages.write(w.text())),
                d.content().marking(),
                d.id(),
                w.sentAt(),
                now);
        em.persist(s);
        em.flush(); // the submission before its items, and they before their records
        for (SubmissionMessages.Item item : w.items()) {
            SubmissionItem i = SubmissionItem.expected(
                    w.id(),
                    Integer.parseInt(item.file().substring(1)),
                    ledger.seal(SubmissionMessages.write(item.details())),
                    item.size(),
                    item.sha256());
            em.persist(i);
            em.flush();
            int seq = 1;
            for (SignedRecord r : item.custody()) {
                em.persist(new CustodyRecord(i.id(), seq++, ledger.seal(r.text()), r.signature(), r.signer()));
            }
        }
        afterCommit(() -> transfers.ingestAll(w.id()));
        audit.record(
                AuditLog.peer(d.fromNode()),
                "submission.received",
                w.id().toString(),
                null,
                "ok",
                "from organisation " + sender + ": " + w.items().size() + " file(s) announced");
        LOG.info(() -> "AMICUS-SUBMISSION-032 submission " + w.id() + " from " + sender + " announced "
                + w.items().size() + " file(s)");
        return Optional.empty();
    }

    private Optional<String> admitReceipt(Delivery d) {
        OrgId sender = Organisations.of(d.fromNode());
        SubmissionMessages.ReceiptWire r;
        SubmissionMessages.ReceiptFacts facts;
        try {
            r = SubmissionMessages.readReceiptWire(d.content().body());
            facts = SubmissionMessages.readReceipt(r.receipt());
        } catch (RuntimeException e) {
            return Optional.of("submission-receipt-invalid");
        }
        Submission s = em.find(Submission.class, facts.submission());
        if (s == null
                || s.direction() != Submission.Direction.OUT
                || !s.recipient().equals(sender)
                || !facts.recipient().equals(sender.toString())
                || !facts.submitter().equals(organisations.self().toString())
                || !r.signer().equals(d.sender().hex())
                || !facts.signer().equals(r.signer())) {
            return Optional.of("submission-receipt-invalid");
        }
        if (s.state() == SubmissionState.RECEIVED || s.state() == SubmissionState.REFUSED) {
            return Optional.empty(); // a second copy: the first is kept
        }
        if (!signatures.verify(r.receipt().getBytes(StandardCharsets.UTF_8), r.signature(), d.sender())) {
            LOG.warning("AMICUS-SUBMISSION-033 receipt for submission " + s.id() + " refused: bad signature");
            return Optional.of("submission-receipt-invalid");
        }
        List<SubmissionItem> items = ledger.items(s);
        Map<String, SubmissionMessages.ReceiptFile> byFile = new HashMap<>();
        facts.files().forEach(f -> byFile.put(f.file(), f));
        if (byFile.size() != items.size()) {
            return Optional.of("submission-receipt-invalid");
        }
        boolean complete = true;
        for (SubmissionItem i : items) {
            SubmissionMessages.ReceiptFile f = byFile.get(i.fileRef());
            if (f == null || !f.sha256().equals(i.sha256()) || f.size() != i.size()) {
                return Optional.of("submission-receipt-invalid");
            }
            complete &= "verified".equals(f.outcome());
        }
        Instant now = clock.instant();
        for (SubmissionItem i : items) {
            SignedRecord received = r.custody().get(i.fileRef());
            if (received == null) {
                continue; // refused files have no record of custody taken
            }
            List<CustodyRecord> chain = ledger.records(i);
            List<SignedRecord> all = new ArrayList<>();
            chain.forEach(c -> all.add(new SignedRecord(ledger.unseal(c.sealedRecord()), c.signature(), c.signer())));
            all.add(received);
            SubmissionMessages.Item asItem = new SubmissionMessages.Item(i.fileRef(), i.sha256(), i.size(), null, all);
            if (!chainHolds(all, s.id(), asItem, d.sender(), sender, CustodyEvent.RECEIVED)) {
                return Optional.of("submission-receipt-invalid");
            }
            em.persist(new CustodyRecord(
                    i.id(), chain.size() + 1, ledger.seal(received.text()), received.signature(), received.signer()));
        }
        s.receipt(r.receipt().getBytes(StandardCharsets.UTF_8), r.signature(), r.signer(), complete, now);
        audit.record(
                AuditLog.peer(d.fromNode()),
                "submission.receipt",
                s.id().toString(),
                null,
                complete ? "ok" : "refused",
                "signed receipt from organisation " + sender
                        + (complete ? ": every file verified" : ": files refused"));
        LOG.info(() -> "AMICUS-SUBMISSION-034 receipt for submission " + s.id() + " from " + sender + " verified");
        return Optional.empty();
    }

    /**
     * Whether {@code chain} is a file's custody chain from its intake to {@code last}, each record linked to the one
     * before, naming this submission, file, SHA-256 and size, the last one signed by {@code signer} for
     * {@code organisation} and every record whose signer this node knows verifying.
     */
    private boolean chainHolds(
            List<SignedRecord> chain,
            SubmissionId submission,
            SubmissionMessages.Item item,
            Fingerprint signer,
            OrgId organisation,
            CustodyEvent last) {
        if (chain.isEmpty() || chain.size() > 100) {
            return false;
        }
        String prev = SubmissionMessages.GENESIS;
        for (int n = 0; n < chain.size(); n++) {
            SignedRecord r = chain.get(n);
            SubmissionMessages.RecordFacts f;
            try {
                f = SubmissionMessages.readRecord(r.text());
            } catch (RuntimeException e) {
                return false;
            }
            boolean linked = f.seq() == n + 1
                    && f.prev().equals(prev)
                    && f.submission().equals(submission.toString())
                    && f.file().equals(item.file())
                    && f.sha256().equals(item.sha256())
                    && f.size() == item.size()
                    && f.signer().equals(r.signer());
            if (!linked || (n == 0 && !CustodyEvent.INTAKE.wireName().equals(f.event()))) {
                return false;
            }
            if (!signatures.verify(
                    r.text().getBytes(StandardCharsets.UTF_8), r.signature(), Fingerprint.parse(r.signer()))) {
                return false;
            }
            prev = Sha256.hex(r.text());
        }
        SubmissionMessages.RecordFacts lastFacts =
                SubmissionMessages.readRecord(chain.get(chain.size() - 1).text());
        return lastFacts.event().equals(last.wireName())
                && lastFacts.signer().equals(signer.hex())
                && lastFacts.organisation().equals(organisation.toString());
    }

    private static boolean manifestMatches(SubmissionMessages.Wire w, List<FileRef> manifest) {
        if (manifest.size() != w.items().size()) {
            return false;
        }
        for (int n = 0; n < manifest.size(); n++) {
            FileRef f = manifest.get(n);
            SubmissionMessages.Item i = w.items().get(n);
            if (!f.id().equals(i.file()) || !f.sha256().equals(i.sha256()) || f.size() != i.size()) {
                return false;
            }
        }
        return w.items().stream().map(SubmissionMessages.Item::file).distinct().count() == manifest.size();
    }

    /** A submission goes to exactly its recipient, TLP:AMBER+STRICT: no one else in its organisation's coalitions. */
    static Marking marking(OrgId recipient) {
        return new Marking(
                TlpLevel.AMBER_STRICT,
                new Distribution.NamedOrganisations(Set.of(recipient)),
                Set.of(),
                Conditions.NONE);
    }

    private void requireReachable(OrgId to) {
        if (to.equals(organisations.self())) {
            throw new InvalidSubmissionException("a submission goes to another organisation");
        }
        if (!organisations.reachable(to)) {
            throw new InvalidSubmissionException("organisation " + to + " is not reachable from this node");
        }
    }

    /** Files go over a direct link (a relay would have to hold gigabytes of someone else's files). */
    private void requireDirectPeer(OrgId to) {
        Peer peer = em.find(Peer.class, Organisations.nodeOf(to).toString());
        if (peer == null || !peer.acceptsEnvelopes()) {
            throw new SubmissionStateException("organisation " + to + " is not a peer of this node; nothing was sent");
        }
        if (!peer.direct()) {
            throw new SubmissionStateException("organisation " + to + " is reached through a relay (" + peer.nextHop()
                    + "); files go only over a direct link. Link the two nodes directly, then send");
        }
    }

    private void afterCommit(Runnable action) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    action.run();
                }
            }
        });
    }

    Submission find(SubmissionId id) {
        Submission s = em.find(Submission.class, id.toString());
        if (s == null) {
            throw new SubmissionNotFoundException(id.toString());
        }
        return s;
    }

    private Submission ownDraft(SubmissionId id) {
        Submission s = find(id);
        if (s.direction() != Submission.Direction.OUT) {
            throw new SubmissionStateException("submission " + id + " was received by this organisation; only its"
                    + " submitter changes or sends it");
        }
        if (s.state() != SubmissionState.DRAFT) {
            throw new SubmissionStateException(
                    "submission " + id + " is " + s.state().wireName() + "; only a draft is changed or sent");
        }
        return s;
    }

    SubmissionView view(Submission s) {
        SubmissionMessages.Text text = SubmissionMessages.readText(ledger.unseal(s.sealedContent()));
        List<SubmissionView.ItemView> items = ledger.items(s).stream()
                .map(i -> new SubmissionView.ItemView(
                        i.fileRef(),
                        SubmissionMessages.readDetails(ledger.unseal(i.sealedContent())),
                        i.sha256(),
                        i.size(),
                        i.state().wireName(),
                        i.outcome(),
                        i.upload().map(Object::toString)))
                .toList();
        Optional<SubmissionView.ReceiptView> receipt = s.receiptText().map(t -> {
            byte[] sig = s.receiptSignature().orElseThrow();
            String signer = s.receiptSigner().orElseThrow();
            return new SubmissionView.ReceiptView(
                    new String(t, StandardCharsets.UTF_8),
                    Base64.getEncoder().encodeToString(sig),
                    signer,
                    signatures.verify(t, sig, Fingerprint.parse(signer)));
        });
        return new SubmissionView(
                s.id().toString(),
                s.direction() == Submission.Direction.OUT ? "sent" : "received",
                s.submitter().toString(),
                s.recipient().toString(),
                s.request().map(Object::toString),
                s.state().wireName(),
                text.title(),
                text.description(),
                s.createdAt(),
                s.sentAt(),
                s.receivedAt(),
                items,
                receipt);
    }

    private String caller() {
        return org.amicus.core.membership.entity.Caller.nameOf(context.getCallerPrincipal());
    }
}
