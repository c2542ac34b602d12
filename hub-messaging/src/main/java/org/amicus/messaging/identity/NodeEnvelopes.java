package org.amicus.messaging.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Collection;
import java.util.Locale;
import java.util.logging.Logger;
import org.amicus.messaging.envelope.EnvelopeHeader;
import org.amicus.messaging.envelope.EnvelopeRejectedException;
import org.amicus.messaging.envelope.Envelopes;
import org.amicus.messaging.envelope.InnerDocument;
import org.amicus.messaging.envelope.OpenedEnvelope;
import org.amicus.messaging.envelope.OrganisationCertificate;
import org.amicus.messaging.envelope.SeenEnvelopes;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Sealing and opening with this node's key, directory and replay record. Opening must run inside the
 * transaction that stores what it opened: the envelope id is recorded in it, so it counts as seen if
 * and only if that transaction commits. Every rejection is counted per kind (metric
 * {@code amicus_envelope_rejected_total}) and logged with its kind only, never with content.
 */
@ApplicationScoped
public class NodeEnvelopes {

    /** Largest payload accepted before any decryption (attachments travel separately). */
    public static final long MAX_PAYLOAD = 2L * 1024 * 1024;

    private static final Logger LOG = Logger.getLogger(NodeEnvelopes.class.getName());

    @Inject
    NodeKey key;

    @Inject
    DirectoryKeyView directory;

    @Inject
    PersistentSeenEnvelopes seen;

    @Inject
    Clock clock;

    @Inject
    MetricRegistry metrics;

    public byte[] seal(EnvelopeHeader header, InnerDocument document, Collection<OrganisationCertificate> recipients) {
        return Envelopes.seal(header, document, key.unlocked(), recipients);
    }

    public OpenedEnvelope open(byte[] wire) throws EnvelopeRejectedException {
        try {
            OpenedEnvelope opened = Envelopes.open(wire, recipient());
            metrics.counter("amicus_envelope_opened_total").inc();
            return opened;
        } catch (EnvelopeRejectedException e) {
            throw counted(e, "AMICUS-ENVELOPE-001 envelope", wire.length);
        }
    }

    /**
     * Opens an envelope this node accepted earlier, to read it: verified as at {@code acceptedAt} (it was
     * valid then), and not checked against the replay record (its id is in it, since it was accepted).
     */
    public OpenedEnvelope reopen(byte[] wire, java.time.Instant acceptedAt) throws EnvelopeRejectedException {
        return Envelopes.open(
                wire,
                new Envelopes.Recipient(
                        key.unlocked(),
                        directory,
                        SeenEnvelopes.none(),
                        Clock.fixed(acceptedAt, java.time.ZoneOffset.UTC),
                        MAX_PAYLOAD));
    }

    /**
     * Opens an OpenPGP message made by standard tools (e.g. {@code gpg --sign --encrypt}) for this
     * organisation, identifying its signer in the key directory. It has no outer header, so no replay
     * record: it is an import, not a delivery.
     */
    public Envelopes.ImportedMessage openImported(byte[] message) throws EnvelopeRejectedException {
        try {
            Envelopes.ImportedMessage opened = Envelopes.openImported(message, recipient(), directory.all());
            metrics.counter("amicus_message_imported_total").inc();
            LOG.info(() -> "AMICUS-ENVELOPE-002 message of " + message.length + " bytes imported, signed by "
                    + opened.signer());
            return opened;
        } catch (EnvelopeRejectedException e) {
            throw counted(e, "AMICUS-ENVELOPE-003 imported message", message.length);
        }
    }

    /** Counts a rejection per kind and logs it with its kind and size only, never content. */
    private EnvelopeRejectedException counted(EnvelopeRejectedException e, String what, int length) {
        String kind = e.kind().name().toLowerCase(Locale.ROOT).replace('_', '-');
        metrics.counter("amicus_envelope_rejected_total", new Tag("kind", kind)).inc();
        LOG.warning(() -> what + " of " + length + " bytes rejected: " + kind);
        return e;
    }

    private Envelopes.Recipient recipient() {
        return new Envelopes.Recipient(key.unlocked(), directory, seen, clock, MAX_PAYLOAD);
    }
}
