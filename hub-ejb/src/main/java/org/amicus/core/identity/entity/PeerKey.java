package org.amicus.core.identity.entity;

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
import org.amicus.core.node.entity.NodeId;

/**
 * A peer organisation's certificate in the key directory, with its trust state. The rules of trust
 * live here: a revoked key stays revoked, verification needs the fingerprint as read out of band, an
 * update may only change what the same primary key certified.
 */
@Entity
@Table(name = "peer_key")
public class PeerKey {

    @Id
    @Column(name = "fingerprint", length = 40, nullable = false, updatable = false)
    private String fingerprint;

    @Column(name = "display_name", length = 200, nullable = false)
    private String displayName;

    @Column(name = "node_id", length = 36)
    private String nodeId;

    @Column(name = "certificate", length = 262144, nullable = false)
    private String certificate;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", length = 16, nullable = false)
    private TrustState state;

    @Column(name = "first_seen", nullable = false, updatable = false)
    private Instant firstSeen;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "verified_by", length = 200)
    private String verifiedBy;

    @Column(name = "verified_at")
    private Instant verifiedAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    /** Another key that claims the same node: this one may be an impostor or a replacement. */
    @Column(name = "conflicts_with", length = 40)
    private String conflictsWith;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected PeerKey() {}

    public PeerKey(
            Fingerprint fingerprint,
            String displayName,
            NodeId node,
            String certificate,
            Instant now,
            Fingerprint conflictsWith) {
        this.fingerprint = fingerprint.hex();
        this.displayName = limit(displayName);
        this.nodeId = node == null ? null : node.toString();
        this.certificate = Objects.requireNonNull(certificate, "certificate");
        this.state = TrustState.SEEN;
        this.firstSeen = now;
        this.updatedAt = now;
        this.conflictsWith = conflictsWith == null ? null : conflictsWith.hex();
    }

    /** Records that an operator compared the fingerprint out of band. */
    public void verify(Fingerprint confirmed, String by, Instant at) {
        if (state == TrustState.REVOKED) {
            throw new IllegalTrustChangeException("key " + fingerprint + " is revoked and cannot be verified");
        }
        if (!fingerprint().equals(confirmed)) {
            throw new FingerprintMismatchException(fingerprint(), confirmed);
        }
        this.state = TrustState.VERIFIED;
        this.verifiedBy = limit(by);
        this.verifiedAt = at;
        this.updatedAt = at;
    }

    /** Takes a newer copy of the certificate (already merged: only what this primary key certified). */
    public boolean update(String mergedCertificate, Instant at) {
        if (certificate.equals(mergedCertificate)) {
            return false;
        }
        this.certificate = mergedCertificate;
        this.updatedAt = at;
        return true;
    }

    /** Honours a revocation at once; final. */
    public void revoke(String mergedCertificate, Instant at) {
        this.certificate = mergedCertificate;
        if (state != TrustState.REVOKED) {
            this.state = TrustState.REVOKED;
            this.revokedAt = at;
        }
        this.updatedAt = at;
    }

    public Fingerprint fingerprint() {
        return new Fingerprint(fingerprint);
    }

    public String displayName() {
        return displayName;
    }

    public Optional<NodeId> node() {
        return Optional.ofNullable(nodeId).map(NodeId::parse);
    }

    public String certificate() {
        return certificate;
    }

    public TrustState state() {
        return state;
    }

    public Instant firstSeen() {
        return firstSeen;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Optional<String> verifiedBy() {
        return Optional.ofNullable(verifiedBy);
    }

    public Optional<Instant> verifiedAt() {
        return Optional.ofNullable(verifiedAt);
    }

    public Optional<Instant> revokedAt() {
        return Optional.ofNullable(revokedAt);
    }

    public Optional<Fingerprint> conflictsWith() {
        return Optional.ofNullable(conflictsWith).map(Fingerprint::new);
    }

    private static String limit(String s) {
        String v = s == null ? "" : s.strip();
        return v.length() > 200 ? v.substring(0, 200) : v;
    }
}
