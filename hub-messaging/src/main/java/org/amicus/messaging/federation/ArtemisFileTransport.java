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
 * Files beside envelopes over Artemis (federation.md §3.8): the sender pulls the ciphertext through
 * {@link Attachments#sealing} from the evidence store's checked plaintext and hands it to the broker as the body of
 * one large message ({@code JMS_AMQ_InputStream}, 64 KiB at a time); the broker and the bridge keep and forward it
 * in pieces. The receiving listener streams the body to {@code DATA/evidence/incoming} ({@link #save}); opening
 * decrypts it with this organisation's key against the manifest entry straight into the evidence store.
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
    public String ship(
            NodeId nextHop, NodeId from, Addressee to, UUID envelope, String fileRef, StoredFile file, Instant expires)
            throws IOException {
        requireRef(fileRef);
        OrganisationCertificate recipient = directory
                .lookup(to.organisation())
                .filter(e -> !e.revoked())
                .orElseThrow(() -> new IOException("no usable key for organisation " + to.organisation()))
                .certificate();
        Attachments.Sealing sealing = Attachments.sealing(store.open(file), List.of(recipient));
        try (sealing) {
            queue(
                    nextHop,
                    envelope + "/" + fileRef,
                    from.toString(),
                    to.node(),
                    Math.max(1, expires.toEpochMilli() - clock.millis()),
                    new BufferedInputStream(sealing, 1 << 16));
        } catch (JMSException e) {
            throw new IOException(
                    "AMICUS-SUBMISSION-020 the broker did not take file " + fileRef + " of envelope " + envelope + ": "
                            + Failures.rootMessage(e),
                    e);
        }
        return sealing.sealed().sha256();
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
        saveBody(message, incoming(named.envelope(), named.fileRef(), from), maxFileBytes);
    }

    /**
     * Opens a file as it is delivered, when the envelope naming it is already here: the body, handed over by the
     * broker client as it arrives ({@link BodyPipe}), is decrypted with this organisation's key against the manifest
     * entry ({@code sha256}, {@code size}) straight into the evidence store, never written anywhere else and never
     * whole in memory.
     *
     * @return the stored file
     * @throws FileRefusedException with the kind of refusal if it is not the file the manifest names (nothing kept)
     * @throws IOException if it cannot be read or stored now (nothing kept; the message is to be redelivered)
     */
    public StoredFile openDelivered(BytesMessage message, String sha256, long size)
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
                stored = openInto(
                        new BufferedInputStream(body, 1 << 16),
                        sha256,
                        size,
                        new StoredFile(UUID.randomUUID(), store.newKey(), 0, 0, 0));
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
                pipe.drain(body); // nothing may follow the file
            } catch (IOException e) {
                store.delete(stored.id());
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

    /** Removes a file opened into the evidence store that is not to be kept after all. */
    public void discard(StoredFile stored) {
        store.delete(stored.id());
    }

    /**
     * Forwards a delivered file to {@code target}, a direct peer this node relays to (federation.md §6): the body, which
     * this node cannot read, is spooled to {@code DATA/evidence/relay} and queued for the target under the same name,
     * routing properties, duplicate id and expiry, in the caller's transaction (the listener's: consumed here if and
     * only if queued there); the spool is removed either way.
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
        String name = named.get().envelope() + "/" + named.get().fileRef();
        Path spool = evidence.relayDirectory()
                .resolve(named.get().envelope() + "." + named.get().fileRef() + "." + target + ".pgp");
        try {
            saveBody(message, spool, maxFileBytes);
            try (InputStream body = new BufferedInputStream(Files.newInputStream(spool), 1 << 16)) {
                queue(target, name, message.getStringProperty(FROM_PROPERTY), target, ttl, body);
            }
        } finally {
            Files.deleteIfExists(spool);
        }
        LOG.fine(() -> "AMICUS-SUBMISSION-027 file " + name + " relayed to " + target);
        return true;
    }

    /**
     * Queues {@code body} as file {@code name} for {@code nextHop}, in the caller's transaction: persistent, bulk
     * priority, the routing properties, and the duplicate id every hop drops a second copy by.
     */
    private void queue(NodeId nextHop, String name, String from, NodeId to, long timeToLive, InputStream body)
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
            message.setObjectProperty("JMS_AMQ_InputStream", body);
            producer.send(message);
        }
    }

    /** Streams the body into {@code target} through a partial file, moved into place once whole. */
    private static void saveBody(BytesMessage message, Path target, long maxFileBytes)
            throws JMSException, IOException {
        Path part = target.resolveSibling(target.getFileName() + ".part");
        boolean kept = false;
        try (OutputStream out = new Limited(
                new BufferedOutputStream(Files.newOutputStream(part), 1 << 16), maxFileBytes + FRAMING_ALLOWANCE)) {
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

    /** A file's envelope and its id in the manifest. */
    public record Named(UUID envelope, String fileRef) {}

    /** The file a message names, if it names one well-formed. */
    public static Optional<Named> named(BytesMessage message) throws JMSException {
        return named(message.getStringProperty(FILE_PROPERTY));
    }

    static Optional<Named> named(String property) {
        if (property == null) {
            return Optional.empty();
        }
        int slash = property.indexOf('/');
        if (slash < 0 || !FILE_REF.matcher(property.substring(slash + 1)).matches()) {
            return Optional.empty();
        }
        try {
            UUID envelope = UUID.fromString(property.substring(0, slash));
            if (!envelope.toString().equals(property.substring(0, slash))) {
                return Optional.empty();
            }
            return Optional.of(new Named(envelope, property.substring(slash + 1)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean arrived(UUID envelope, String fileRef, NodeId from) {
        requireRef(fileRef);
        return Files.isRegularFile(incoming(envelope, fileRef, from));
    }

    @Override
    public StoredFile open(UUID envelope, String fileRef, NodeId from, String sha256, long size, StoredFile into)
            throws FileRefusedException, IOException {
        requireRef(fileRef);
        Path ciphertext = incoming(envelope, fileRef, from);
        StoredFile stored;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(ciphertext), 1 << 16)) {
            stored = openInto(in, sha256, size, into);
        } catch (FileRefusedException e) {
            Files.deleteIfExists(ciphertext);
            throw e;
        }
        Files.deleteIfExists(ciphertext);
        LOG.fine(() -> "AMICUS-SUBMISSION-021 file " + fileRef + " of envelope " + envelope + " verified and kept");
        return stored;
    }

    /** Decrypts {@code ciphertext} against the manifest entry into the evidence store as {@code into}. */
    private StoredFile openInto(InputStream ciphertext, String sha256, long size, StoredFile into)
            throws FileRefusedException, IOException {
        try (InputStream plaintext =
                Attachments.opening(ciphertext, key.unlocked(), new Attachments.Sealed(sha256, size))) {
            return store.create(into, plaintext, size);
        } catch (EnvelopeRejectedException e) {
            throw new FileRefusedException(kind(e), e.getMessage());
        } catch (Attachments.Rejected e) {
            throw new FileRefusedException(kind(e.rejection()), e.getMessage());
        }
    }

    private static String kind(EnvelopeRejectedException e) {
        return e.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    private Path incoming(UUID envelope, String fileRef, NodeId from) {
        return evidence.incomingDirectory().resolve(envelope + "." + fileRef + "." + from + ".pgp");
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
