package org.amicus.core.audit.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.amicus.core.audit.control.AuditChain;
import org.amicus.core.audit.control.AuditVerification;
import org.amicus.core.audit.control.CheckpointSigner;
import org.amicus.core.audit.entity.AuditCheckpoint;
import org.amicus.core.audit.entity.AuditEntry;
import org.amicus.core.audit.entity.AuditRecord;

/**
 * The audit log (docs/audit.md): append in the transaction of what is recorded, link into the hash chain,
 * sign checkpoints, read, verify, export. Records ids, kinds and counts, never content.
 */
@Stateless
public class AuditLog {

    private static final Logger LOG = Logger.getLogger(AuditLog.class.getName());

    /** A checkpoint at least after this many new entries… */
    static final int CHECKPOINT_EVERY_ENTRIES = 1_000;
    /** …and at most this long after the first entry it does not yet cover. */
    static final Duration CHECKPOINT_EVERY = Duration.ofSeconds(Long.getLong("amicus.audit.checkpoint-seconds", 60));

    static final int CHAIN_BATCH = 1_000;
    private static final int PAGE = 5_000;

    @PersistenceContext(unitName = "amicus")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    CheckpointSigner signer;

    /** The node's operator (the operator token; docs/access.md). */
    public static final String OPERATOR = "operator";

    /** Someone not signed in (a failed sign-in with an unknown username). */
    public static final String ANONYMOUS = "anonymous";

    @Resource
    SessionContext context;

    /**
     * Appends an entry under whoever is calling, as Jakarta Security authenticated them ({@code person:<id>}
     * or {@code operator}), or {@link #NODE} when no one is (a timer, a message from the broker).
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public void recordByCaller(String action, String subject, String marking, String outcome, String detail) {
        record(caller(), action, subject, marking, outcome, detail);
    }

    private String caller() {
        java.security.Principal p = context.getCallerPrincipal();
        String name = p == null ? null : p.getName();
        return name == null || name.isBlank() || "ANONYMOUS".equalsIgnoreCase(name) ? NODE : name;
    }

    /** The node itself (its jobs). */
    public static final String NODE = "node";

    /** A peer node, as the broker authenticated it. */
    public static String peer(Object nodeId) {
        return "peer:" + nodeId;
    }

    /**
     * Appends an entry in the caller's transaction: it exists if and only if what it records committed.
     * {@code subject} is an object id, {@code marking} a marking's code, {@code detail} a few words or counts.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public void record(String actor, String action, String subject, String marking, String outcome, String detail) {
        em.persist(new AuditEntry(new AuditRecord(clock.instant(), actor, action, subject, marking, outcome, detail)));
    }

    /** Links the entries written since the last call into the chain, in the order of their ids. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int chainPending() {
        List<AuditEntry> pending = em.createQuery(
                        "SELECT e FROM AuditEntry e WHERE e.seq IS NULL ORDER BY e.id", AuditEntry.class)
                .setMaxResults(CHAIN_BATCH)
                .getResultList();
        if (pending.isEmpty()) {
            return 0;
        }
        Optional<AuditEntry> head = head();
        long seq = head.flatMap(AuditEntry::seq).orElse(0L);
        String prev = head.map(AuditEntry::hash).orElse(AuditChain.GENESIS);
        for (AuditEntry e : pending) {
            seq++;
            String hash = AuditChain.hash(seq, prev, e.record());
            e.chain(seq, prev, hash);
            prev = hash;
        }
        em.flush(); // a second chainer (there is none) would fail here on the unique seq, not fork the chain
        return pending.size();
    }

    /** Signs the chain's head if enough entries or time went by since the last checkpoint (or {@code now}). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<CheckpointView> checkpoint(boolean now) {
        Optional<AuditEntry> head = head();
        if (head.isEmpty()) {
            return Optional.empty();
        }
        long headSeq = head.get().seq().orElseThrow();
        Optional<AuditCheckpoint> last = lastCheckpoint();
        long signed = last.map(AuditCheckpoint::seq).orElse(0L);
        if (headSeq <= signed) {
            return Optional.empty();
        }
        Instant at = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        boolean due = now
                || headSeq - signed >= CHECKPOINT_EVERY_ENTRIES
                || last.map(c -> !c.createdAt().plus(CHECKPOINT_EVERY).isAfter(at))
                        .orElse(true);
        if (!due) {
            return Optional.empty();
        }
        String line = AuditChain.checkpointLine(headSeq, head.get().hash(), at, signer.signer());
        byte[] signature = signer.sign(line.getBytes(StandardCharsets.UTF_8));
        em.persist(new AuditCheckpoint(headSeq, head.get().hash(), at, signer.signer(), signature));
        LOG.info(() -> "AMICUS-AUDIT-001 audit log signed up to entry " + headSeq);
        return Optional.of(new CheckpointView(headSeq, head.get().hash(), at));
    }

    /** Chained entries after {@code afterSeq}, oldest first. */
    public List<EntryView> entries(long afterSeq, int limit) {
        return em
                .createQuery("SELECT e FROM AuditEntry e WHERE e.seq > :after ORDER BY e.seq", AuditEntry.class)
                .setParameter("after", afterSeq)
                .setMaxResults(Math.max(1, Math.min(limit, 1_000)))
                .getResultList()
                .stream()
                .map(EntryView::of)
                .toList();
    }

    /** Checks the whole log against its chain and its signed checkpoints. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public AuditVerification verify() {
        List<AuditChain.SignedCheckpoint> checkpoints = checkpoints();
        AuditChain.Verifier verifier = new AuditChain.Verifier(checkpoints);
        forEachChained(verifier::accept);
        long pending = em.createQuery("SELECT COUNT(e) FROM AuditEntry e WHERE e.seq IS NULL", Long.class)
                .getSingleResult();
        AuditVerification result = verifier.finish(
                c -> signer.verify(
                        AuditChain.checkpointLine(c.seq(), c.hash(), c.at(), c.signer())
                                .getBytes(StandardCharsets.UTF_8),
                        c.signature(),
                        c.signer()),
                pending);
        if (!result.intact()) {
            LOG.warning(() -> "AMICUS-AUDIT-002 the audit log is not intact: " + result.problems());
        }
        return result;
    }

    /**
     * Writes the log as lines a person can check without Amicus (docs/audit.md): each entry's canonical line
     * (its SHA-256 is the next line's {@code prev}), then each checkpoint's signed line followed by a line with
     * its armored OpenPGP signature.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void export(Writer out) throws IOException {
        try {
            forEachChained(e -> {
                try {
                    out.write(AuditChain.line(e.seq(), e.prevHash(), e.record()));
                    out.write('\n');
                } catch (IOException x) {
                    throw new java.io.UncheckedIOException(x);
                }
            });
        } catch (java.io.UncheckedIOException x) {
            throw x.getCause();
        }
        for (AuditChain.SignedCheckpoint c : checkpoints()) {
            out.write(AuditChain.checkpointLine(c.seq(), c.hash(), c.at(), c.signer()));
            out.write('\n');
            out.write("{\"signature\":\""
                    + signer.armor(c.signature()).replace("\r", "").replace("\n", "\\n") + "\"}\n");
        }
        out.flush();
    }

    private void forEachChained(java.util.function.Consumer<AuditChain.ChainedEntry> each) {
        long after = 0;
        while (true) {
            List<AuditEntry> page = em.createQuery(
                            "SELECT e FROM AuditEntry e WHERE e.seq > :after ORDER BY e.seq", AuditEntry.class)
                    .setParameter("after", after)
                    .setMaxResults(PAGE)
                    .getResultList();
            for (AuditEntry e : page) {
                each.accept(new AuditChain.ChainedEntry(e.seq().orElseThrow(), e.prevHash(), e.hash(), e.record()));
                after = e.seq().orElseThrow();
            }
            em.clear();
            if (page.size() < PAGE) {
                return;
            }
        }
    }

    private List<AuditChain.SignedCheckpoint> checkpoints() {
        return em
                .createQuery("SELECT c FROM AuditCheckpoint c ORDER BY c.seq", AuditCheckpoint.class)
                .getResultList()
                .stream()
                .map(c -> new AuditChain.SignedCheckpoint(c.seq(), c.hash(), c.createdAt(), c.signer(), c.signature()))
                .toList();
    }

    /*
     * The head and the last checkpoint by MAX, which both databases answer from the index on seq: H2 answered
     * "ORDER BY seq DESC" with one row by reading and sorting the whole table, twice a second, on a log that only
     * grows (performance.md).
     */
    private Optional<AuditEntry> head() {
        return em
                .createQuery(
                        "SELECT e FROM AuditEntry e WHERE e.seq = (SELECT MAX(x.seq) FROM AuditEntry x)",
                        AuditEntry.class)
                .getResultList()
                .stream()
                .findFirst();
    }

    private Optional<AuditCheckpoint> lastCheckpoint() {
        return em
                .createQuery(
                        "SELECT c FROM AuditCheckpoint c WHERE c.seq = (SELECT MAX(x.seq) FROM AuditCheckpoint x)",
                        AuditCheckpoint.class)
                .getResultList()
                .stream()
                .findFirst();
    }

    /** An entry as the API shows it. */
    public record EntryView(long seq, AuditRecord record, String hash) {
        static EntryView of(AuditEntry e) {
            return new EntryView(e.seq().orElseThrow(), e.record(), e.hash());
        }
    }

    /** A checkpoint just made. */
    public record CheckpointView(long seq, String hash, Instant at) {}
}
