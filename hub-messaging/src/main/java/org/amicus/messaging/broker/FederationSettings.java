package org.amicus.messaging.broker;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The broker's federation side: the TLS acceptor peers deliver to, the node's TLS key store, and the
 * files shared with the node's server (peers in, link states out).
 *
 * @param host address the federation acceptor listens on
 * @param port its port
 * @param keyStore PKCS#12 file with the node's TLS key and certificate (owner-only)
 * @param keyStorePassword its password (generated per node, kept in an owner-only file, never logged)
 * @param peersFile the peers the server has admitted ({@link FederationPeersFile})
 * @param linksFile where the broker reports each link's state ({@link LinkStatesFile})
 * @param maxRetryIntervalMillis the longest wait between two connection attempts to a peer
 */
public record FederationSettings(
        String host,
        int port,
        Path keyStore,
        String keyStorePassword,
        Path peersFile,
        Path linksFile,
        long maxRetryIntervalMillis) {

    public static final long DEFAULT_MAX_RETRY_INTERVAL_MILLIS = 60_000;

    public FederationSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(keyStorePassword, "keyStorePassword");
        Objects.requireNonNull(peersFile, "peersFile");
        Objects.requireNonNull(linksFile, "linksFile");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("federation port must be between 1 and 65535, was " + port);
        }
        if (maxRetryIntervalMillis < 1_000) {
            throw new IllegalArgumentException("the longest retry interval is at least 1 s");
        }
    }

    @Override
    public String toString() {
        return "FederationSettings[" + host + ":" + port + ", keyStore=" + keyStore + ", password=(hidden)]";
    }
}
