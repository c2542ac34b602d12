package org.amicus.core.submission.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
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
import java.util.UUID;
import java.util.logging.Logger;
import org.amicus.core.audit.boundary.AuditLog;
import org.amicus.core.coalition.boundary.Coalitions;
import org.amicus.core.coalition.control.Roster;
import org.amicus.core.coalition.entity.CoalitionId;
import org.amicus.core.cooperation.boundary.CooperationRequests;
import org.amicus.core.cooperation.entity.RequestId;
import org.amicus.core.federation.boundary.Messages;
import org.amicus.core.federation.control.ContentVault;
import org.amicus.core.federation.control.Draft;
import org.amicus.core.federation.control.FileRef;
import org.amicus.core.federation.entity.Peer;
import org.amicus.core.identity.entity.Fingerprint;
import org.amicus.core.membership.entity.OrgId;
import org.amicus.core.organisation.boundary.Organisations;
import org.amicus.core.organisation.control.OrganisationSignatures;
import org.amicus.core.platform.control.Sha256;
import org.amicus.core.routing.boundary.ReshareRefusedException;
import org.amicus.core.routing.control.MarkingJson;
import org.amicus.core.routing.entity.Conditions;
import org.amicus.core.routing.entity.Distribution;
import org.amicus.core.routing.entity.Marking;
import org.amicus.core.routing.entity.TlpLevel;
import org.amicus.core.submission.control.FileTransport;
import org.amicus.core.submission.control.SubmissionMessages;
import org.amicus.core.submission.control.SubmissionMessages.CustodyEvent;
import org.amicus.core.submission.control.SubmissionMessages.ItemDetails;
import org.amicus.core.submission.control.SubmissionMessages.SignedRecord;
import org.amicus.core.submission.entity.ConsentUse;
import org.amicus.core.submission.entity.ConsentWithdrawal;
import org.amicus.core.submission.entity.CustodyRecord;
import org.amicus.core.submission.entity.FeedbackKind;
import org.amicus.core.submission.entity.Submission;
import org.amicus.core.submission.entity.SubmissionFeedback;
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
    Coalitions coalitions;

    @Inject
    org.amicus.core.identity.boundary.KeyDirectory keys;

    @Inject
    org.amicus.core.identity.control.OrganisationIdentity identity;

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
     * this node until {@link #send}. With {@code coalition}, the draft is joint: it is shared at once with the
     * coalition's other members, who contribute items to it from their own nodes.
     */
    public SubmissionView draft(
            SubmissionMessages.Text text,
            Optional<RequestId> request,
            Optional<OrgId> recipient,
            Optional<CoalitionId> coalition) {
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
        Set<OrgId> partners = coalition.map(this::partners).orElse(Set.of());
        if (partners.contains(to)) {
            throw new InvalidSubmissionException("the recipient " + to + " is a member of coalition " + coalition.get()
                    + "; a joint submission goes to someone outside it");
        }
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
        coalition.ifPresent(c -> s.joint(c.toString()));
        em.persist(s);
        coalition.ifPresent(c -> shareJoint(s, text, partners));
        audit.recordByCaller(
                "submission.drafted",
                s.id().toString(),
                null,
                "ok",
                "to organisation " + to
                        + coalition.map(c -> ", joint in coalition " + c).orElse(""));
        return view(s);
    }

    /** The other active members of {@code coalition}; refused unless this organisation is an active member. */
    private Set<OrgId> partners(CoalitionId coalition) {
        Roster roster = coalitions
                .roster(coalition)
                .orElseThrow(() -> new InvalidSubmissionException("no coalition " + coalition + " is known here"));
        Set<OrgId> members = roster.activeMembers();
        if (!members.contains(organisations.self())) {
            throw new InvalidSubmissionException("this organisation is not an active member of coalition " + coalition);
        }
        Set<OrgId> partners = new java.util.HashSet<>(members);
        partners.remove(organisations.self());
        return partners;
    }

    /** Shares the joint draft's text with its coalition partners (again after a change, and once it is sent). */
    private void shareJoint(Submission s, SubmissionMessages.Text text, Set<OrgId> partners) {
        Set<OrgId> reachable = new java.util.HashSet<>(partners);
        reachable.removeIf(o -> !organisations.reachable(o));
        if (reachable.isEmpty()) {
            return;
        }
        CoalitionId coalition = CoalitionId.parse(s.coalition().orElseThrow());
        messages.sendTo(
                new Draft(
                        SubmissionMessages.JOINT_TYPE,
                        text.title(),
                        SubmissionMessages.write(new SubmissionMessages.Joint(
                                s.id(),
                                s.submitter(),
                                coalition.toString(),
                                s.recipient(),
                                s.request(),
                                text,
                                s.state() != SubmissionState.DRAFT)),
                        "normal",
                        ENVELOPE_LIFETIME),
                reachable,
                new Marking(
                        TlpLevel.AMBER_STRICT,
                        new Distribution.Coalitions(Set.of(coalition)),
                        Set.of(),
                        Conditions.NONE));
    }

    /** Replaces a draft's title and description (and shares a joint draft's again). */
    public SubmissionView redraft(SubmissionId id, SubmissionMessages.Text text) {
        Submission s = ownDraft(id);
        s.redraft(ledger.seal(SubmissionMessages.write(text)));
        s.coalition().ifPresent(c -> shareJoint(s, text, partners(CoalitionId.parse(c))));
        return view(s);
    }

    /**
     * Adds an item holding the complete upload {@code upload}; its original name and media type are the upload's. To a
     * joint draft another organisation leads, the item is this organisation's contribution: it goes to the lead at
     * once, as a submission of its own, with this organisation named to the recipient only if {@code attributed}.
     *
     * @param details the item's details (its {@code originalName} and {@code mediaType} are replaced by the upload's)
     * @return the draft with the item, or the contribution on its way to the lead
     */
    public SubmissionView addItem(SubmissionId id, UploadId upload, ItemDetails details, boolean attributed) {
        Submission target = find(id);
        if (target.direction() == Submission.Direction.SHARED) {
            return contribute(target, upload, details, attributed);
        }
        Submission s = ownDraft(id);
        addUpload(s, upload, details);
        return view(s);
    }

    private void addUpload(Submission s, UploadId upload, ItemDetails details) {
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
                s.id(),
                position,
                ledger.seal(SubmissionMessages.write(full)),
                upload.value(),
                complete.file(),
                complete.upload().sha256().orElseThrow());
        em.persist(item);
        audit.recordByCaller(
                "submission.item.added",
                s.id().toString(),
                null,
                "ok",
                "item f" + position + ": upload " + upload + ", SHA-256 " + item.sha256());
    }

    /** A coalition partner's item for a joint draft: a submission of its own to the lead, sent at once. */
    private SubmissionView contribute(Submission joint, UploadId upload, ItemDetails details, boolean attributed) {
        if (joint.state() != SubmissionState.DRAFT) {
            throw new SubmissionStateException(
                    "joint submission " + joint.id() + " was sent already; it takes no" + " more contributions");
        }
        partners(CoalitionId.parse(joint.coalition().orElseThrow())); // still a member
        SubmissionMessages.Text text = SubmissionMessages.readText(ledger.unseal(joint.sealedContent()));
        Instant now = clock.instant();
        Submission c = Submission.draft(
                        SubmissionId.random(),
                        organisations.self(),
                        joint.submitter(),
                        Optional.empty(),
                        ledger.seal(SubmissionMessages.write(
                                new SubmissionMessages.Text(shorten("Contribution: " + text.title()), ""))),
                        MarkingJson.toText(marking(joint.submitter())),
                        caller(),
                        now)
                .contributionTo(joint.id(), attributed);
        em.persist(c);
        em.flush();
        addUpload(c, upload, details);
        em.flush();
        send(c);
        audit.recordByCaller(
                "submission.contributed",
                joint.id().toString(),
                null,
                "ok",
                "contribution " + c.id() + " to organisation " + joint.submitter()
                        + (attributed ? "" : ", not named to the recipient"));
        return view(c);
    }

    private static String shorten(String title) {
        return title.length() <= 300 ? title : title.substring(0, 299) + "…";
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
     * Sends a draft: signs each file's custody records (of intake and of sending; an item this node holds from a
     * contribution or a received submission continues that file's chain), seals one envelope with the items and the
     * files' manifest to the recipient, and, once that has committed, queues the files beside it one by one.
     */
    public SubmissionView send(SubmissionId id) {
        Submission s = ownDraft(id);
        if (s.jointOf().isPresent()) {
            throw new SubmissionStateException("a contribution is sent when it is made");
        }
        send(s);
        s.coalition().ifPresent(c -> shareJointSent(s, CoalitionId.parse(c)));
        return view(s);
    }

    private void shareJointSent(Submission s, CoalitionId coalition) {
        shareJoint(s, SubmissionMessages.readText(ledger.unseal(s.sealedContent())), partners(coalition));
    }

    private void send(Submission s) {
        List<SubmissionItem> items = ledger.items(s);
        if (items.isEmpty()) {
            throw new InvalidSubmissionException("a submission needs at least one item with a file");
        }
        OrgId to = s.recipient();
        if (s.request().isPresent()) {
            cooperation.replyTo(s.request().get()); // still accepted, not withdrawn, before its deadline
        }
        requirePeer(to);
        Instant now = clock.instant();
        OrgId self = organisations.self();
        SubmissionMessages.Text text = SubmissionMessages.readText(ledger.unseal(s.sealedContent()));
        List<SubmissionMessages.Item> wireItems = new ArrayList<>();
        List<FileRef> manifest = new ArrayList<>();
        for (SubmissionItem i : items) {
            ItemDetails details = SubmissionMessages.readDetails(ledger.unseal(i.sealedContent()));
            List<SignedRecord> chain = new ArrayList<>();
            Optional<SubmissionItem> origin = i.origin().map(o -> em.find(SubmissionItem.class, o.toString()));
            if (origin.isPresent() && i.attributed()) {
                // the file's chain so far, as signed by each holder, then this organisation's sending
                for (CustodyRecord r : ledger.records(origin.get())) {
                    em.persist(new CustodyRecord(i.id(), r.seq(), r.sealedRecord(), r.signature(), r.signer()));
                    chain.add(new SignedRecord(ledger.unseal(r.sealedRecord()), r.signature(), r.signer()));
                }
            } else {
                Instant intakeAt = origin.flatMap(SubmissionItem::verifiedAt)
                        .or(() -> i.upload()
                                .flatMap(u -> uploads.get(new UploadId(u)).completedAt()))
                        .orElse(now);
                chain.add(ledger.sign(
                        i,
                        1,
                        SubmissionMessages.GENESIS,
                        s.id(),
                        CustodyEvent.INTAKE,
                        self,
                        intakeAt,
                        Optional.of(details)));
            }
            chain.add(ledger.sign(
                    i,
                    chain.size() + 1,
                    Sha256.hex(chain.get(chain.size() - 1).text()),
                    s.id(),
                    CustodyEvent.SENT,
                    self,
                    now,
                    Optional.empty()));
            Optional<OrgId> named = s.jointOf().isPresent()
                    ? (s.attributed() ? Optional.of(self) : Optional.empty())
                    : i.attributed() ? i.contributor() : Optional.empty();
            wireItems.add(new SubmissionMessages.Item(i.fileRef(), i.sha256(), i.size(), details, chain, named));
            manifest.add(new FileRef(i.fileRef(), details.originalName(), details.mediaType(), i.size(), i.sha256()));
        }
        String body = SubmissionMessages.write(new SubmissionMessages.Wire(
                s.id(), s.request(), self, to, text, now, wireItems, s.jointOf(), s.coalition()));
        Marking marking = MarkingJson.parse(s.marking());
        var sentView = messages.sendTo(
                new Draft(SubmissionMessages.SUBMISSION_TYPE, text.title(), body, "normal", ENVELOPE_LIFETIME)
                        .withFiles(manifest),
                Set.of(to),
                marking);
        s.sending(sentView.envelopeId(), now);
        SubmissionId id = s.id();
        ledger.afterCommit(() -> transfers.shipAll(id));
        long bytes = items.stream().mapToLong(SubmissionItem::size).sum();
        audit.recordByCaller(
                "submission.sent",
                id.toString(),
                marking.code(),
                "ok",
                "to organisation " + to + ": " + items.size() + " file(s), " + bytes + " bytes");
        LOG.info(() -> "AMICUS-SUBMISSION-030 submission " + id + " sent to " + to + ": " + items.size() + " file(s), "
                + bytes + " bytes");
    }

    /**
     * Records that source {@code source} of item {@code file} withdrew consent to {@code uses}, and sends the signed
     * notice to the recipient, which records it too: from then on neither side passes the item on for those uses.
     */
    public SubmissionView withdrawConsent(SubmissionId id, String file, String source, Set<ConsentUse> uses) {
        Submission s = find(id);
        if (s.direction() != Submission.Direction.OUT) {
            throw new SubmissionStateException("consent is withdrawn by the organisation that submitted the item");
        }
        if (s.state() == SubmissionState.DRAFT) {
            throw new SubmissionStateException("the submission is a draft: change the item's sources instead");
        }
        if (uses.isEmpty()) {
            throw new InvalidSubmissionException(
                    "name the uses withdrawn: lead, evidence, identity-disclosure," + " re-contact, sharing");
        }
        SubmissionItem item = ledger.items(s).stream()
                .filter(i -> i.fileRef().equals(file))
                .findFirst()
                .orElseThrow(() -> new InvalidSubmissionException("the submission has no item " + file));
        if (!ledger.hasSource(item, source)) {
            throw new InvalidSubmissionException("item " + file + " names no source " + source);
        }
        Instant now = clock.instant();
        ledger.recordWithdrawal(item, source, uses, now);
        messages.sendTo(
                new Draft(
                        SubmissionMessages.WITHDRAWAL_TYPE,
                        "Consent withdrawn",
                        SubmissionMessages.write(new SubmissionMessages.Withdrawal(id, file, source, uses, now)),
                        "normal",
                        ENVELOPE_LIFETIME),
                Set.of(s.recipient()),
                MarkingJson.parse(s.marking()));
        audit.recordByCaller(
                "submission.consent.withdrawn",
                id.toString(),
                null,
                "ok",
                file + ": " + uses.size() + " use(s) withdrawn, notice sent to organisation " + s.recipient());
        return view(s);
    }

    /** What each source of an item withdrew, by reference. */
    private Map<String, Set<ConsentUse>> withdrawn(SubmissionItem item) {
        Map<String, Set<ConsentUse>> out = new HashMap<>();
        em.createQuery("select w from ConsentWithdrawal w where w.itemId = :i", ConsentWithdrawal.class)
                .setParameter("i", item.id().toString())
                .getResultList()
                .forEach(w -> out.computeIfAbsent(w.sourceRef(), k -> java.util.EnumSet.noneOf(ConsentUse.class))
                        .addAll(w.uses()));
        return out;
    }

    /**
     * Passes a submission this organisation received on to another organisation, as a new submission with the same
     * items and files, each file's custody chain continued. Refused, with nothing sent, unless every source of every
     * item consented to sharing and did not withdraw it.
     *
     * @throws ReshareRefusedException naming the items and sources that stand in the way
     */
    public SubmissionView share(SubmissionId id, OrgId to) {
        Submission received = find(id);
        if (received.direction() != Submission.Direction.IN || received.state() != SubmissionState.RECEIVED) {
            throw new SubmissionStateException("only a submission this organisation received whole is passed on");
        }
        if (to.equals(received.submitter())) {
            throw new InvalidSubmissionException("organisation " + to + " submitted it");
        }
        List<SubmissionItem> items = ledger.items(received);
        List<String> refused = new ArrayList<>();
        for (SubmissionItem i : items) {
            ItemDetails d = SubmissionMessages.readDetails(ledger.unseal(i.sealedContent()));
            d.sharingRefusals(withdrawn(i)).forEach(why -> refused.add(i.fileRef() + " (" + why + ")"));
        }
        if (!refused.isEmpty()) {
            audit.recordByCaller(
                    "submission.share.refused", id.toString(), null, "refused", refused.size() + " source(s)");
            throw new ReshareRefusedException(
                    "the consent of its sources does not allow passing on " + String.join(", ", refused));
        }
        requireReachable(to);
        Instant now = clock.instant();
        Submission out = Submission.draft(
                SubmissionId.random(),
                organisations.self(),
                to,
                Optional.empty(),
                received.sealedContent(),
                MarkingJson.toText(marking(to)),
                caller(),
                now);
        em.persist(out);
        em.flush();
        for (SubmissionItem i : items) {
            ItemDetails d = SubmissionMessages.readDetails(ledger.unseal(i.sealedContent()));
            em.persist(SubmissionItem.continuing(
                    out.id(), i.position(), ledger.seal(SubmissionMessages.write(d)), i, Optional.empty(), true));
        }
        em.flush();
        send(out);
        audit.recordByCaller(
                "submission.shared",
                id.toString(),
                null,
                "ok",
                "passed on to organisation " + to + " as submission " + out.id());
        return view(out);
    }

    /**
     * Feedback or discussion under a submission: the recipient's structured steps (received, assessed, relevance,
     * gaps, used as a lead) and messages from either side; kept and sent to the other side.
     */
    public SubmissionView feedback(
            SubmissionId id, FeedbackKind kind, String text, Optional<String> relevance, List<String> gaps) {
        Submission s = find(id);
        boolean asRecipient = s.direction() == Submission.Direction.IN;
        if (s.direction() == Submission.Direction.SHARED
                || s.state() == SubmissionState.DRAFT
                || (asRecipient && s.state() == SubmissionState.ARRIVING)) {
            throw new SubmissionStateException("feedback goes under a submission sent and received; this one is "
                    + s.state().wireName());
        }
        SubmissionMessages.Feedback f;
        try {
            f = new SubmissionMessages.Feedback(
                    id, UUID.randomUUID(), kind, asRecipient, clock.instant(), text, relevance, gaps);
        } catch (IllegalArgumentException e) {
            throw new InvalidSubmissionException(e.getMessage());
        }
        OrgId self = organisations.self();
        OrgId other = asRecipient ? s.submitter() : s.recipient();
        em.persist(new SubmissionFeedback(
                f.id(), id, kind, asRecipient, self, f.at(), ledger.seal(SubmissionMessages.write(f)), f.at()));
        messages.sendTo(
                new Draft(
                        SubmissionMessages.FEEDBACK_TYPE,
                        "Feedback",
                        SubmissionMessages.write(f),
                        "normal",
                        ENVELOPE_LIFETIME),
                Set.of(other),
                marking(other));
        audit.recordByCaller(
                "submission.feedback", id.toString(), null, "ok", kind.wireName() + " to organisation " + other);
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
        Map<String, String> certificates = new java.util.TreeMap<>();
        for (SubmissionItem i : ledger.items(s)) {
            List<CustodyReport.Entry> entries = new ArrayList<>();
            String prev = SubmissionMessages.GENESIS;
            for (CustodyRecord r : ledger.records(i)) {
                String text = ledger.unseal(r.sealedRecord());
                Fingerprint signer = Fingerprint.parse(r.signer());
                Optional<String> certificate = certificate(signer);
                certificate.ifPresent(c -> certificates.put(signer.hex(), c));
                SubmissionMessages.RecordFacts facts = SubmissionMessages.readRecord(text);
                boolean linked = facts.prev().equals(prev)
                        && facts.sha256().equals(i.sha256())
                        && facts.size() == i.size()
                        && facts.signer().equals(signer.hex());
                String check;
                if (!linked) {
                    check = "broken-chain";
                } else if (certificate.isEmpty()) {
                    check = "unknown-key";
                } else {
                    check = signatures.verify(text.getBytes(StandardCharsets.UTF_8), r.signature(), signer)
                            ? "verified"
                            : "bad-signature";
                }
                entries.add(new CustodyReport.Entry(
                        text, Base64.getEncoder().encodeToString(r.signature()), r.signer(), check));
                prev = Sha256.hex(text);
            }
            files.add(new CustodyReport.FileChain(i.fileRef(), i.sha256(), i.size(), entries));
        }
        return new CustodyReport(
                s.id().toString(),
                s.submitter().toString(),
                s.recipient().toString(),
                clock.instant(),
                files,
                certificates);
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

    /** The armored certificate of {@code key}: this organisation's own, or one of the key directory. */
    private Optional<String> certificate(Fingerprint key) {
        if (key.equals(identity.current().fingerprint())) {
            return Optional.of(identity.current().certificate());
        }
        return keys.lookup(key).map(org.amicus.core.identity.boundary.KnownKey::certificate);
    }

    /** A submission goes to exactly its recipient, TLP:AMBER+STRICT: no one else in its organisation's coalitions. */
    static Marking marking(OrgId recipient) {
        return Marking.forOrganisationOnly(recipient);
    }

    private void requireReachable(OrgId to) {
        if (to.equals(organisations.self())) {
            throw new InvalidSubmissionException("a submission goes to another organisation");
        }
        if (!organisations.reachable(to)) {
            throw new InvalidSubmissionException("organisation " + to + " is not reachable from this node");
        }
    }

    /** Files go to a peer, directly or through the relay it is reached by (federation.md §6). */
    private void requirePeer(OrgId to) {
        Peer peer = em.find(Peer.class, Organisations.nodeOf(to).toString());
        if (peer == null || !peer.acceptsEnvelopes()) {
            throw new SubmissionStateException("organisation " + to + " is not a peer of this node; nothing was sent");
        }
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
        List<SubmissionItem> itemsOf = ledger.items(s);
        List<SubmissionView.ItemView> items = itemsOf.stream()
                .map(i -> {
                    Map<String, List<String>> withdrawn = new java.util.TreeMap<>();
                    withdrawn(i)
                            .forEach((ref, uses) -> withdrawn.put(
                                    ref,
                                    uses.stream()
                                            .sorted()
                                            .map(ConsentUse::wireName)
                                            .toList()));
                    return new SubmissionView.ItemView(
                            i.fileRef(),
                            SubmissionMessages.readDetails(ledger.unseal(i.sealedContent())),
                            i.sha256(),
                            i.size(),
                            i.state().wireName(),
                            i.outcome(),
                            i.upload().map(Object::toString),
                            i.contributor().map(Object::toString),
                            i.attributed(),
                            withdrawn,
                            FileTransport.parts(i.size()),
                            i.partsDone());
                })
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
        List<SubmissionView.FeedbackView> feedback = em
                .createQuery(
                        "select f from SubmissionFeedback f where f.submissionId = :s order by f.givenAt, f.id",
                        SubmissionFeedback.class)
                .setParameter("s", s.id().toString())
                .getResultList()
                .stream()
                .map(f -> {
                    SubmissionMessages.Feedback body =
                            SubmissionMessages.readFeedback(ledger.unseal(f.sealedContent()));
                    return new SubmissionView.FeedbackView(
                            f.id().toString(),
                            f.kind().wireName(),
                            f.party(),
                            f.author().toString(),
                            f.givenAt(),
                            body.text(),
                            body.relevance(),
                            body.gaps());
                })
                .toList();
        return new SubmissionView(
                s.id().toString(),
                switch (s.direction()) {
                    case OUT -> s.jointOf().isPresent() ? "contribution" : "sent";
                    case IN -> s.jointOf().isPresent() ? "contribution-received" : "received";
                    case SHARED -> "joint-draft";
                },
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
                receipt,
                s.coalition(),
                s.jointOf().map(Object::toString),
                feedback,
                s.finalReceipt().map(f -> finalReceipt(f, itemsOf)));
    }

    /** A contribution's final receipt, verified now against the key directory, with the outcome of each own file. */
    private SubmissionView.FinalReceiptView finalReceipt(Submission.FinalReceipt f, List<SubmissionItem> own) {
        String text = new String(f.text(), StandardCharsets.UTF_8);
        SubmissionMessages.ReceiptFacts facts = SubmissionMessages.readReceipt(text);
        java.util.Map<String, String> files = new java.util.TreeMap<>();
        for (SubmissionItem i : own) {
            facts.files().stream()
                    .filter(x -> x.sha256().equals(i.sha256()) && x.size() == i.size())
                    .findFirst()
                    .ifPresent(x -> files.put(i.fileRef(), x.outcome()));
        }
        return new SubmissionView.FinalReceiptView(
                new SubmissionView.ReceiptView(
                        text,
                        Base64.getEncoder().encodeToString(f.signature()),
                        f.signer(),
                        signatures.verify(f.text(), f.signature(), Fingerprint.parse(f.signer()))),
                facts.recipient(),
                f.at(),
                files);
    }

    private String caller() {
        return org.amicus.core.membership.entity.Caller.nameOf(context.getCallerPrincipal());
    }
}
