package org.amicus.core.federation.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.amicus.core.identity.entity.Fingerprint;
import org.amicus.core.membership.entity.OrganisationType;
import org.amicus.core.node.entity.NodeId;

/**
 * A node this node exchanges envelopes with, directly or through another peer acting as its relay
 * ({@link #via()}). It is known by its node id, its organisation's
 * key (fingerprint, verified out of band when it was added) and its TLS key (pinned by the SHA-256 of
 * its public key, vouched for by that organisation key).
 */
@Entity
@Table(name = "peer")
public class Peer {

    @Id
    @Column(name = "node_id", length = 36, nullable = false, updatable = false)
    private String nodeId;

    @Column(name = "organisation", nullable = false)
    private String organisation;

    @Column(name = "organisation_type", length = 32, nullable = false)
    private String organisationType;

    @Column(name = "fingerprint", length = 40, nullable = false)
    private String fingerprint;

    @Column(name = "host", nullable = false)
    private String host;

    @Column(name = "port", nullable = false)
    private int port;

    @Column(name = "tls_certificate", nullable = false)
    private String tlsCertificate;

    @Column(name = "tls_spki_sha256", length = 64, nullable = false)
    private String tlsSpkiSha256;

    @Column(name = "tls_valid_until", nullable = false)
    private Instant tlsValidUntil;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false)
    private PeerState state;

    @Column(name = "added_at", nullable = false)
    private Instant addedAt;

    @Column(name = "added_by", nullable = false)
    private String addedBy;

    @Column(name = "changed_at", nullable = false)
    private Instant changedAt;

    /** The peer that relays to and from this one; null for a peer reached directly. */
    @Column(name = "via_node", length = 36)
    private String viaNode;

    /** Whether this node relays envelopes to and from this peer (docs/protocol/federation.md §6). */
    @Column(name = "relays_for", nullable = false)
    private boolean relaysFor;

    /** SHA-256 of this node's certificate as last queued for the peer; null: not yet. */
    @Column(name = "certificate_sent", length = 64)
    private String certificateSent;

    @Version
    @Column(name = "version")
    private long version;

    protected Peer() {}

    public Peer(
            NodeId nodeId,
            String organisation,
            OrganisationType organisationType,
            Fingerprint fingerprint,
            PeerAddress address,
            TlsPin tls,
            String addedBy,
            Instant now) {
        this.nodeId = nodeId.toString();
        this.organisation = Objects.requireNonNull(organisation, "organisation");
        this.fingerprint = fingerprint.hex();
        this.addedBy = Objects.requireNonNull(addedBy, "addedBy");
        readd(organisation, organisationType, fingerprint, address, tls, addedBy, now);
    }

    /** A removed peer added again (with its card of now); an active or suspended one cannot be. */
    public void readd(
            String organisation,
            OrganisationType organisationType,
            Fingerprint fingerprint,
            PeerAddress address,
            TlsPin tls,
            String addedBy,
            Instant now) {
        if (state == PeerState.ACTIVE || state == PeerState.SUSPENDED) {
            throw new IllegalPeerChangeException("node " + nodeId + " is already a peer ("
                    + state.name().toLowerCase() + "); remove it first to replace its card");
        }
        this.organisation = organisation;
        this.organisationType = organisationType.wireName();
        this.fingerprint = fingerprint.hex();
        this.host = address.host();
        this.port = address.port();
        this.tlsCertificate = tls.certificatePem();
        this.tlsSpkiSha256 = tls.spkiSha256();
        this.tlsValidUntil = tls.validUntil();
        this.viaNode = null;
        this.relaysFor = false;
        this.certificateSent = null;
        this.addedBy = addedBy;
        this.addedAt = now;
        this.state = PeerState.ACTIVE;
        this.changedAt = now;
    }

    public void suspend(Instant now) {
        if (state != PeerState.ACTIVE) {
            throw new IllegalPeerChangeException("only an active peer can be suspended; node " + nodeId + " is "
                    + state.name().toLowerCase());
        }
        state = PeerState.SUSPENDED;
        changedAt = now;
    }

    public void resume(Instant now) {
        if (state != PeerState.SUSPENDED) {
            throw new IllegalPeerChangeException("only a suspended peer can be resumed; node " + nodeId + " is "
                    + state.name().toLowerCase());
        }
        state = PeerState.ACTIVE;
        changedAt = now;
    }

    public void remove(Instant now) {
        if (state == PeerState.REMOVED) {
            throw new IllegalPeerChangeException("node " + nodeId + " was already removed");
        }
        state = PeerState.REMOVED;
        changedAt = now;
    }

    /** Reach this peer through {@code relay} (an active direct peer) instead of a link of its own. */
    public void routeVia(NodeId relay) {
        if (relay.toString().equals(nodeId)) {
            throw new IllegalPeerChangeException("a peer cannot be its own relay");
        }
        this.viaNode = relay.toString();
    }

    /** This node relays (or stops relaying) envelopes to and from this peer. */
    public void relayFor(boolean relay, Instant now) {
        if (relay && viaNode != null) {
            throw new IllegalPeerChangeException(
                    "node " + nodeId + " is itself reached through a relay; only a direct peer can be served");
        }
        this.relaysFor = relay;
        this.changedAt = now;
    }

    public Optional<NodeId> via() {
        return Optional.ofNullable(viaNode).map(NodeId::parse);
    }

    /** Where envelopes for this peer are queued: its relay, or itself. */
    public NodeId nextHop() {
        return NodeId.parse(viaNode != null ? viaNode : nodeId);
    }

    public boolean direct() {
        return viaNode == null;
    }

    public boolean relaysFor() {
        return relaysFor;
    }

    /**
     * Whether this node may forward to {@code target} what {@code delivering} handed it (§6): the target is an active
     * direct peer, and this node relays for it or for the peer that delivered.
     */
    public static boolean relayable(Peer delivering, Peer target) {
        return target != null
                && delivering != null
                && !target.nodeId.equals(delivering.nodeId)
                && target.state == PeerState.ACTIVE
                && target.direct()
                && (target.relaysFor() || delivering.relaysFor());
    }

    /** Whether this active peer is reached through {@code relay}: then the relay delivers what it sends. */
    public boolean reachedThrough(NodeId relay) {
        return state == PeerState.ACTIVE && via().equals(Optional.of(relay));
    }

    /** May envelopes be queued for it now (they wait while it is suspended)? */
    public boolean acceptsEnvelopes() {
        return state != PeerState.REMOVED;
    }

    public NodeId nodeId() {
        return NodeId.parse(nodeId);
    }

    public String organisation() {
        return organisation;
    }

    /** The type its organisation key states on its card. */
    public OrganisationType organisationType() {
        return OrganisationType.parse(organisationType);
    }

    /** Whether this node's certificate with this SHA-256 still has to be sent to the peer. */
    public boolean needsCertificate(String sha256) {
        return !sha256.equals(certificateSent);
    }

    /** This node's certificate with this SHA-256 is queued for the peer (in the same transaction). */
    public void certificateQueued(String sha256) {
        this.certificateSent = sha256;
    }

    public Fingerprint fingerprint() {
        return Fingerprint.parse(fingerprint);
    }

    public PeerAddress address() {
        return new PeerAddress(host, port);
    }

    public TlsPin tls() {
        return new TlsPin(tlsCertificate, tlsSpkiSha256, tlsValidUntil);
    }

    public PeerState state() {
        return state;
    }

    public Instant addedAt() {
        return addedAt;
    }

    public String addedBy() {
        return addedBy;
    }

    public Instant changedAt() {
        return changedAt;
    }
}
