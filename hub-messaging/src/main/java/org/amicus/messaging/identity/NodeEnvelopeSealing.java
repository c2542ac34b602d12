package org.amicus.messaging.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.amicus.core.federation.control.Addressee;
import org.amicus.core.federation.control.Content;
import org.amicus.core.federation.control.Delivery;
import org.amicus.core.federation.control.DeliveryRefusedException;
import org.amicus.core.federation.control.Draft;
import org.amicus.core.federation.control.EnvelopeSealing;
import org.amicus.core.federation.control.SealedEnvelope;
import org.amicus.core.node.boundary.NodeService;
import org.amicus.core.node.entity.NodeId;
import org.amicus.messaging.envelope.EnvelopeFrame;
import org.amicus.messaging.envelope.EnvelopeHeader;
import org.amicus.messaging.envelope.EnvelopeRejectedException;
import org.amicus.messaging.envelope.InnerDocument;
import org.amicus.messaging.envelope.OpenedEnvelope;
import org.amicus.messaging.envelope.OrganisationCertificate;
import org.amicus.messaging.envelope.Priority;

/** The core's sealing port, over the crypto unit and this node's organisation key. */
@ApplicationScoped
public class NodeEnvelopeSealing implements EnvelopeSealing {

    @Inject
    NodeEnvelopes envelopes;

    @Inject
    NodeKey key;

    @Inject
    DirectoryKeyView directory;

    @Inject
    NodeService node;

    @Inject
    Clock clock;

    private volatile NodeId ownNode;

    @Override
    public SealedEnvelope seal(Draft draft, List<Addressee> to) {
        List<Addressee> sorted = to.stream()
                .sorted(Comparator.comparing(a -> a.organisation().hex()))
                .toList();
        List<OrganisationCertificate> certificates = sorted.stream()
                .map(a -> directory
                        .lookup(a.organisation())
                        .filter(e -> !e.revoked())
                        .orElseThrow(() ->
                                new IllegalArgumentException("no usable key for organisation " + a.organisation()))
                        .certificate())
                .toList();
        Instant now = clock.instant();
        EnvelopeHeader header = new EnvelopeHeader(
                UUID.randomUUID(),
                key.unlocked().fingerprint(),
                ownNode().toString(),
                sorted.stream().map(Addressee::organisation).distinct().toList(),
                sorted.stream()
                        .map(a -> a.node().toString())
                        .distinct()
                        .sorted()
                        .toList(),
                now,
                now.plus(draft.timeToLive()),
                Priority.valueOf(draft.priority().toUpperCase(Locale.ROOT)));
        byte[] wire = envelopes.seal(
                header,
                new InnerDocument(
                                draft.type(),
                                draft.subject(),
                                draft.body(),
                                List.of(),
                                draft.files().stream()
                                        .map(f -> new InnerDocument.Attachment(
                                                f.id(), f.name(), f.mediaType(), f.size(), f.sha256()))
                                        .toList())
                        .withMarking(draft.marking()),
                certificates);
        return new SealedEnvelope(
                header.id(),
                wire,
                header.created(),
                header.expires(),
                header.priority().wire(),
                sha256(wire));
    }

    @Override
    public Optional<Peeked> peek(byte[] wire) {
        try {
            EnvelopeHeader h = EnvelopeHeader.parse(
                    EnvelopeFrame.parse(wire, NodeEnvelopes.MAX_PAYLOAD).header());
            return Optional.of(new Peeked(
                    h.id(),
                    NodeId.parse(h.fromNode()),
                    h.toNodes().stream().map(NodeId::parse).toList(),
                    h.created(),
                    h.expires(),
                    h.priority().wire()));
        } catch (EnvelopeRejectedException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public Delivery open(byte[] wire) throws DeliveryRefusedException {
        try {
            OpenedEnvelope opened = envelopes.open(wire);
            EnvelopeHeader h = opened.header();
            return new Delivery(
                    h.id(),
                    NodeId.parse(h.fromNode()),
                    opened.sender(),
                    h.toNodes().stream().map(NodeId::parse).toList(),
                    h.created(),
                    h.expires(),
                    h.priority().wire(),
                    content(opened));
        } catch (EnvelopeRejectedException e) {
            throw refused(e);
        }
    }

    @Override
    public Content reopen(byte[] wire, Instant receivedAt) throws DeliveryRefusedException {
        try {
            return content(envelopes.reopen(wire, receivedAt));
        } catch (EnvelopeRejectedException e) {
            throw refused(e);
        }
    }

    @Override
    public String sha256(byte[] wire) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(wire));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private NodeId ownNode() {
        NodeId n = ownNode;
        if (n == null) {
            n = node.ensureIdentity();
            ownNode = n;
        }
        return n;
    }

    private static Content content(OpenedEnvelope opened) {
        return new Content(
                opened.document().type(),
                opened.document().subject(),
                opened.document().body(),
                opened.document().marking(),
                opened.document().attachments().stream()
                        .map(a -> new org.amicus.core.federation.control.FileRef(
                                a.id(), a.name(), a.mediaType(), a.size(), a.sha256()))
                        .toList());
    }

    private static DeliveryRefusedException refused(EnvelopeRejectedException e) {
        return new DeliveryRefusedException(
                e.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'), e.getMessage());
    }
}
