package org.amicus.core.submission.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.amicus.core.audit.boundary.AuditLog;
import org.amicus.core.federation.boundary.ContentWithheldException;
import org.amicus.core.membership.entity.Caller;
import org.amicus.core.submission.control.EvidenceStore;
import org.amicus.core.submission.control.StoredFile;
import org.amicus.core.submission.control.SubmissionMessages;
import org.amicus.core.submission.control.WorkingCopy;
import org.amicus.core.submission.entity.ItemState;
import org.amicus.core.submission.entity.Submission;
import org.amicus.core.submission.entity.SubmissionId;
import org.amicus.core.submission.entity.SubmissionItem;

/**
 * Opening a submission's files on this node (docs/submissions.md, "Opening the files"): the original exactly as it
 * was taken in, or a working copy of an image without its identifying metadata. Only a signed-in person opens
 * evidence, and every opening is audited under that person with the SHA-256 of what was handed out.
 */
@Stateless
public class EvidenceFiles {

    private static final Logger LOG = Logger.getLogger(EvidenceFiles.class.getName());

    @PersistenceContext(unitName = "amicus")
    EntityManager em;

    @Inject
    SubmissionLedger ledger;

    @Inject
    EvidenceStore store;

    @Inject
    AuditLog audit;

    @Resource
    SessionContext context;

    /** Which bytes: the original as taken in, or a working copy without metadata. */
    public enum Copy {
        ORIGINAL,
        WORKING
    }

    /** What is handed out: its name, type, length and SHA-256, what was removed, and the bytes themselves. */
    public record Download(String name, String mediaType, long length, String sha256, Set<String> removed, Body body) {}

    /** Writes the file's bytes (after the transaction that allowed it: the file is read as it is written). */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * File {@code fileRef} of submission {@code id}, as this node holds it: the sender's own file, or a received one
     * that was verified against its manifest.
     *
     * @throws ContentWithheldException for the operator token (no person to answer for the opening)
     * @throws SubmissionStateException if this node holds no verified copy of the file
     * @throws WorkingCopyUnavailableException if no working copy can be made of it
     */
    public Download open(SubmissionId id, String fileRef, Copy copy) {
        Optional<String> person = Caller.personOf(context.getCallerPrincipal()).map(Object::toString);
        if (person.isEmpty()) {
            String why = "evidence is opened by a signed-in person, who answers for it in the audit log; the operator"
                    + " token is no person";
            audit.recordByCaller("content.withheld", id.toString(), null, "refused", fileRef + ": " + why);
            throw new ContentWithheldException(why);
        }
        Submission s = em.find(Submission.class, id.toString());
        if (s == null) {
            throw new SubmissionNotFoundException(id.toString());
        }
        SubmissionItem item = ledger.items(s).stream()
                .filter(i -> i.fileRef().equals(fileRef))
                .findFirst()
                .orElseThrow(() -> new SubmissionNotFoundException(id + " with a file " + fileRef));
        Optional<StoredFile> file = item.file();
        boolean held = item.state() == ItemState.VERIFIED
                || item.state() == ItemState.READY
                || item.state() == ItemState.SHIPPED;
        if (file.isEmpty() || !held) {
            throw new SubmissionStateException("this node holds no verified copy of " + fileRef + " ("
                    + item.state().wireName() + ")");
        }
        SubmissionMessages.ItemDetails details = SubmissionMessages.readDetails(ledger.unseal(item.sealedContent()));
        StoredFile stored = file.get();
        Download d = copy == Copy.ORIGINAL ? original(item, details, stored) : working(item, details, stored);
        audit.recordByCaller(
                "submission.file.opened",
                id.toString(),
                null,
                "ok",
                fileRef + ": " + (copy == Copy.ORIGINAL ? "original" : "working copy without " + d.removed())
                        + ", " + d.length() + " bytes, SHA-256 " + d.sha256()
                        + (copy == Copy.ORIGINAL ? "" : " (original " + item.sha256() + ")"));
        LOG.fine(() ->
                "AMICUS-SUBMISSION-046 " + fileRef + " of submission " + id + " opened by person " + person.get());
        return d;
    }

    private Download original(SubmissionItem item, SubmissionMessages.ItemDetails details, StoredFile stored) {
        return new Download(details.originalName(), details.mediaType(), item.size(), item.sha256(), Set.of(), out -> {
            try (InputStream in = store.open(stored)) {
                in.transferTo(out);
            }
        });
    }

    /**
     * A working copy is made twice: once here to learn its length, SHA-256 and what it leaves out (and to refuse an
     * image that is not one before anything is sent), once as it is written out; both are the same bytes.
     */
    private Download working(SubmissionItem item, SubmissionMessages.ItemDetails details, StoredFile stored) {
        WorkingCopy.Format format = WorkingCopy.formatOf(details.mediaType())
                .orElseThrow(() -> new WorkingCopyUnavailableException("a working copy without metadata is made of"
                        + " JPEG and PNG images; " + item.fileRef() + " is " + details.mediaType()
                        + ": open the original"));
        MessageDigest sha256 = org.amicus.core.platform.control.Sha256.digest();
        WorkingCopy.Result planned;
        try (InputStream in = store.open(stored);
                OutputStream digest = new DigestOutputStream(OutputStream.nullOutputStream(), sha256)) {
            planned = WorkingCopy.write(format, in, digest);
        } catch (WorkingCopy.MalformedImageException e) {
            throw new WorkingCopyUnavailableException(item.fileRef() + " is not a well-formed " + format + " image ("
                    + e.getMessage() + "): open the original");
        } catch (IOException e) {
            throw new SubmissionStateException("the file of " + item.fileRef() + " cannot be read: " + e.getMessage());
        }
        return new Download(
                workingName(details.originalName()),
                details.mediaType(),
                planned.length(),
                HexFormat.of().formatHex(sha256.digest()),
                planned.removed(),
                out -> {
                    try (InputStream in = store.open(stored)) {
                        WorkingCopy.write(format, in, out);
                    }
                });
    }

    /** {@code photo.jpg} → {@code photo (working copy).jpg}. */
    static String workingName(String original) {
        int dot = original.lastIndexOf('.');
        return dot > 0
                ? original.substring(0, dot) + " (working copy)" + original.substring(dot)
                : original + " (working copy)";
    }
}
