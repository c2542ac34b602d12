package org.amicus.messaging.broker;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import javax.security.auth.Subject;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager5;
import org.apache.activemq.artemis.spi.core.security.jaas.RolePrincipal;
import org.apache.activemq.artemis.spi.core.security.jaas.UserPrincipal;
import org.apache.activemq.artemis.utils.CertificateUtil;

/**
 * Authentication and authorisation of a node's broker. Two kinds of party exist:
 *
 * <ul>
 *   <li>the node's own server, on the loopback acceptor, with the local user and password: role
 *       {@value NodeBroker#NODE_ROLE}, everything;
 *   <li>a peer, on the federation acceptor, by its TLS client certificate alone (a password it sends is
 *       ignored): role {@value NodeBroker#PEER_ROLE}, which the security settings allow to send to the
 *       inbound address and nothing else.
 * </ul>
 *
 * A connection with a client certificate is never the local user, whatever credentials it presents.
 */
final class NodeSecurityManager implements ActiveMQSecurityManager5 {

    private static final Logger LOG = Logger.getLogger(NodeSecurityManager.class.getName());

    private final String user;
    private final byte[] password;

    NodeSecurityManager(String user, String password) {
        this.user = user;
        this.password = password.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Subject authenticate(
            String presentedUser, String presentedPassword, RemotingConnection connection, String domain) {
        X509Certificate[] certificates = connection == null ? null : CertificateUtil.getCertsFromConnection(connection);
        if (certificates != null && certificates.length > 0) {
            Optional<String> peer = PeerTrust.admittedNode(certificates[0]);
            if (peer.isEmpty()) {
                LOG.warning("AMICUS-FEDERATION-102 refused a session from a certificate that is no admitted peer's");
                return null;
            }
            return subject("peer:" + peer.get(), NodeBroker.PEER_ROLE);
        }
        if (presentedUser != null
                && presentedPassword != null
                && user.equals(presentedUser)
                && MessageDigest.isEqual(password, presentedPassword.getBytes(StandardCharsets.UTF_8))) {
            return subject(user, NodeBroker.NODE_ROLE);
        }
        return null;
    }

    @Override
    public boolean authorize(Subject subject, Set<Role> roles, CheckType checkType, String address) {
        if (subject == null) {
            return false;
        }
        Set<String> held = subject.getPrincipals(RolePrincipal.class).stream()
                .map(RolePrincipal::getName)
                .collect(java.util.stream.Collectors.toSet());
        for (Role role : roles) {
            if (held.contains(role.getName()) && checkType.hasRole(role)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean validateUser(String presentedUser, String presentedPassword) {
        throw new UnsupportedOperationException("replaced by authenticate");
    }

    @Override
    public boolean validateUserAndRole(
            String presentedUser, String presentedPassword, Set<Role> roles, CheckType checkType) {
        throw new UnsupportedOperationException("replaced by authorize");
    }

    private static Subject subject(String name, String role) {
        Subject s = new Subject();
        s.getPrincipals().add(new UserPrincipal(name));
        s.getPrincipals().add(new RolePrincipal(role));
        return s;
    }
}
