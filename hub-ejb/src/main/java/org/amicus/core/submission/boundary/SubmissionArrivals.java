package org.amicus.core.submission.boundary;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.amicus.core.audit.boundary.AuditLog;
import org.amicus.core.coalition.boundary.Coalitions;
import org.amicus.core.coalition.entity.CoalitionId;
import org.amicus.core.cooperation.boundary.CooperationRequests;
import org.amicus.core.federation.boundary.Messages;
import org.amicus.core.federation.control.Delivery;
import org.amicus.core.federation.control.Draft;
import org.amicus.core.federation.control.FileRef;
import org.amicus.core.identity.entity.Fingerprint;
import org.amicus.core.membership.entity.OrgId;
import org.amicus.core.organisation.boundary.Organisations;
import org.amicus.core.organisation.control.OrganisationSignatures;
import org.amicus.core.routing.control.MarkingJson;
import org.amicus.core.submission.control.CustodyChain;
import org.amicus.core.submission.control.SubmissionMessages;
import org.amicus.core.submission.control.SubmissionMessages.CustodyEvent;
import org.amicus.core.submission.control.SubmissionMessages.SignedRecord;
import org.amicus.core.submission.entity.ConsentUse;
import org.amicus.core.submission.entity.CustodyRecord;
import org.amicus.core.submission.entity.ItemState;
import org.amicus.core.submission.entity.Submission;
import org.amicus.core.submission.entity.SubmissionFeedback;
import org.amicus.core.submission.entity.SubmissionId;
import org.amicus.core.submission.entity.SubmissionItem;
import org.amicus.core.submission.entity.SubmissionState;

/**
 * What other nodes send about submissions (federation.md §3.8), after the receiving checks and the marking's
 * entitlement: a submission (its custody chains checked before anything is stored; its files opened when they are
 * there), a receipt (checked against the recipient's key and the submission's files), feedback, a consent withdrawal
 * (passed on wherever this node passed the item on), a joint draft shared by its lead. Each answer is empty if it was
 * recorded, otherwise the kind of refusal, with nothing stored.
 */
@Stateless
public class SubmissionArrivals {

    private static final Logger LOG = Logger.getLogger(SubmissionArrivals.class.getName());

    @PersistenceContext(unitName = "amicus")
    EntityManager em;

    @Inject
    Organisations organisations;

    @Inject
    Messages messages;

    @Inject
    CooperationRequests cooperation;

    @Inject
    Coalitions coalitions;

    @Inject
    org.amicus.core.identity.boundary.KeyDirectory keys;

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

    /**
     * A submission or receipt that arrived (after the receiving checks and the marking's entitlement): empty if it
     * was recorded, otherwise the kind of refusal, with nothing stored.
     */
    public Optional<String> admit(Delivery d) {
        return switch (d.content().type()) {
            case SubmissionMessages.SUBMISSION_TYPE -> admitSubmission(d);
            case SubmissionMessages.RECEIPT_TYPE -> admitReceipt(d);
            case SubmissionMessages.FEEDBACK_TYPE -> admitFeedback(d);
            case SubmissionMessages.WITHDRAWAL_TYPE -> admitWithdrawal(d);
            case SubmissionMessages.JOINT_TYPE -> admitJoint(d);
            case SubmissionMessages.RECEIPT_FORWARD_TYPE -> admitForwardedReceipt(d);
            case SubmissionMessages.HELD_BACK_TYPE -> admitHeldBack(d);
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
        if (w.joint().isPresent()) {
            // a partner's contribution: to a joint draft this organisation leads, from an active member of its
            // coalition, each item naming the partner or no one
            Submission joint = em.find(Submission.class, w.joint().get().toString());
            if (joint == null
                    || joint.direction() != Submission.Direction.OUT
                    || joint.coalition().isEmpty()
                    || joint.state() != SubmissionState.DRAFT
                    || !coalitions
                            .roster(CoalitionId.parse(joint.coalition().get()))
                            .map(r -> r.activeMembers().contains(sender))
                            .orElse(false)
                    || w.items().stream()
                            .anyMatch(i ->
                                    i.contributor().map(c -> !c.equals(sender)).orElse(false))) {
                return Optional.of("submission-joint-unknown");
            }
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
        w.joint()
                .ifPresent(j -> s.contributionTo(
                        j, w.items().stream().allMatch(i -> i.contributor().isPresent())));
        em.persist(s);
        em.flush(); // the submission before its items, and they before their records
        for (SubmissionMessages.Item item : w.items()) {
            SubmissionItem i = SubmissionItem.expected(
                    w.id(),
                    Integer.parseInt(item.file().substring(1)),
                    ledger.seal(SubmissionMessages.write(item.details())),
                    item.size(),
                    item.sha256());
            item.contributor().ifPresent(i::contributedBy);
            em.persist(i);
            em.flush();
            int seq = 1;
            for (SignedRecord r : item.custody()) {
                em.persist(new CustodyRecord(i.id(), seq++, ledger.seal(r.text()), r.signature(), r.signer()));
            }
        }
        ledger.afterCommit(() -> transfers.ingestAll(w.id()));
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
        forwardToContributors(s, r, now);
        return Optional.empty();
    }

    /**
     * A joint submission's receipt goes on to every partner that contributed to it, as its recipient signed it: each
     * partner keeps it as proof that its files reached the recipient intact, whether or not it was named there.
     */
    private void forwardToContributors(Submission joint, SubmissionMessages.ReceiptWire r, Instant now) {
        List<Submission> contributions = em.createQuery(
                        "select c from Submission c where c.jointOf = :j and c.direction = :in order by c.createdAt",
                        Submission.class)
                .setParameter("j", joint.id().toString())
                .setParameter("in", Submission.Direction.IN.name())
                .getResultList();
        for (Submission c : contributions) {
            if (!organisations.reachable(c.submitter())) {
                LOG.warning("AMICUS-SUBMISSION-043 the receipt of joint submission " + joint.id()
                        + " cannot go on to contributor " + c.submitter() + ": no longer a peer");
                continue;
            }
            messages.sendTo(
                    new Draft(
                            SubmissionMessages.RECEIPT_FORWARD_TYPE,
                            "Receipt of the joint submission",
                            SubmissionMessages.write(new SubmissionMessages.ForwardedReceipt(
                                    c.id(), r.receipt(), r.signature(), r.signer())),
                            "normal",
                            Submissions.ENVELOPE_LIFETIME),
                    Set.of(c.submitter()),
                    Submissions.marking(c.submitter()));
            audit.record(
                    AuditLog.NODE,
                    "submission.receipt.forwarded",
                    joint.id().toString(),
                    null,
                    "ok",
                    "to contributor " + c.submitter() + " for its contribution " + c.id());
        }
    }

    /**
     * The lead of a joint submission passed on the receipt its recipient signed: kept with this organisation's
     * contribution if it is the receipt of the joint submission the contribution went into, it covers the contributed
     * files, and its signature verifies (or its signer's key is not known here: then it is kept unverified, and shown
     * verified once the key is imported).
     */
    private Optional<String> admitForwardedReceipt(Delivery d) {
        OrgId lead = Organisations.of(d.fromNode());
        SubmissionMessages.ForwardedReceipt f;
        SubmissionMessages.ReceiptFacts facts;
        Fingerprint signer;
        try {
            f = SubmissionMessages.readForwardedReceipt(d.content().body());
            facts = SubmissionMessages.readReceipt(f.receipt());
            signer = Fingerprint.parse(f.signer());
        } catch (RuntimeException e) {
            return Optional.of("submission-receipt-invalid");
        }
        Submission c = em.find(Submission.class, f.contribution().toString());
        if (c == null
                || c.direction() != Submission.Direction.OUT
                || c.jointOf().isEmpty()
                || !c.recipient().equals(lead)
                || !facts.submission().equals(c.jointOf().get().toString())
                || !facts.submitter().equals(lead.toString())
                || !facts.signer().equals(f.signer())) {
            return Optional.of("submission-receipt-invalid");
        }
        byte[] text = f.receipt().getBytes(StandardCharsets.UTF_8);
        if (keys.lookup(signer).isPresent() && !signatures.verify(text, f.signature(), signer)) {
            LOG.warning("AMICUS-SUBMISSION-044 forwarded receipt for contribution " + c.id() + " refused: bad"
                    + " signature");
            return Optional.of("submission-receipt-invalid");
        }
        List<SubmissionItem> items = ledger.items(c);
        boolean covered = items.stream()
                .allMatch(i ->
                        facts.files().stream().anyMatch(x -> x.sha256().equals(i.sha256()) && x.size() == i.size()));
        if (!covered) {
            return Optional.of("submission-receipt-invalid");
        }
        if (c.finalReceipt(text, f.signature(), f.signer(), clock.instant())) {
            audit.record(
                    AuditLog.peer(d.fromNode()),
                    "submission.receipt.final",
                    c.id().toString(),
                    null,
                    "ok",
                    "receipt of joint submission " + facts.submission() + " signed by " + f.signer()
                            + ", passed on by its lead " + lead);
            LOG.info(() -> "AMICUS-SUBMISSION-045 the receipt of joint submission " + facts.submission()
                    + " reached contribution " + c.id());
        }
        return Optional.empty();
    }

    /**
     * The submitter holds a file of a submission arriving here back (its kept copy was altered after intake): the file
     * is recorded as refused with that outcome, so the submission settles and its receipt names the file as held back
     * instead of waiting for it for ever. A notice for a file already settled changes nothing.
     */
    private Optional<String> admitHeldBack(Delivery d) {
        OrgId sender = Organisations.of(d.fromNode());
        SubmissionMessages.HeldBack h;
        try {
            h = SubmissionMessages.readHeldBack(d.content().body());
        } catch (RuntimeException e) {
            return Optional.of("submission-held-back-invalid");
        }
        Submission s = em.find(Submission.class, h.submission().toString());
        if (s == null
                || s.direction() != Submission.Direction.IN
                || !s.submitter().equals(sender)) {
            return Optional.of("submission-held-back-invalid");
        }
        Optional<SubmissionItem> item = ledger.items(s).stream()
                .filter(i -> i.fileRef().equals(h.file()) && i.sha256().equals(h.sha256()))
                .findFirst();
        if (item.isEmpty()) {
            return Optional.of("submission-held-back-invalid");
        }
        if (item.get().state() != ItemState.PENDING) {
            return Optional.empty(); // arrived and settled before the notice: what was found stands
        }
        item.get()
                .refused(SubmissionMessages.HELD_BACK_ALTERED, clock.instant())
                .ifPresent(partial -> ledger.afterCommit(() -> store.delete(partial))); // the parts received
        audit.record(
                AuditLog.peer(d.fromNode()),
                "submission.file.held-back",
                s.id().toString(),
                null,
                "refused",
                h.file() + ": the submitter holds it back, its copy was altered after intake");
        LOG.warning("AMICUS-SUBMISSION-047 file " + h.file() + " of submission " + s.id() + " will not come: its"
                + " submitter " + sender + " found its copy altered after intake");
        ledger.afterCommit(() -> transfers.ingestAll(s.id()));
        return Optional.empty();
    }

    private Optional<String> admitFeedback(Delivery d) {
        OrgId sender = Organisations.of(d.fromNode());
        SubmissionMessages.Feedback f;
        try {
            f = SubmissionMessages.readFeedback(d.content().body());
        } catch (RuntimeException e) {
            return Optional.of("submission-feedback-invalid");
        }
        Submission s = em.find(Submission.class, f.submission().toString());
        boolean fromOtherSide = s != null
                && (f.byRecipient()
                        ? s.direction() == Submission.Direction.OUT
                                && s.recipient().equals(sender)
                        : s.direction() == Submission.Direction.IN
                                && s.submitter().equals(sender));
        if (!fromOtherSide) {
            return Optional.of("submission-feedback-invalid");
        }
        if (em.find(SubmissionFeedback.class, f.id().toString()) == null) {
            em.persist(new SubmissionFeedback(
                    f.id(),
                    f.submission(),
                    f.kind(),
                    f.byRecipient(),
                    sender,
                    f.at(),
                    ledger.seal(SubmissionMessages.write(f)),
                    clock.instant()));
            audit.record(
                    AuditLog.peer(d.fromNode()),
                    "submission.feedback.received",
                    s.id().toString(),
                    null,
                    "ok",
                    f.kind().wireName() + " from organisation " + sender);
        }
        return Optional.empty();
    }

    private Optional<String> admitWithdrawal(Delivery d) {
        OrgId sender = Organisations.of(d.fromNode());
        SubmissionMessages.Withdrawal w;
        try {
            w = SubmissionMessages.readWithdrawal(d.content().body());
        } catch (RuntimeException e) {
            return Optional.of("consent-withdrawal-invalid");
        }
        Submission s = em.find(Submission.class, w.submission().toString());
        if (s == null
                || s.direction() != Submission.Direction.IN
                || !s.submitter().equals(sender)) {
            return Optional.of("consent-withdrawal-invalid");
        }
        Optional<SubmissionItem> item = ledger.items(s).stream()
                .filter(i -> i.fileRef().equals(w.file()))
                .findFirst();
        if (item.isEmpty() || !ledger.hasSource(item.get(), w.source())) {
            return Optional.of("consent-withdrawal-invalid");
        }
        ledger.recordWithdrawal(item.get(), w.source(), w.uses(), w.at());
        passWithdrawalOn(item.get(), w.source(), w.uses(), w.at());
        audit.record(
                AuditLog.peer(d.fromNode()),
                "submission.consent.withdrawn",
                s.id().toString(),
                null,
                "ok",
                w.file() + ": " + w.uses().size() + " use(s) withdrawn by the submitter");
        LOG.info(() -> "AMICUS-SUBMISSION-042 consent withdrawn for " + w.file() + " of submission " + s.id());
        return Optional.empty();
    }

    private Optional<String> admitJoint(Delivery d) {
        OrgId sender = Organisations.of(d.fromNode());
        SubmissionMessages.Joint j;
        try {
            j = SubmissionMessages.readJoint(d.content().body());
        } catch (RuntimeException e) {
            return Optional.of("submission-joint-invalid");
        }
        if (!j.lead().equals(sender)) {
            return Optional.of("submission-joint-invalid");
        }
        Submission known = em.find(Submission.class, j.id().toString());
        Instant now = clock.instant();
        if (known == null) {
            em.persist(Submission.shared(
                    j.id(),
                    sender,
                    j.recipient(),
                    j.request(),
                    ledger.seal(SubmissionMessages.write(j.text())),
                    j.coalition(),
                    now));
            audit.record(
                    AuditLog.peer(d.fromNode()),
                    "submission.joint.shared",
                    j.id().toString(),
                    null,
                    "ok",
                    "joint draft of organisation " + sender + " in coalition " + j.coalition());
        } else if (known.direction() == Submission.Direction.SHARED
                && known.submitter().equals(sender)) {
            // the lead's later text, or word that it sent the draft
            known.sharedAgain(ledger.seal(SubmissionMessages.write(j.text())), j.sent(), now);
        } else {
            return Optional.of("submission-joint-invalid");
        }
        return Optional.empty();
    }

    private boolean chainHolds(
            List<SignedRecord> chain,
            SubmissionId submission,
            SubmissionMessages.Item item,
            Fingerprint signer,
            OrgId organisation,
            CustodyEvent last) {
        return CustodyChain.holds(
                chain,
                new CustodyChain.Expected(
                        submission.toString(), item.file(), item.sha256(), item.size(), last, signer, organisation),
                (text, signature, by) -> by.equals(signer) || keys.lookup(by).isPresent()
                        ? Optional.of(signatures.verify(text, signature, by))
                        : Optional.empty());
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

    /**
     * A withdrawal follows the item wherever this node passed it on: recorded for each item that continues it (in a
     * joint submission led here, or a re-share) and, where that submission was sent, sent on to its recipient.
     */
    private void passWithdrawalOn(SubmissionItem item, String source, Set<ConsentUse> uses, Instant at) {
        List<SubmissionItem> onward = em.createQuery(
                        "select i from SubmissionItem i where i.originItem = :o", SubmissionItem.class)
                .setParameter("o", item.id().toString())
                .getResultList();
        for (SubmissionItem next : onward) {
            ledger.recordWithdrawal(next, source, uses, at);
            Submission s = em.find(Submission.class, next.submission().toString());
            if (s.direction() == Submission.Direction.OUT && s.state() != SubmissionState.DRAFT) {
                messages.sendTo(
                        new Draft(
                                SubmissionMessages.WITHDRAWAL_TYPE,
                                "Consent withdrawn",
                                SubmissionMessages.write(
                                        new SubmissionMessages.Withdrawal(s.id(), next.fileRef(), source, uses, at)),
                                "normal",
                                Submissions.ENVELOPE_LIFETIME),
                        Set.of(s.recipient()),
                        MarkingJson.parse(s.marking()));
                audit.record(
                        AuditLog.NODE,
                        "submission.consent.passed-on",
                        s.id().toString(),
                        null,
                        "ok",
                        next.fileRef() + ": withdrawal sent on to organisation " + s.recipient());
            }
        }
    }
}
