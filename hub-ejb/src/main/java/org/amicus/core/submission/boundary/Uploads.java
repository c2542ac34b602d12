package org.amicus.core.submission.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.amicus.core.audit.boundary.AuditLog;
import org.amicus.core.federation.control.ContentVault;
import org.amicus.core.submission.control.ChunkTooLargeException;
import org.amicus.core.submission.control.EvidenceStore;
import org.amicus.core.submission.control.Spool;
import org.amicus.core.submission.control.StoredFile;
import org.amicus.core.submission.entity.Upload;
import org.amicus.core.submission.entity.UploadId;
import org.amicus.core.submission.entity.UploadState;

/**
 * Taking in evidence files (docs/submissions.md): an upload is announced (name, size, optionally the SHA-256 the
 * uploader computed), then sent in chunks, each starting where the last committed one ended, so that a broken
 * connection costs at most one chunk: the client asks how far it got and goes on from there. Each chunk is
 * encrypted as it arrives (never in clear on disk) and hashed; completing records the SHA-256 at intake. An
 * upload idle for longer than it is resumable is removed.
 */
@Stateless
public class Uploads {

    /** The most bytes one chunk may carry ({@code -Damicus.uploads.chunk-max-bytes}, default 16 MiB). */
    public static final long CHUNK_LIMIT = Long.getLong("amicus.uploads.chunk-max-bytes", 16L << 20);

    /** The largest file ({@code -Damicus.uploads.max-file-bytes}, default 8 GiB). */
    public static final long MAX_FILE = Long.getLong("amicus.uploads.max-file-bytes", 8L << 30);

    /** How long an idle upload can be resumed ({@code -Damicus.uploads.resumable-seconds}, default 3 days). */
    public static final Duration RESUMABLE =
            Duration.ofSeconds(Long.getLong("amicus.uploads.resumable-seconds", 3 * 24 * 3600));

    private static final Logger LOG = Logger.getLogger(Uploads.class.getName());

    /** Uploads a chunk is arriving for on this node now: never idle, whatever their last commit. */
    private static final java.util.Set<UploadId> RECEIVING_NOW = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern MEDIA_TYPE = Pattern.compile("[a-zA-Z0-9!#$&^_.+-]{1,64}/[a-zA-Z0-9!#$&^_.+-]{1,64}");

    @PersistenceContext(unitName = "amicus")
    EntityManager em;

    @Inject
    EvidenceStore store;

    @Inject
    ContentVault vault;

    @Inject
    Clock clock;

    @Inject
    AuditLog audit;

    @Resource
    SessionContext context;

    @Inject
    SubmissionLedger ledger;

    /** Announces a file: nothing of it is stored until its first chunk. */
    public UploadView start(String name, String mediaType, long size, Optional<String> expectedSha256) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > 255 || n.chars().anyMatch(c -> c < 0x20)) {
            throw new InvalidUploadException("\"name\" is the file's original name: 1 to 255 characters");
        }
        String type = mediaType == null || mediaType.isBlank() ? "application/octet-stream" : mediaType.strip();
        if (!MEDIA_TYPE.matcher(type).matches()) {
            throw new InvalidUploadException("\"mediaType\" is a media type such as application/pdf");
        }
        if (size <= 0 || size > MAX_FILE) {
            throw new InvalidUploadException("\"size\" is the file's size in bytes: 1 to " + MAX_FILE);
        }
        Optional<String> expected = expectedSha256.map(s -> s.strip().toLowerCase(java.util.Locale.ROOT));
        if (expected.isPresent() && !SHA256.matcher(expected.get()).matches()) {
            throw new InvalidUploadException("\"sha256\" is 64 hexadecimal digits");
        }
        byte[] metadata = JSON.createObjectBuilder()
                .add("name", n)
                .add("mediaType", type)
                .build()
                .toString()
                .getBytes(StandardCharsets.UTF_8);
        Instant now = clock.instant();
        Upload u = new Upload(UUID.randomUUID(), vault.seal(metadata), size, store.newKey(), expected, caller(), now);
        em.persist(u);
        audit.recordByCaller("evidence.upload.started", u.id().toString(), null, "ok", size + " bytes announced");
        return view(u);
    }

    /**
     * Takes the chunk that starts at {@code offset}: read and encrypted outside any transaction (a slow link
     * holds no lock), then committed at once if the upload still stands at {@code offset}.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public UploadView append(UploadId id, long offset, InputStream chunk, OptionalLong announcedLength) {
        Upload u = find(id);
        requireReceiving(u);
        if (offset != u.received()) {
            throw new UploadOffsetMismatchException(u.received(), offset);
        }
        long room = u.room(CHUNK_LIMIT);
        if (room == 0) {
            throw new UploadStateException("every byte of the file has arrived: complete the upload");
        }
        if (announcedLength.isPresent() && announcedLength.getAsLong() > room) {
            throw tooLarge(u, room);
        }
        RECEIVING_NOW.add(id);
        try {
            Spool spool;
            long began = System.nanoTime();
            try {
                spool = store.spool(u.file(), chunk, room);
            } catch (ChunkTooLargeException e) {
                throw tooLarge(u, room);
            } catch (IOException e) {
                LOG.info(() -> "AMICUS-SUBMISSION-001 chunk at " + offset + " of upload " + id
                        + " did not arrive whole: " + e.getMessage());
                throw new ChunkIncompleteException(
                        "the chunk did not arrive whole; nothing of it was kept: send it again from byte " + offset);
            }
            if (spool.plainBytes() == 0) {
                store.discard(spool);
                throw new ChunkIncompleteException("the chunk was empty: send the bytes from " + offset);
            }
            long spooled = System.nanoTime();
            try {
                UploadView v = context.getBusinessObject(Uploads.class).commit(id, offset, spool);
                long done = System.nanoTime();
                LOG.fine(() -> "AMICUS-SUBMISSION-008 upload " + id + ": " + spool.plainBytes() + " bytes at " + offset
                        + " received and encrypted in " + (spooled - began) / 1_000_000 + " ms, committed in "
                        + (done - spooled) / 1_000_000 + " ms");
                return v;
            } catch (RuntimeException e) {
                store.discard(spool);
                throw e;
            }
        } finally {
            RECEIVING_NOW.remove(id);
        }
    }

    /** Appends a spooled chunk if the upload still stands at {@code offset}; for {@link #append} only. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public UploadView commit(UploadId id, long offset, Spool spool) {
        Upload u = em.find(Upload.class, id.toString(), LockModeType.PESSIMISTIC_WRITE);
        if (u == null) {
            throw new UploadNotFoundException(id);
        }
        requireReceiving(u);
        if (u.received() != offset) {
            throw new UploadOffsetMismatchException(u.received(), offset);
        }
        StoredFile now;
        try {
            now = store.commit(u.file(), spool);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "AMICUS-SUBMISSION-002 the evidence file of upload " + id + " cannot be written: " + e, e);
        }
        u.appended(now, clock.instant());
        return view(u);
    }

    /**
     * Completes an upload whose every byte arrived: records its SHA-256 at intake, or refuses and discards it if
     * the uploader announced another one.
     */
    public UploadView complete(UploadId id) {
        Upload u = locked(id);
        requireReceiving(u);
        if (!u.whole()) {
            throw new UploadStateException("only " + u.received() + " of " + u.size() + " bytes have arrived; send the"
                    + " rest from byte " + u.received() + " first");
        }
        String sha256;
        try {
            sha256 = store.sha256(u.file());
        } catch (IOException e) {
            throw new IllegalStateException(
                    "AMICUS-SUBMISSION-003 the evidence file of upload " + id + " cannot be read: " + e, e);
        }
        if (!u.complete(sha256, clock.instant())) {
            deleteAfterCommit(u);
            audit.recordByCaller(
                    "evidence.upload.refused",
                    id.toString(),
                    null,
                    "refused",
                    "SHA-256 " + sha256 + " not as announced");
            throw new UploadHashMismatchException("the file that arrived has SHA-256 " + sha256 + ", not "
                    + u.expectedSha256().orElse("") + " as announced; it was discarded: start the upload again");
        }
        audit.recordByCaller(
                "evidence.intake", id.toString(), null, "ok", "SHA-256 " + sha256 + ", " + u.size() + " bytes");
        LOG.info(() -> "AMICUS-SUBMISSION-004 upload " + id + " complete: " + u.size() + " bytes");
        return view(u);
    }

    /** Gives up an upload that is still receiving: its file is removed. */
    public UploadView abandon(UploadId id) {
        Upload u = locked(id);
        requireReceiving(u);
        u.discard(UploadState.ABANDONED, clock.instant());
        deleteAfterCommit(u);
        audit.recordByCaller("evidence.upload.abandoned", id.toString(), null, "ok", u.received() + " bytes removed");
        return view(u);
    }

    /** What the node recorded at intake, and whether the file it keeps still has exactly that SHA-256. */
    public record Verification(UploadView upload, boolean intact, String detail) {}

    /** Reads a completed file again and compares it with its SHA-256 at intake. */
    public Verification verify(UploadId id) {
        Upload u = find(id);
        if (u.state() != UploadState.COMPLETE) {
            throw new UploadStateException("only a complete upload is verified; this one is "
                    + u.state().wireName());
        }
        String intake = u.sha256().orElseThrow();
        boolean intact;
        String detail;
        try {
            String now = store.rehash(u.file());
            intact = now.equals(intake);
            detail = intact ? "the file has its SHA-256 at intake" : "the file now has SHA-256 " + now;
        } catch (IOException e) {
            intact = false;
            detail = "the file was altered: " + e.getMessage();
        }
        audit.recordByCaller("evidence.verified", id.toString(), null, intact ? "ok" : "altered", detail);
        if (!intact) {
            String d = detail;
            LOG.severe(() -> "AMICUS-SUBMISSION-005 evidence file of upload " + id + " is not as taken in: " + d);
        }
        return new Verification(view(u), intact, detail);
    }

    public UploadView get(UploadId id) {
        return view(find(id));
    }

    /** A complete upload's record and its file, as a submission item takes it. */
    public record Complete(UploadView upload, org.amicus.core.submission.control.StoredFile file) {}

    /**
     * The complete upload {@code id}, for a submission item.
     *
     * @throws UploadStateException unless the upload is complete
     */
    public Complete forItem(UploadId id) {
        Upload u = find(id);
        if (u.state() != UploadState.COMPLETE) {
            throw new UploadStateException("only a complete upload goes into a submission; this one is "
                    + u.state().wireName());
        }
        return new Complete(view(u), u.file());
    }

    /** Removes uploads idle for longer than they can be resumed; returns how many. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int expireIdle() {
        Instant now = clock.instant();
        List<Upload> idle = em.createQuery(
                        "select u from Upload u where u.state = 'RECEIVING' and u.updatedAt < :before", Upload.class)
                .setParameter("before", now.minus(RESUMABLE))
                .setMaxResults(100)
                .getResultList();
        for (Upload u : idle) {
            if (RECEIVING_NOW.contains(u.id())) {
                continue; // a chunk is arriving: not idle
            }
            em.lock(u, LockModeType.PESSIMISTIC_WRITE);
            if (!u.idleLongerThan(RESUMABLE, now)) {
                continue;
            }
            u.discard(UploadState.EXPIRED, now);
            deleteAfterCommit(u);
            audit.record(
                    AuditLog.NODE,
                    "evidence.upload.expired",
                    u.id().toString(),
                    null,
                    "ok",
                    u.received() + " of " + u.size() + " bytes, idle since " + u.updatedAt());
            LOG.info(() -> "AMICUS-SUBMISSION-006 upload " + u.id() + " idle since " + u.updatedAt() + " removed");
        }
        return idle.size();
    }

    private static ChunkTooLargeException tooLarge(Upload u, long room) {
        return new ChunkTooLargeException("a chunk here holds at most " + room + " bytes (the node takes " + CHUNK_LIMIT
                + " at once, and " + (u.size() - u.received()) + " remain of the file)");
    }

    /** Removes the file once the transaction that discarded its upload has committed (never before). */
    private void deleteAfterCommit(Upload u) {
        UUID file = u.id().value();
        ledger.afterCommit(() -> store.delete(file));
    }

    private Upload find(UploadId id) {
        Upload u = em.find(Upload.class, id.toString());
        if (u == null) {
            throw new UploadNotFoundException(id);
        }
        return u;
    }

    private Upload locked(UploadId id) {
        Upload u = em.find(Upload.class, id.toString(), LockModeType.PESSIMISTIC_WRITE);
        if (u == null) {
            throw new UploadNotFoundException(id);
        }
        return u;
    }

    private static void requireReceiving(Upload u) {
        if (u.state() != UploadState.RECEIVING) {
            throw new UploadStateException("the upload is " + u.state().wireName() + "; it takes no more chunks");
        }
    }

    private UploadView view(Upload u) {
        JsonObject meta;
        try (var reader = JSON.createReader(new ByteArrayInputStream(vault.unseal(u.sealedMetadata())))) {
            meta = reader.readObject();
        }
        return new UploadView(
                u.id(),
                meta.getString("name"),
                meta.getString("mediaType"),
                u.size(),
                u.received(),
                u.state(),
                u.sha256(),
                u.expectedSha256(),
                u.createdAt(),
                u.updatedAt(),
                u.completedAt(),
                u.state() == UploadState.RECEIVING ? Optional.of(u.updatedAt().plus(RESUMABLE)) : Optional.empty(),
                CHUNK_LIMIT);
    }

    private String caller() {
        return org.amicus.core.membership.entity.Caller.nameOf(context.getCallerPrincipal());
    }
}
