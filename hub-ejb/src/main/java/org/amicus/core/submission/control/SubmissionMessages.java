package org.amicus.core.submission.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import org.amicus.core.cooperation.entity.RequestId;
import org.amicus.core.membership.entity.OrgId;
import org.amicus.core.platform.control.CanonicalJson;
import org.amicus.core.submission.entity.ConsentUse;
import org.amicus.core.submission.entity.CustodyStatement;
import org.amicus.core.submission.entity.Source;
import org.amicus.core.submission.entity.SubmissionId;

/**
 * Submissions and what follows them as they travel (docs/protocol/federation.md §3.8), and the signed records that
 * outlive the envelopes: {@code amicus.submission} (the submission, its items with their details and custody chains;
 * the files travel beside it, named in the envelope's manifest), {@code amicus.submission-receipt} (the receiving
 * organisation's signed receipt and its custody records), {@code amicus.consent-withdrawal} (a source withdraws
 * consent). Custody records and receipts are canonical JSON (RFC 8785, keys sorted) signed detached with the
 * organisation key, so that they verify with the public key alone, without Amicus.
 */
public final class SubmissionMessages {

    public static final String SUBMISSION_TYPE = "amicus.submission";
    public static final String RECEIPT_TYPE = "amicus.submission-receipt";
    public static final String WITHDRAWAL_TYPE = "amicus.consent-withdrawal";
    public static final String RECEIPT_RECORD_TYPE = "amicus.submission-receipt";
    public static final String CUSTODY_RECORD_TYPE = "amicus.custody-record";
    public static final String FEEDBACK_TYPE = "amicus.submission-feedback";
    public static final String JOINT_TYPE = "amicus.submission-joint";
    public static final String RECEIPT_FORWARD_TYPE = "amicus.submission-receipt-forward";
    public static final String HELD_BACK_TYPE = "amicus.submission-file-held-back";

    /**
     * The outcome a recipient records (and its receipt names) for a file its submitter held back because the copy
     * kept there no longer had its SHA-256 at intake.
     */
    public static final String HELD_BACK_ALTERED = "held-back-altered-after-intake";

    /** The hash the first custody record of a file names as the one before it. */
    public static final String GENESIS = "0".repeat(64);

    public static final int MAX_TEXT = 20_000;
    public static final int MAX_ITEMS = 200;
    public static final int MAX_SOURCES = 100;

    private static final JsonProvider JSON = JsonProvider.provider();

    private SubmissionMessages() {}

    /** A submission's own text: its title and description. */
    public record Text(String title, String description) {
        public Text {
            title = required(title, "title", 300);
            description = optional(description, "description", MAX_TEXT);
        }
    }

    /** What an item says of itself and its file. */
    public record ItemDetails(
            String title,
            String description,
            String originalName,
            String mediaType,
            CustodyStatement custody,
            List<Source> sources) {
        public ItemDetails {
            title = required(title, "item title", 300);
            description = optional(description, "item description", MAX_TEXT);
            originalName = required(originalName, "originalName", 255);
            mediaType = required(mediaType, "mediaType", 255);
            java.util.Objects.requireNonNull(custody, "custody");
            sources = List.copyOf(sources);
            if (sources.size() > MAX_SOURCES) {
                throw new IllegalArgumentException("an item names at most " + MAX_SOURCES + " sources");
            }
            if (sources.stream().map(Source::ref).distinct().count() != sources.size()) {
                throw new IllegalArgumentException("each source of an item has its own reference");
            }
        }

        /**
         * The sources that stand in the way of passing this item on to another body, each in words: those that did not
         * consent to sharing, and those that withdrew it ({@code withdrawn}: uses withdrawn, by reference).
         */
        public List<String> sharingRefusals(Map<String, Set<ConsentUse>> withdrawn) {
            List<String> refusals = new ArrayList<>();
            for (Source src : sources) {
                if (!src.consents(ConsentUse.SHARING, withdrawn.getOrDefault(src.ref(), Set.of()))) {
                    refusals.add("source " + src.ref()
                            + (src.consent().contains(ConsentUse.SHARING)
                                    ? " withdrew consent to sharing"
                                    : " did not consent to sharing"));
                }
            }
            return refusals;
        }
    }

    /** One signed custody record as it is kept and travels: the exact text, the signature, the signer's key. */
    public record SignedRecord(String text, byte[] signature, String signer) {
        public SignedRecord {
            signature = signature.clone();
        }

        @Override
        public byte[] signature() {
            return signature.clone();
        }
    }

    /**
     * One item on the wire: its file's id in the manifest, SHA-256 and size, its details, its custody chain and, in a
     * joint submission, the coalition partner that contributed it if the partner chose to be named.
     */
    public record Item(
            String file,
            String sha256,
            long size,
            ItemDetails details,
            List<SignedRecord> custody,
            Optional<OrgId> contributor) {
        public Item {
            custody = List.copyOf(custody);
            contributor = contributor == null ? Optional.empty() : contributor;
        }

        public Item(String file, String sha256, long size, ItemDetails details, List<SignedRecord> custody) {
            this(file, sha256, size, details, custody, Optional.empty());
        }
    }

    /**
     * The body of {@code amicus.submission}: {@code joint} names the joint submission a coalition partner's contribution
     * is for (sent to the joint submission's lead), {@code coalition} the coalition a joint submission was drafted in.
     */
    public record Wire(
            SubmissionId id,
            Optional<RequestId> request,
            OrgId submitter,
            OrgId recipient,
            Text text,
            Instant sentAt,
            List<Item> items,
            Optional<SubmissionId> joint,
            Optional<String> coalition) {
        public Wire {
            joint = joint == null ? Optional.empty() : joint;
            coalition = coalition == null ? Optional.empty() : coalition;
            items = List.copyOf(items);
            if (items.isEmpty() || items.size() > MAX_ITEMS) {
                throw new IllegalArgumentException("a submission holds 1 to " + MAX_ITEMS + " items");
            }
        }

        public Wire(
                SubmissionId id,
                Optional<RequestId> request,
                OrgId submitter,
                OrgId recipient,
                Text text,
                Instant sentAt,
                List<Item> items) {
            this(id, request, submitter, recipient, text, sentAt, items, Optional.empty(), Optional.empty());
        }
    }

    /** A file's line in a receipt: what the recipient found. */
    public record ReceiptFile(String file, String sha256, long size, String outcome) {}

    /** The body of {@code amicus.submission-receipt}: the signed receipt and the recipient's custody records. */
    public record ReceiptWire(String receipt, byte[] signature, String signer, Map<String, SignedRecord> custody) {}

    /**
     * The body of {@code amicus.submission-receipt-forward}: the receipt the recipient of a joint submission signed,
     * passed on by the lead to a partner that contributed to it ({@code contribution} is the partner's own id of
     * what it contributed).
     */
    public record ForwardedReceipt(SubmissionId contribution, String receipt, byte[] signature, String signer) {}

    /** The body of {@code amicus.consent-withdrawal}. */
    public record Withdrawal(SubmissionId submission, String file, String source, Set<ConsentUse> uses, Instant at) {}

    /**
     * The submitter tells the recipient that a file of its submission will not come: the copy it kept no longer had
     * its SHA-256 at intake when it was to be sent ({@code reason} {@code altered-after-intake}).
     */
    public record HeldBack(SubmissionId submission, String file, String sha256, String reason, Instant at) {}

    // ---- details and text, sealed on the node

    public static String write(Text t) {
        return JSON.createObjectBuilder()
                .add("title", t.title())
                .add("description", t.description())
                .build()
                .toString();
    }

    public static Text readText(String json) {
        JsonObject o = parse(json);
        return new Text(o.getString("title"), o.getString("description", ""));
    }

    public static String write(ItemDetails d) {
        return details(d).build().toString();
    }

    public static ItemDetails readDetails(String json) {
        return details(parse(json));
    }

    private static JsonObjectBuilder details(ItemDetails d) {
        JsonArrayBuilder sources = JSON.createArrayBuilder();
        for (Source s : d.sources()) {
            JsonArrayBuilder consent = JSON.createArrayBuilder();
            s.consent().stream().sorted().forEach(u -> consent.add(u.wireName()));
            JsonObjectBuilder o = JSON.createObjectBuilder()
                    .add("ref", s.ref())
                    .add("role", s.role())
                    .add("consent", consent);
            s.earlierStatements().ifPresent(n -> o.add("earlierStatements", n));
            sources.add(o);
        }
        CustodyStatement c = d.custody();
        return JSON.createObjectBuilder()
                .add("title", d.title())
                .add("description", d.description())
                .add("originalName", d.originalName())
                .add("mediaType", d.mediaType())
                .add(
                        "custody",
                        JSON.createObjectBuilder()
                                .add("collectedBy", c.collectedBy())
                                .add("collectedAt", c.collectedAt())
                                .add("collectedWhere", c.collectedWhere())
                                .add("notes", c.notes()))
                .add("sources", sources);
    }

    private static ItemDetails details(JsonObject o) {
        JsonObject c = o.getJsonObject("custody");
        List<Source> sources = new ArrayList<>();
        for (JsonValue v : o.getJsonArray("sources")) {
            sources.add(source(v.asJsonObject()));
        }
        return new ItemDetails(
                o.getString("title"),
                o.getString("description", ""),
                o.getString("originalName"),
                o.getString("mediaType"),
                new CustodyStatement(
                        c.getString("collectedBy"),
                        c.getString("collectedAt"),
                        c.getString("collectedWhere"),
                        c.getString("notes", "")),
                sources);
    }

    /** A source as given by a client or on the wire; {@code consent} names the uses consented to. */
    public static Source source(JsonObject o) {
        Set<ConsentUse> consent = EnumSet.noneOf(ConsentUse.class);
        JsonArray uses = o.containsKey("consent") && !o.isNull("consent") ? o.getJsonArray("consent") : null;
        if (uses != null) {
            for (JsonValue u : uses) {
                if (!(u instanceof JsonString s)) {
                    throw new IllegalArgumentException("\"consent\" lists uses as strings");
                }
                consent.add(ConsentUse.parse(s.getString()));
            }
        }
        OptionalInt earlier = OptionalInt.empty();
        if (o.containsKey("earlierStatements") && !o.isNull("earlierStatements")) {
            if (!(o.get("earlierStatements") instanceof JsonNumber n) || !n.isIntegral()) {
                throw new IllegalArgumentException("\"earlierStatements\" is a whole number");
            }
            earlier = OptionalInt.of(n.intValueExact());
        }
        if (!(o.get("ref") instanceof JsonString ref)) {
            throw new IllegalArgumentException("a source needs \"ref\", its pseudonymous reference");
        }
        return new Source(ref.getString(), o.getString("role", null), consent, earlier);
    }

    // ---- the submission envelope

    public static String write(Wire w) {
        JsonArrayBuilder items = JSON.createArrayBuilder();
        for (Item i : w.items()) {
            JsonObjectBuilder item = JSON.createObjectBuilder()
                    .add("file", i.file())
                    .add("sha256", i.sha256())
                    .add("size", i.size())
                    .add("details", details(i.details()))
                    .add("custody", records(i.custody()));
            i.contributor().ifPresent(c -> item.add("contributor", c.toString()));
            items.add(item);
        }
        JsonObjectBuilder o = JSON.createObjectBuilder()
                .add("submission", w.id().toString())
                .add("submitter", w.submitter().toString())
                .add("recipient", w.recipient().toString())
                .add("title", w.text().title())
                .add("description", w.text().description())
                .add("sentAt", w.sentAt().toString())
                .add("items", items);
        w.request().ifPresent(r -> o.add("request", r.toString()));
        w.joint().ifPresent(j -> o.add("joint", j.toString()));
        w.coalition().ifPresent(c -> o.add("coalition", c));
        return o.build().toString();
    }

    /** @throws RuntimeException if it is not a well-formed submission */
    public static Wire readWire(String json) {
        JsonObject o = parse(json);
        List<Item> items = new ArrayList<>();
        for (JsonValue v : o.getJsonArray("items")) {
            JsonObject i = v.asJsonObject();
            String file = i.getString("file");
            String sha256 = i.getString("sha256");
            if (!file.matches("f[0-9]{1,4}") || !sha256.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("an item names its file and its SHA-256");
            }
            items.add(new Item(
                    file,
                    sha256,
                    i.getJsonNumber("size").longValueExact(),
                    details(i.getJsonObject("details")),
                    readRecords(i.getJsonArray("custody")),
                    i.containsKey("contributor")
                            ? Optional.of(OrgId.parse(i.getString("contributor")))
                            : Optional.empty()));
        }
        return new Wire(
                SubmissionId.parse(o.getString("submission")),
                o.containsKey("request") ? Optional.of(RequestId.parse(o.getString("request"))) : Optional.empty(),
                OrgId.parse(o.getString("submitter")),
                OrgId.parse(o.getString("recipient")),
                new Text(o.getString("title"), o.getString("description", "")),
                Instant.parse(o.getString("sentAt")),
                items,
                o.containsKey("joint") ? Optional.of(SubmissionId.parse(o.getString("joint"))) : Optional.empty(),
                o.containsKey("coalition") ? Optional.of(o.getString("coalition")) : Optional.empty());
    }

    private static JsonArrayBuilder records(List<SignedRecord> records) {
        JsonArrayBuilder a = JSON.createArrayBuilder();
        for (SignedRecord r : records) {
            a.add(record(r));
        }
        return a;
    }

    private static JsonObjectBuilder record(SignedRecord r) {
        return JSON.createObjectBuilder()
                .add("record", r.text())
                .add("signature", Base64.getEncoder().encodeToString(r.signature()))
                .add("signer", r.signer());
    }

    private static List<SignedRecord> readRecords(JsonArray a) {
        List<SignedRecord> records = new ArrayList<>();
        for (JsonValue v : a) {
            records.add(readRecord(v.asJsonObject()));
        }
        return records;
    }

    private static SignedRecord readRecord(JsonObject o) {
        String signer = o.getString("signer");
        if (!signer.matches("[0-9A-F]{40}")) {
            throw new IllegalArgumentException("a record's signer is a key fingerprint");
        }
        return new SignedRecord(o.getString("record"), Base64.getDecoder().decode(o.getString("signature")), signer);
    }

    // ---- feedback and joint drafts

    /** Relevance as the recipient assesses it. */
    public static final List<String> RELEVANCE = List.of("high", "medium", "low", "none");

    /**
     * A piece of feedback or discussion under a submission: {@code byRecipient} says which side gave it; relevance
     * only with kind relevance, gaps (against the evidence standard the recipient applies) only with kind gaps.
     */
    public record Feedback(
            SubmissionId submission,
            java.util.UUID id,
            org.amicus.core.submission.entity.FeedbackKind kind,
            boolean byRecipient,
            Instant at,
            String text,
            Optional<String> relevance,
            List<String> gaps) {
        public Feedback {
            text = optional(text, "text", MAX_TEXT);
            relevance = relevance == null ? Optional.empty() : relevance;
            gaps = gaps == null ? List.of() : List.copyOf(gaps);
            if (kind.recipientOnly() && !byRecipient) {
                throw new IllegalArgumentException(
                        "only the recipient gives \"" + kind.wireName() + "\" feedback; the submitter writes messages");
            }
            if (kind == org.amicus.core.submission.entity.FeedbackKind.MESSAGE && text.isEmpty()) {
                throw new IllegalArgumentException("a message has a \"text\"");
            }
            if ((kind == org.amicus.core.submission.entity.FeedbackKind.RELEVANCE) != relevance.isPresent()) {
                throw new IllegalArgumentException("\"relevance\" (high, medium, low, none) goes with, and only with,"
                        + " feedback of kind relevance");
            }
            if (relevance.isPresent() && !RELEVANCE.contains(relevance.get())) {
                throw new IllegalArgumentException("\"relevance\" is high, medium, low or none");
            }
            if ((kind == org.amicus.core.submission.entity.FeedbackKind.GAPS) == gaps.isEmpty()) {
                throw new IllegalArgumentException("\"gaps\" lists what is missing against the evidence standard, with"
                        + " and only with feedback of kind gaps");
            }
            if (gaps.size() > 50 || gaps.stream().anyMatch(g -> g == null || g.isBlank() || g.length() > 2000)) {
                throw new IllegalArgumentException("\"gaps\" holds 1 to 50 texts of at most 2000 characters");
            }
        }
    }

    public static String write(Feedback f) {
        JsonArrayBuilder gaps = JSON.createArrayBuilder();
        f.gaps().forEach(gaps::add);
        JsonObjectBuilder o = JSON.createObjectBuilder()
                .add("submission", f.submission().toString())
                .add("id", f.id().toString())
                .add("kind", f.kind().wireName())
                .add("party", f.byRecipient() ? "recipient" : "submitter")
                .add("at", f.at().toString())
                .add("text", f.text())
                .add("gaps", gaps);
        f.relevance().ifPresent(r -> o.add("relevance", r));
        return o.build().toString();
    }

    public static Feedback readFeedback(String json) {
        JsonObject o = parse(json);
        List<String> gaps = new ArrayList<>();
        for (JsonValue v : o.getJsonArray("gaps")) {
            gaps.add(((JsonString) v).getString());
        }
        String party = o.getString("party");
        if (!party.equals("recipient") && !party.equals("submitter")) {
            throw new IllegalArgumentException("party is recipient or submitter");
        }
        return new Feedback(
                SubmissionId.parse(o.getString("submission")),
                java.util.UUID.fromString(o.getString("id")),
                org.amicus.core.submission.entity.FeedbackKind.parse(o.getString("kind")),
                party.equals("recipient"),
                Instant.parse(o.getString("at")),
                o.getString("text", ""),
                o.containsKey("relevance") ? Optional.of(o.getString("relevance")) : Optional.empty(),
                gaps);
    }

    /**
     * A joint draft as its lead shares it with the coalition's other members: what they contribute to; {@code sent}
     * once the lead has sent it (it then takes no more contributions).
     */
    public record Joint(
            SubmissionId id,
            OrgId lead,
            String coalition,
            OrgId recipient,
            Optional<RequestId> request,
            Text text,
            boolean sent) {}

    public static String write(Joint j) {
        JsonObjectBuilder o = JSON.createObjectBuilder()
                .add("submission", j.id().toString())
                .add("lead", j.lead().toString())
                .add("coalition", j.coalition())
                .add("recipient", j.recipient().toString())
                .add("title", j.text().title())
                .add("description", j.text().description())
                .add("sent", j.sent());
        j.request().ifPresent(r -> o.add("request", r.toString()));
        return o.build().toString();
    }

    public static Joint readJoint(String json) {
        JsonObject o = parse(json);
        return new Joint(
                SubmissionId.parse(o.getString("submission")),
                OrgId.parse(o.getString("lead")),
                o.getString("coalition"),
                OrgId.parse(o.getString("recipient")),
                o.containsKey("request") ? Optional.of(RequestId.parse(o.getString("request"))) : Optional.empty(),
                new Text(o.getString("title"), o.getString("description", "")),
                o.getBoolean("sent", false));
    }

    // ---- custody records and receipts: the canonical texts that are signed

    /** What a custody record attests. */
    public enum CustodyEvent {
        /** The submitter took the file in (its statement of collection attached). */
        INTAKE,
        /** The holder sent it on. */
        SENT,
        /** The recipient received it and verified its SHA-256. */
        RECEIVED;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * The canonical text of a custody record: {@code statement} (collection as stated, original name and media type)
     * only in the intake record.
     */
    public static String custodyRecord(
            int seq,
            String prev,
            SubmissionId submission,
            String file,
            String sha256,
            long size,
            CustodyEvent event,
            OrgId organisation,
            String signer,
            Instant at,
            Optional<ItemDetails> statement) {
        Map<String, Object> m = new TreeMap<>();
        m.put("type", CUSTODY_RECORD_TYPE);
        m.put("seq", (long) seq);
        m.put("prev", prev);
        m.put("submission", submission.toString());
        m.put("file", file);
        m.put("sha256", sha256);
        m.put("size", size);
        m.put("event", event.wireName());
        m.put("organisation", organisation.toString());
        m.put("signer", signer);
        m.put("at", at.toString());
        statement.ifPresent(d -> {
            Map<String, Object> s = new TreeMap<>();
            s.put("collectedBy", d.custody().collectedBy());
            s.put("collectedAt", d.custody().collectedAt());
            s.put("collectedWhere", d.custody().collectedWhere());
            s.put("notes", d.custody().notes());
            s.put("originalName", d.originalName());
            s.put("mediaType", d.mediaType());
            m.put("statement", s);
        });
        return canonical(m);
    }

    /** A custody record's fields, read back from its canonical text. */
    public record RecordFacts(
            int seq,
            String prev,
            String submission,
            String file,
            String sha256,
            long size,
            String event,
            String organisation,
            String signer,
            Instant at) {}

    /** @throws RuntimeException if it is not a custody record */
    public static RecordFacts readRecord(String text) {
        JsonObject o = parse(text);
        if (!CUSTODY_RECORD_TYPE.equals(o.getString("type"))) {
            throw new IllegalArgumentException("not a custody record");
        }
        return new RecordFacts(
                o.getInt("seq"),
                o.getString("prev"),
                o.getString("submission"),
                o.getString("file"),
                o.getString("sha256"),
                o.getJsonNumber("size").longValueExact(),
                o.getString("event"),
                o.getString("organisation"),
                o.getString("signer"),
                Instant.parse(o.getString("at")));
    }

    /** The canonical text of a receipt. */
    public static String receipt(
            SubmissionId submission,
            OrgId submitter,
            OrgId recipient,
            String signer,
            Instant receivedAt,
            List<ReceiptFile> files) {
        Map<String, Object> m = new TreeMap<>();
        m.put("type", RECEIPT_RECORD_TYPE);
        m.put("submission", submission.toString());
        m.put("submitter", submitter.toString());
        m.put("recipient", recipient.toString());
        m.put("signer", signer);
        m.put("receivedAt", receivedAt.toString());
        List<Object> list = new ArrayList<>();
        for (ReceiptFile f : files) {
            Map<String, Object> fm = new TreeMap<>();
            fm.put("file", f.file());
            fm.put("sha256", f.sha256());
            fm.put("size", f.size());
            fm.put("outcome", f.outcome());
            list.add(fm);
        }
        m.put("files", list);
        return canonical(m);
    }

    /** A receipt's fields, read back from its canonical text. */
    public record ReceiptFacts(
            String submission, String submitter, String recipient, String signer, List<ReceiptFile> files) {}

    public static ReceiptFacts readReceipt(String text) {
        JsonObject o = parse(text);
        if (!RECEIPT_RECORD_TYPE.equals(o.getString("type"))) {
            throw new IllegalArgumentException("not a receipt");
        }
        List<ReceiptFile> files = new ArrayList<>();
        for (JsonValue v : o.getJsonArray("files")) {
            JsonObject f = v.asJsonObject();
            files.add(new ReceiptFile(
                    f.getString("file"),
                    f.getString("sha256"),
                    f.getJsonNumber("size").longValueExact(),
                    f.getString("outcome")));
        }
        return new ReceiptFacts(
                o.getString("submission"),
                o.getString("submitter"),
                o.getString("recipient"),
                o.getString("signer"),
                files);
    }

    public static String write(ReceiptWire r) {
        JsonObjectBuilder custody = JSON.createObjectBuilder();
        r.custody().forEach((file, record) -> custody.add(file, record(record)));
        return JSON.createObjectBuilder()
                .add("receipt", r.receipt())
                .add("signature", Base64.getEncoder().encodeToString(r.signature()))
                .add("signer", r.signer())
                .add("custody", custody)
                .build()
                .toString();
    }

    public static ReceiptWire readReceiptWire(String json) {
        JsonObject o = parse(json);
        Map<String, SignedRecord> custody = new TreeMap<>();
        o.getJsonObject("custody").forEach((k, v) -> custody.put(k, readRecord(v.asJsonObject())));
        return new ReceiptWire(
                o.getString("receipt"),
                Base64.getDecoder().decode(o.getString("signature")),
                o.getString("signer"),
                custody);
    }

    public static String write(ForwardedReceipt r) {
        return JSON.createObjectBuilder()
                .add("v", 1)
                .add("contribution", r.contribution().toString())
                .add("receipt", r.receipt())
                .add("signature", Base64.getEncoder().encodeToString(r.signature()))
                .add("signer", r.signer())
                .build()
                .toString();
    }

    /** @throws RuntimeException if it is not a forwarded receipt */
    public static ForwardedReceipt readForwardedReceipt(String json) {
        JsonObject o = parse(json);
        if (o.getInt("v") != 1) {
            throw new IllegalArgumentException("unknown version of a forwarded receipt");
        }
        return new ForwardedReceipt(
                SubmissionId.parse(o.getString("contribution")),
                o.getString("receipt"),
                Base64.getDecoder().decode(o.getString("signature")),
                o.getString("signer"));
    }

    public static String write(Withdrawal w) {
        JsonArrayBuilder uses = JSON.createArrayBuilder();
        w.uses().stream().sorted().forEach(u -> uses.add(u.wireName()));
        return JSON.createObjectBuilder()
                .add("submission", w.submission().toString())
                .add("file", w.file())
                .add("source", w.source())
                .add("uses", uses)
                .add("at", w.at().toString())
                .build()
                .toString();
    }

    public static Withdrawal readWithdrawal(String json) {
        JsonObject o = parse(json);
        Set<ConsentUse> uses = EnumSet.noneOf(ConsentUse.class);
        for (JsonValue v : o.getJsonArray("uses")) {
            uses.add(ConsentUse.parse(((JsonString) v).getString()));
        }
        if (uses.isEmpty()) {
            throw new IllegalArgumentException("a withdrawal names at least one use");
        }
        return new Withdrawal(
                SubmissionId.parse(o.getString("submission")),
                o.getString("file"),
                o.getString("source"),
                uses,
                Instant.parse(o.getString("at")));
    }

    public static String write(HeldBack h) {
        return JSON.createObjectBuilder()
                .add("v", 1)
                .add("submission", h.submission().toString())
                .add("file", h.file())
                .add("sha256", h.sha256())
                .add("reason", h.reason())
                .add("at", h.at().toString())
                .build()
                .toString();
    }

    /** @throws RuntimeException if it is not a notice of a held-back file */
    public static HeldBack readHeldBack(String json) {
        JsonObject o = parse(json);
        if (o.getInt("v") != 1) {
            throw new IllegalArgumentException("unknown version of a held-back notice");
        }
        String reason = o.getString("reason");
        if (!"altered-after-intake".equals(reason)) {
            throw new IllegalArgumentException("unknown reason for holding a file back: " + reason);
        }
        return new HeldBack(
                SubmissionId.parse(o.getString("submission")),
                o.getString("file"),
                o.getString("sha256"),
                reason,
                Instant.parse(o.getString("at")));
    }

    // ---- helpers

    /** RFC 8785 for the shapes used here: objects with sorted keys, arrays, strings and whole numbers. */
    static String canonical(Object value) {
        StringBuilder sb = new StringBuilder(256);
        append(sb, value);
        return sb.toString();
    }

    @SuppressWarnings("unchecked")
    private static void append(StringBuilder sb, Object value) {
        if (value instanceof String s) {
            CanonicalJson.appendString(sb, s);
        } else if (value instanceof Long || value instanceof Integer) {
            sb.append(value);
        } else if (value instanceof Map<?, ?> map) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<String, Object> e : new TreeMap<>((Map<String, Object>) map).entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                CanonicalJson.appendString(sb, e.getKey());
                sb.append(':');
                append(sb, e.getValue());
            }
            sb.append('}');
        } else if (value instanceof List<?> list) {
            sb.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                append(sb, list.get(i));
            }
            sb.append(']');
        } else {
            throw new IllegalArgumentException("not canonical JSON: " + value);
        }
    }

    private static JsonObject parse(String json) {
        try (var reader = JSON.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    private static String required(String value, String name, int max) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty() || v.length() > max) {
            throw new IllegalArgumentException("\"" + name + "\" is required, at most " + max + " characters");
        }
        return v;
    }

    private static String optional(String value, String name, int max) {
        String v = value == null ? "" : value.strip();
        if (v.length() > max) {
            throw new IllegalArgumentException("\"" + name + "\" has at most " + max + " characters");
        }
        return v;
    }
}
