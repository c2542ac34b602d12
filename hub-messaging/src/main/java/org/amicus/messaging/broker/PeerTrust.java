package org.amicus.messaging.broker;

import java.net.Socket;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.TrustManagerFactorySpi;
import javax.net.ssl.X509ExtendedTrustManager;
import org.apache.activemq.artemis.api.core.TrustManagerFactoryPlugin;

/**
 * Who may connect to the federation acceptor: exactly the active peers, recognised by the SHA-256 of
 * their TLS key (no certificate authority is involved, and none could add a peer). Artemis creates
 * this plugin by class name, so the admitted keys are held per process, set by each broker's
 * {@link FederationLinks} from its peers file (one broker per process in production; tests run two). A change applies to the next handshake;
 * connections of a peer no longer admitted are closed by {@link FederationLinks}.
 */
public final class PeerTrust implements TrustManagerFactoryPlugin {

    private static final Logger LOG = Logger.getLogger(PeerTrust.class.getName());

    /** Per broker (its links component): SPKI SHA-256 (hex) to the peer's node id. */
    private static final Map<Object, Map<String, String>> ADMITTED = new ConcurrentHashMap<>();

    /** Replaces what {@code broker} admits. */
    static void admit(Object broker, Map<String, String> pinsToNodes) {
        ADMITTED.put(broker, Map.copyOf(pinsToNodes));
    }

    static void forget(Object broker) {
        ADMITTED.remove(broker);
    }

    static boolean isAdmitted(String pin) {
        return ADMITTED.values().stream().anyMatch(m -> m.containsKey(pin));
    }

    /** The node id of an admitted certificate, if it is one. */
    static Optional<String> admittedNode(X509Certificate certificate) {
        String pin = spkiSha256(certificate);
        return ADMITTED.values().stream()
                .map(m -> m.get(pin))
                .filter(java.util.Objects::nonNull)
                .findFirst();
    }

    static String spkiSha256(X509Certificate certificate) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(certificate.getPublicKey().getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public TrustManagerFactory getTrustManagerFactory() {
        return new TrustManagerFactory(
                new Spi(),
                new Provider("AmicusPeerTrust", "1", "pins peers' TLS keys") {
                    private static final long serialVersionUID = 1L;
                },
                "AmicusPeerPin") {};
    }

    private static final class Spi extends TrustManagerFactorySpi {
        @Override
        protected void engineInit(KeyStore ks) {}

        @Override
        protected void engineInit(ManagerFactoryParameters spec) {}

        @Override
        protected TrustManager[] engineGetTrustManagers() {
            return new TrustManager[] {new PinnedPeers()};
        }
    }

    /** Accepts a client whose certificate's key is an admitted peer's; nothing else. */
    static final class PinnedPeers extends X509ExtendedTrustManager {

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            check(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            check(chain);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }

        private static void check(X509Certificate[] chain) throws CertificateException {
            if (chain == null || chain.length == 0) {
                throw new CertificateException("no certificate");
            }
            String pin = spkiSha256(chain[0]);
            if (!isAdmitted(pin)) {
                LOG.warning("AMICUS-FEDERATION-101 refused a TLS connection from a key that is no admitted peer's"
                        + " (SHA-256 " + pin + ")");
                throw new CertificateException("not an admitted peer");
            }
        }
    }
}
