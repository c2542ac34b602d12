package org.amicus.messaging.federation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import org.amicus.core.federation.control.CheckedCard;
import org.amicus.core.federation.control.InvalidCardException;
import org.amicus.core.federation.control.PeerCards;
import org.amicus.core.federation.entity.PeerAddress;
import org.amicus.core.federation.entity.TlsPin;
import org.amicus.core.identity.control.CertificateFacts;
import org.amicus.core.identity.control.CertificateInspector;
import org.amicus.core.identity.control.InvalidCertificateException;
import org.amicus.core.membership.entity.OrganisationType;
import org.amicus.core.node.boundary.NodeService;
import org.amicus.core.node.entity.NodeId;
import org.amicus.core.organisation.boundary.OwnOrganisation;
import org.amicus.messaging.envelope.DetachedSignatures;
import org.amicus.messaging.envelope.KeyProtectionException;
import org.amicus.messaging.envelope.OrganisationCertificate;
import org.amicus.messaging.envelope.TlsBinding;
import org.amicus.messaging.envelope.TlsIdentity;
import org.amicus.messaging.identity.NodeKey;

/**
 * Peering cards (docs/protocol/federation.md §3). A card is JSON: version, node id, organisation name,
 * fingerprint, the address peers connect to, the armored organisation certificate, the TLS certificate
 * (PEM), and the TLS binding (its canonical bytes and the organisation's detached signature, both
 * base64). A card proves that its organisation key vouches for its TLS key; whether that organisation
 * key is the right one is the operator's out-of-band check of the fingerprint.
 */
@ApplicationScoped
public class NodePeerCards implements PeerCards {

    public static final int MAX_CARD_BYTES = 96 * 1024;

    @Inject
    FederationPaths paths;

    @Inject
    NodeKey key;

    @Inject
    NodeService node;

    @Inject
    CertificateInspector inspector;

    @Inject
    Clock clock;

    @Inject
    OwnOrganisation ownOrganisation;

    private static final java.util.regex.Pattern STATEMENT =
            java.util.regex.Pattern.compile("\\{\"nodeId\":\"([0-9a-f-]{36})\",\"type\":\"([a-z-]{1,40})\",\"v\":1\\}");

    /** The organisation's signed statement of its type: canonical JSON for one node. */
    static byte[] statement(NodeId nodeId, OrganisationType type) {
        return ("{\"nodeId\":\"" + nodeId + "\",\"type\":\"" + type.wireName() + "\",\"v\":1}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private volatile String cached;
    private volatile String cachedFor;

    @Override
    public String ownCard() {
        try {
            String pem = Files.readString(paths.tlsCertificate(), StandardCharsets.US_ASCII);
            String address = paths.publicAddress()
                    .orElseThrow(() -> new FederationUnavailableException("no public address configured"));
            OrganisationType type = ownOrganisation.type();
            String cacheKey = pem + address + key.current().certificate() + type;
            if (cacheKey.equals(cachedFor)) {
                return cached;
            }
            X509Certificate tls = TlsIdentity.parseCertificate(pem.getBytes(StandardCharsets.US_ASCII));
            NodeId nodeId = node.ensureIdentity();
            TlsBinding binding = TlsBinding.of(
                    nodeId.toString(), tls.getPublicKey(), tls.getNotAfter().toInstant());
            byte[] signature = binding.sign(key.unlocked());
            var own = key.current();
            byte[] statement = statement(nodeId, type);
            byte[] statementSignature = DetachedSignatures.sign(key.unlocked(), statement);
            CertificateFacts facts = inspector.inspect(own.certificate().getBytes(StandardCharsets.US_ASCII));
            String card = Json.createObjectBuilder()
                    .add("amicusPeeringCard", 1)
                    .add("nodeId", nodeId.toString())
                    .add("organisation", facts.displayName())
                    .add("organisationType", type.wireName())
                    .add("fingerprint", own.fingerprint().hex())
                    .add("fingerprintGrouped", own.fingerprint().grouped())
                    .add("address", address)
                    .add("organisationCertificate", own.certificate())
                    .add("tlsCertificate", pem)
                    .add("tlsBinding", Base64.getEncoder().encodeToString(binding.canonicalBytes()))
                    .add("tlsBindingSignature", Base64.getEncoder().encodeToString(signature))
                    .add("organisationStatement", Base64.getEncoder().encodeToString(statement))
                    .add("organisationStatementSignature", Base64.getEncoder().encodeToString(statementSignature))
                    .build()
                    .toString();
            cached = card;
            cachedFor = cacheKey;
            return card;
        } catch (IOException | CertificateException e) {
            throw new FederationUnavailableException("this node's TLS certificate is unreadable: " + e.getMessage());
        }
    }

    @Override
    public CheckedCard check(String cardJson) throws InvalidCardException {
        if (cardJson == null || cardJson.length() > MAX_CARD_BYTES) {
            throw new InvalidCardException(
                    "a peering card is a JSON object of at most " + MAX_CARD_BYTES / 1024 + " KiB");
        }
        JsonObject card;
        try {
            card = Json.createReader(new StringReader(cardJson)).readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new InvalidCardException("the peering card is not a JSON object");
        }
        if (card.getInt("amicusPeeringCard", 0) != 1) {
            throw new InvalidCardException("not an Amicus peering card of version 1");
        }
        NodeId nodeId;
        PeerAddress address;
        try {
            nodeId = NodeId.parse(text(card, "nodeId"));
            address = PeerAddress.parse(text(card, "address"));
        } catch (IllegalArgumentException e) {
            throw new InvalidCardException("the card's " + e.getMessage());
        }
        byte[] certificateBytes = text(card, "organisationCertificate").getBytes(StandardCharsets.US_ASCII);
        OrganisationCertificate organisation;
        CertificateFacts facts;
        try {
            organisation = OrganisationCertificate.parse(certificateBytes);
            facts = inspector.inspect(certificateBytes);
        } catch (KeyProtectionException | InvalidCertificateException e) {
            throw new InvalidCardException("the card's organisation certificate is refused: " + e.getMessage());
        }
        if (!Optional.of(nodeId).equals(facts.node())) {
            throw new InvalidCardException("the card's organisation certificate belongs to another node ("
                    + facts.node().map(NodeId::toString).orElse("none") + ")");
        }
        X509Certificate tls;
        try {
            tls = TlsIdentity.parseCertificate(text(card, "tlsCertificate").getBytes(StandardCharsets.US_ASCII));
        } catch (CertificateException e) {
            throw new InvalidCardException("the card's TLS certificate is unreadable: " + e.getMessage());
        }
        TlsBinding binding;
        try {
            binding = TlsBinding.verify(
                    base64(card, "tlsBinding"),
                    base64(card, "tlsBindingSignature"),
                    organisation,
                    tls.getPublicKey(),
                    clock.instant());
        } catch (TlsBinding.BindingRefusedException e) {
            throw new InvalidCardException("the card's TLS binding is refused: " + e.getMessage());
        }
        if (!binding.nodeId().equals(nodeId.toString())) {
            throw new InvalidCardException("the card's TLS binding is for another node");
        }
        OrganisationType type = checkStatement(card, nodeId, organisation);
        return new CheckedCard(
                nodeId,
                facts.displayName(),
                type,
                organisation.fingerprint(),
                certificateBytes,
                address,
                new TlsPin(TlsIdentity.pem(tls), TlsIdentity.spkiSha256(tls), binding.validUntil()));
    }

    /** The organisation type its key states for this node; a card without a valid statement is refused. */
    private static OrganisationType checkStatement(JsonObject card, NodeId nodeId, OrganisationCertificate organisation)
            throws InvalidCardException {
        byte[] statement = base64(card, "organisationStatement");
        byte[] signature = base64(card, "organisationStatementSignature");
        java.util.regex.Matcher m = STATEMENT.matcher(new String(statement, StandardCharsets.UTF_8));
        if (!m.matches()) {
            throw new InvalidCardException("the card's organisation statement is not in canonical form");
        }
        if (!m.group(1).equals(nodeId.toString())) {
            throw new InvalidCardException("the card's organisation statement is for another node");
        }
        OrganisationType type;
        try {
            type = OrganisationType.parse(m.group(2));
        } catch (IllegalArgumentException e) {
            throw new InvalidCardException("the card's organisation statement names an " + e.getMessage());
        }
        if (!java.util.Arrays.equals(statement(nodeId, type), statement)) {
            throw new InvalidCardException("the card's organisation statement is not in canonical form");
        }
        if (!DetachedSignatures.verify(statement, signature, organisation)) {
            throw new InvalidCardException(
                    "the card's organisation statement is not signed by organisation " + organisation.fingerprint());
        }
        String claimed = card.getString("organisationType", type.wireName());
        if (!claimed.equals(type.wireName())) {
            throw new InvalidCardException("the card's organisationType differs from what its organisation key states");
        }
        return type;
    }

    private static String text(JsonObject card, String name) throws InvalidCardException {
        try {
            return card.getString(name);
        } catch (NullPointerException | ClassCastException e) {
            throw new InvalidCardException("the card has no " + name);
        }
    }

    private static byte[] base64(JsonObject card, String name) throws InvalidCardException {
        try {
            return Base64.getDecoder().decode(text(card, name));
        } catch (IllegalArgumentException e) {
            throw new InvalidCardException("the card's " + name + " is not base64");
        }
    }
}
