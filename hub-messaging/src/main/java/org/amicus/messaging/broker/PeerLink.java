package org.amicus.messaging.broker;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One peer as the broker needs it: where its federation acceptor listens, the SHA-256 of its TLS
 * key (the pin), its certificate (for the outbound connection's trust store) and whether the link is
 * active. Written by the node's server (the source of truth is its database), read by the broker.
 *
 * @param nodeId the peer's node id (lower-case UUID)
 * @param host host name or address of the peer's federation acceptor
 * @param port its port
 * @param spkiSha256 lower-case hex SHA-256 of the peer's TLS SubjectPublicKeyInfo
 * @param certificateDer the peer's TLS certificate, DER
 * @param active false while the peer is suspended: no bridge, no admission, its queue kept
 */
public record PeerLink(String nodeId, String host, int port, String spkiSha256, byte[] certificateDer, boolean active) {

    private static final Pattern NODE_ID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:\\-\\[\\]]{1,253}");

    public PeerLink {
        if (nodeId == null || !NODE_ID.matcher(nodeId).matches()) {
            throw new IllegalArgumentException("a peer's node id is a lower-case UUID");
        }
        if (host == null || !HOST.matcher(host).matches()) {
            throw new IllegalArgumentException("a peer's host is a name or an address");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("a peer's port is between 1 and 65535");
        }
        if (spkiSha256 == null || !HEX64.matcher(spkiSha256).matches()) {
            throw new IllegalArgumentException("a peer's TLS pin is 64 lower-case hex digits");
        }
        Objects.requireNonNull(certificateDer, "certificateDer");
        certificateDer = certificateDer.clone();
    }

    @Override
    public byte[] certificateDer() {
        return certificateDer.clone();
    }

    /** The outbound queue on this node's broker holding envelopes for this peer. */
    public String outboundQueue() {
        return outboundQueue(nodeId);
    }

    public static String outboundQueue(String nodeId) {
        return BrokerSettings.FEDERATION_OUT_PREFIX + nodeId;
    }

    String bridgeName() {
        return "amicus.federation.bridge." + nodeId;
    }

    String connectorName() {
        return "amicus.federation.peer." + nodeId + "." + spkiSha256.substring(0, 16);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PeerLink p
                && nodeId.equals(p.nodeId)
                && host.equals(p.host)
                && port == p.port
                && spkiSha256.equals(p.spkiSha256)
                && java.util.Arrays.equals(certificateDer, p.certificateDer)
                && active == p.active;
    }

    @Override
    public int hashCode() {
        return Objects.hash(nodeId, host, port, spkiSha256, active);
    }

    @Override
    public String toString() {
        return "PeerLink[" + nodeId + " at " + host + ":" + port + (active ? "" : ", suspended") + "]";
    }
}
