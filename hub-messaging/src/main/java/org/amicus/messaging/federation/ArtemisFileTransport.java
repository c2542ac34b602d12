package org.amicus.messaging.federation;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.amicus.core.federation.control.Addressee;
import org.amicus.core.node.entity.NodeId;
import org.amicus.core.platform.control.Failures;
import org.amicus.core.submission.control.EvidenceStore;
import org.amicus.core.submission.control.FileTransport;
import org.amicus.core.submission.control.StoredFile;
import org.amicus.messaging.broker.PeerLink;
import org.amicus.messaging.envelope.Attachments;
import org.amicus.messaging.envelope.EnvelopeRejectedException;
import org.amicus.messaging.envelope.OrganisationCertificate;
import org.amicus.messaging.evidence.NodeEvidenceStore;
import org.amicus.messaging.identity.DirectoryKeyView;
import org.amicus.messaging.identity.NodeKey;
import org.amicus.messaging.inbox.Destinations;

/**
 * Files beside envelopes over Artemis (federation.md §3.8, ADR 20), in parts of {@link FileTransport#PART_BYTES}: for
 * each part the sender pulls the ciphertext through {@link Attachments#sealing} from the evidence store's checked
 * plaintext and hands it to the broker as the body of one large message ({@code JMS_AMQ_InputStream}, 64 KiB at a
 * time); the broker and the bridge keep and forward it in pieces. The receiving listener opens a part as it is
 * delivered ({@link #openDelivered}) or streams it to {@code DATA/evidence/incoming} ({@link #save}) to be opened in
 * its turn ({@link #open}); opening decrypts it with this organisation's key, checks its size and MDC, and appends it
 * to the file in the evidence store.
 */
@ApplicationScoped
public class ArtemisFileTransport implements FileTransport {

    private static final Logger LOG = Logger.getLogger(ArtemisFileTransport.class.getName());

    /** Message property naming the file: {@code <envelope id>/<file id>} (routing only: the manifest binds it). */
    public static final String FILE_PROPERTY = "amicusFile";

    /** Message property naming the node that sent the file (routing only, like an envelope's header). */
    public static final String FROM_PROPERTY = "amicusFileFrom";

    /** Message property naming the node the file is for (a relay forwards it there). */
    public static final String TO_PROPERTY = "amicusFileTo";

    private static final Pattern FILE_REF = Pattern.compile("f[0-9]{1,4}");

    /** Ciphertext more than this beyond the largest file is refused while it arrives (OpenPGP framing). */
    static final long FRAMING_ALLOWANCE = 1L << 20;

    @Resource(lookup = Destinations.CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    @Inject
    EvidenceStore store;

    /** Hands a delivered file's body over while the listener's thread opens it. */
    @Resource
    ManagedExecutorService executor;

    @Inject
    NodeEvidenceStore evidence;

    @Inject
    NodeKey key;

    @Inject
    DirectoryKeyView directory;

    @Inject
    Clock clock;

    @Override
    public void ship(
            NodeId nextHop,
            NodeId from,
            Addressee to,
            UUID envelope,
            String fileRef,
            int part,
            int parts,
            InputStream plaintext,
            MessageDigest sha256,
            Instant expires)
            throws IOException {
        requireRef(fileRef);
        if (part < 0 || part >= parts) {
            throw new IllegalArgumentException("part " + part + " of " + parts);
        }
        OrganisationCertificate recipient = directory
                .lookup(to.organisation())
                .filter(e -> !e.revoked())
                .orElseThrow(() -> new IOException("no usable key for organisation " + to.organisation()))
                .certificate();
        Named named = new Named(envelope, fileRef, part);
        Attachments.Sealing sealing = Attachments.sealing(plaintext, List.of(recipient), sha256);
        try (sealing) {
            queue(
                    nextHop,
                    named.name(),
                    from.toString(),
                    to.node(),
                    Math.max(1, expires.toEpochMilli() - clock.millis()),
                    parts == 1 ? Grouping.NONE : new Grouping(named.group(), part == parts - 1 ? -1 : part + 1),
                    new BufferedInputStream(sealing, 1 << 16));
        } catch (JMSException e) {
            throw new IOException(
                    "AMICUS-SUBMISSION-020 the broker did not take part " + part + " of file " + fileRef
                            + " of envelope " + envelope + ": " + Failures.rootMessage(e),
                    e);
        }
    }

    /**
     * The message group a file's parts travel in (JMSXGroupID), so that one listener session takes them in order; the
     * last part closes it (JMSXGroupSeq -1). A part that comes out of order anyway waits in the incoming directory.
     */
    record Grouping(String group, int sequence) {
        static final Grouping NONE = new Grouping(null, 0);

        static Grouping of(BytesMessage message) throws JMSException {
            String group = message.getStringProperty("JMSXGroupID");
            if (group == null) {
                return NONE;
            }
            return new Grouping(
                    group, message.propertyExists("JMSXGroupSeq") ? message.getIntProperty("JMSXGroupSeq") : 0);
        }
    }

    /**
     * Streams a delivered file's body to {@code DATA/evidence/incoming} (ciphertext, as it came) as sent by
     * {@code from}; a copy that is already there is replaced (a redelivery). Refused, with nothing kept, if the name
     * is not a file's or the body exceeds the largest file a node takes.
     *
     * @return the file's envelope and id, or empty if the message names no valid file
     */
    public void save(BytesMessage message, Named named, NodeId from, long maxFileBytes)
            throws JMSException, IOException {
        saveBody(message, incoming(named.envelope(), named.fileRef(), named.part(), from), maxFileBytes);
    }

    /**
     * Opens a part of a file as it is delivered, when the envelope naming the file is already here: the body, handed
     * over by the broker client as it arrives ({@link BodyPipe}), is decrypted with this organisation's key and checked
     * against the part's size ({@code partBytes}) straight into the evidence store, appended to {@code into}, never
     * written anywhere else and never whole in memory.
     *
     * @return the stored file with the part (not counted until the caller records it)
     * @throws FileRefusedException with the kind of refusal if it is not a part of that size (nothing appended)
     * @throws IOException if it cannot be read or stored now (nothing appended; the message is to be redelivered)
     */
    public StoredFile openDelivered(BytesMessage message, long partBytes, StoredFile into)
            throws FileRefusedException, IOException {
        BodyPipe pipe = new BodyPipe(BODY_PATIENCE);
        Future<?> delivery = executor.submit(() -> {
            try {
                message.setObjectProperty("JMS_AMQ_SaveStream", pipe); // returns once the body is written
                pipe.finish();
            } catch (JMSException | IOException | RuntimeException e) {
                pipe.fail(e);
            }
        });
        InputStream body = pipe.input();
        boolean read = false;
        try {
            StoredFile stored;
            try {
                stored = openInto(new BufferedInputStream(body, 1 << 16), partBytes, into);
            } catch (FileRefusedException e) {
                if (!pipe.broken()) {
                    pipe.drain(body); // the client finishes delivering what is refused
                }
                if (pipe.broken()) { // not the file's fault: it did not arrive whole
                    throw new IOException("the file's body was cut short on the way", e);
                }
                read = true;
                throw e;
            }
            try {
                pipe.drain(body); // nothing may follow the part
            } catch (IOException e) {
                discard(into, stored);
                throw e;
            }
            read = true;
            return stored;
        } finally {
            if (!read) {
                pipe.abandon(); // the client's delivery fails too, and the message comes again
            }
            awaitDelivery(delivery);
        }
    }

    /** Waits for the client to have handed over the whole body (or given up), so nothing writes after we return. */
    private static void awaitDelivery(Future<?> delivery) throws IOException {
        try {
            delivery.get(BODY_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the file's body was delivered");
        } catch (ExecutionException | TimeoutException e) {
            delivery.cancel(true);
            throw new IOException("the file's body could not be delivered: " + e.getMessage(), e);
        }
    }

    /** How long a file's body may stop arriving before its delivery is given up (and redelivered). */
    private static final Duration BODY_PATIENCE = Duration.ofSeconds(60);

    /**
     * A part appended to {@code into} as {@code stored} is not to be kept after all: a new file is removed; a part
     * appended to a file with parts already recorded is cut off by the next append (or goes with the file).
     */
    public void discard(StoredFile into, StoredFile stored) {
        if (into.segments() == 0) {
            store.delete(stored.id());
        }
    }

    /**
     * Forwards a delivered file to {@code target}, a direct peer this node relays to (federation.md §6): the body, which
     * this node cannot read, is spooled to {@code DATA/evidence/relay} and queued for the target under the same name,
     * routing properties, duplicate id and expiry; the spool is removed either way. The listener acknowledges the
     * delivered message only after this returns: a crash in between delivers it again and the copy queued again is
     * dropped by the duplicate id (ADR 23).
     *
     * @return false if the message names no valid file or has expired (nothing is queued)
     */
    public boolean forward(BytesMessage message, NodeId target, long maxFileBytes) throws JMSException, IOException {
        Optional<Named> named = named(message.getStringProperty(FILE_PROPERTY));
        long expiration = message.getJMSExpiration();
        long ttl = expiration == 0 ? 0 : expiration - clock.millis();
        if (named.isEmpty() || (expiration != 0 && ttl <= 0)) {
            return false;
        }
        String name = named.get().name();
        Path spool = evidence.relayDirectory().resolve(named.get().spoolName(target));
        try {
            saveBody(message, spool, maxFileBytes);
            try (InputStream body = new BufferedInputStream(Files.newInputStream(spool), 1 << 16)) {
                queue(target, name, message.getStringProperty(FROM_PROPERTY), target, ttl, Grouping.of(message), body);
            }
        } finally {
            Files.deleteIfExists(spool);
        }
        LOG.fine(() -> "AMICUS-SUBMISSION-027 file " + name + " relayed to " + target);
        return true;
    }

    /**
     * Queues {@code body} as file {@code name} for {@code nextHop}, in the caller's transaction if it has one:
     * persistent, bulk priority, the routing properties, and the duplicate id every hop drops a second copy by.
     */
    private void queue(
            NodeId nextHop, String name, String from, NodeId to, long timeToLive, Grouping grouping, InputStream body)
            throws JMSException {
        try (Connection connection = connectionFactory.createConnection();
                Session session = connection.createSession()) {
            MessageProducer producer =
                    session.createProducer(session.createQueue(PeerLink.outboundQueue(nextHop.toString())));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            producer.setPriority(ArtemisFederationTransport.priority("bulk"));
            if (timeToLive > 0) {
                producer.setTimeToLive(timeToLive);
            }
            BytesMessage message = session.createBytesMessage();
            message.setStringProperty(FILE_PROPERTY, name);
            if (from != null) {
                message.setStringProperty(FROM_PROPERTY, from);
            }
            message.setStringProperty(TO_PROPERTY, to.toString());
            message.setStringProperty("_AMQ_DUPL_ID", "file:" + name);
            if (grouping.group() != null) {
                message.setStringProperty("JMSXGroupID", grouping.group());
                message.setIntProperty("JMSXGroupSeq", grouping.sequence());
            }
            message.setObjectProperty("JMS_AMQ_InputStream", body);
            producer.send(message);
        }
    }

    /** Streams the body into {@code target} through a partial file, moved into place once whole. */
    private static void saveBody(BytesMessage message, Path target, long maxFileBytes)
            throws JMSException, IOException {
        saveBody(message, target, maxFileBytes, null);
    }

    /** The same, carrying what is saved on into {@code sha256} if it is given. */
    static void saveBody(BytesMessage message, Path target, long maxFileBytes, MessageDigest sha256)
            throws JMSException, IOException {
        Path part = target.resolveSibling(target.getFileName() + ".part");
        boolean kept = false;
        OutputStream file = new BufferedOutputStream(Files.newOutputStream(part), 1 << 16);
        try (OutputStream out = new Limited(
                sha256 == null ? file : new java.security.DigestOutputStream(file, sha256),
                maxFileBytes + FRAMING_ALLOWANCE)) {
            message.setObjectProperty("JMS_AMQ_SaveStream", out);
            kept = true;
        } finally {
            if (!kept) {
                Files.deleteIfExists(part);
            }
        }
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** A node named by a routing property, if it is a well-formed node id. */
    public static Optional<NodeId> node(BytesMessage message, String property) throws JMSException {
        String value = message.getStringProperty(property);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(NodeId.parse(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * A part of a file: its envelope, its id in the manifest and the part's number. Named {@code <envelope>/<file>}
     * for the first part (a file in one part is named as before parts existed) and {@code <envelope>/<file>/<part>}
     * for the others.
     */
    public record Named(UUID envelope, String fileRef, int part) {

        public Named {
            if (part < 0 || part > MAX_PART) {
                throw new IllegalArgumentException("no part " + part);
            }
        }

        /** The message property's value. */
        public String name() {
            return envelope + "/" + fileRef + (part == 0 ? "" : "/" + part);
        }

        /** The message group of the file's parts. */
        String group() {
            return "file:" + envelope + "/" + fileRef;
        }

        /** A file name for the part's ciphertext kept for {@code node} (its sender, or the relay's target). */
        String spoolName(NodeId node) {
            return envelope + "." + fileRef + "." + part + "." + node + ".pgp";
        }
    }

    /** Parts a file may have: a file of the largest size a node takes has far fewer. */
    static final int MAX_PART = 99_999;

    /** The part of a file a message names, if it names one well-formed. */
    public static Optional<Named> named(BytesMessage message) throws JMSException {
        return named(message.getStringProperty(FILE_PROPERTY));
    }

    static Optional<Named> named(String property) {
        if (property == null) {
            return Optional.empty();
        }
        String[] fields = property.split("/", -1);
        if (fields.length < 2
                || fields.length > 3
                || !FILE_REF.matcher(fields[1]).matches()) {
            return Optional.empty();
        }
        try {
            UUID envelope = UUID.fromString(fields[0]);
            if (!envelope.toString().equals(fields[0])) {
                return Optional.empty();
            }
            int part = 0;
            if (fields.length == 3) {
                if (!PART.matcher(fields[2]).matches()) {
                    return Optional.empty();
                }
                part = Integer.parseInt(fields[2]);
            }
            return Optional.of(new Named(envelope, fields[1], part));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static final Pattern PART = Pattern.compile("[1-9][0-9]{0,4}");

    @Override
    public void keepCarried(UUID envelope, String fileRef, int part, NodeId from, InputStream ciphertext)
            throws IOException {
        requireRef(fileRef);
        Path target = incoming(envelope, fileRef, part, from);
        Files.createDirectories(target.getParent());
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        boolean kept = false;
        try {
            try (OutputStream out = new Limited(
                    new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16),
                    FileTransport.PART_BYTES + FRAMING_ALLOWANCE)) {
                ciphertext.transferTo(out);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            kept = true;
        } finally {
            if (!kept) {
                Files.deleteIfExists(partial);
            }
        }
    }

    @Override
    public void forwardCarried(
            NodeId target,
            String name,
            NodeId from,
            Optional<Instant> expires,
            int groupSequence,
            InputStream ciphertext)
            throws IOException {
        Named named = named(name).orElseThrow(() -> new IllegalArgumentException("not a part's name: " + name));
        long ttl =
                expires.map(t -> Math.max(1, t.toEpochMilli() - clock.millis())).orElse(0L);
        try {
            queue(
                    target,
                    named.name(),
                    from.toString(),
                    target,
                    ttl,
                    groupSequence == 0 ? Grouping.NONE : new Grouping(named.group(), groupSequence),
                    new BufferedInputStream(ciphertext, 1 << 16));
        } catch (JMSException e) {
            throw new IOException(
                    "AMICUS-SUBMISSION-052 the broker did not take part " + named.name() + " for " + target + ": "
                            + Failures.rootMessage(e),
                    e);
        }
        LOG.fine(() -> "AMICUS-SUBMISSION-027 file " + name + " relayed to " + target + " from a bundle");
    }

    @Override
    public boolean arrived(UUID envelope, String fileRef, int part, NodeId from) {
        requireRef(fileRef);
        return Files.isRegularFile(incoming(envelope, fileRef, part, from));
    }

    @Override
    public StoredFile open(UUID envelope, String fileRef, int part, NodeId from, long partBytes, StoredFile into)
            throws FileRefusedException, IOException {
        requireRef(fileRef);
        Path ciphertext = incoming(envelope, fileRef, part, from);
        StoredFile stored;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(ciphertext), 1 << 16)) {
            stored = openInto(in, partBytes, into);
        } catch (FileRefusedException e) {
            Files.deleteIfExists(ciphertext);
            throw e;
        }
        Files.deleteIfExists(ciphertext);
        LOG.fine(() ->
                "AMICUS-SUBMISSION-021 part " + part + " of file " + fileRef + " of envelope " + envelope + " opened");
        return stored;
    }

    /** Decrypts {@code ciphertext}, a part of {@code partBytes} plaintext bytes, appending it to {@code into}. */
    private StoredFile openInto(InputStream ciphertext, long partBytes, StoredFile into)
            throws FileRefusedException, IOException {
        try (InputStream plaintext = Attachments.openingPart(ciphertext, key.unlocked(), partBytes)) {
            return store.append(into, plaintext, partBytes);
        } catch (EnvelopeRejectedException e) {
            throw new FileRefusedException(kind(e), e.getMessage());
        } catch (Attachments.Rejected e) {
            throw new FileRefusedException(kind(e.rejection()), e.getMessage());
        }
    }

    private static String kind(EnvelopeRejectedException e) {
        return e.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    private Path incoming(UUID envelope, String fileRef, int part, NodeId from) {
        return evidence.incomingDirectory().resolve(new Named(envelope, fileRef, part).spoolName(from));
    }

    private static void requireRef(String fileRef) {
        if (!FILE_REF.matcher(fileRef).matches()) {
            throw new IllegalArgumentException("a file id is f1, f2, …");
        }
    }

    /** A file larger than any this node takes: refused, nothing kept. */
    public static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeException() {
            super("the file is larger than any file this node takes");
        }
    }

    /** Refuses to write more than {@code max} bytes. */
    private static final class Limited extends FilterOutputStream {
        private long left;

        Limited(OutputStream out, long max) {
            super(out);
            this.left = max;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            left -= len;
            if (left < 0) {
                throw new TooLargeException();
            }
            out.write(b, off, len);
        }
    }
}
