package org.amicus.messaging.identity;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Logger;
import org.amicus.core.identity.control.CertificateFacts;
import org.amicus.core.identity.control.OrganisationIdentity;
import org.amicus.core.identity.control.OwnIdentity;
import org.amicus.core.node.boundary.NodeService;
import org.amicus.core.node.entity.NodeId;
import org.amicus.core.platform.control.NodeConfiguration;
import org.amicus.messaging.envelope.Certificates;
import org.amicus.messaging.envelope.KeyProtectionException;
import org.amicus.messaging.envelope.OrganisationKey;
import org.amicus.messaging.envelope.OrganisationKeyFile;
import org.amicus.messaging.envelope.Passphrases;
import org.amicus.messaging.envelope.UnlockedOrganisationKey;

/**
 * The organisation key of this node, with an explicit lifecycle: at start it is loaded from the key
 * file (or created there at the first start) and unlocked once with the operator's passphrase; if that
 * fails, the deployment fails and the node does not serve. The unlocked key lives in memory only.
 */
@Startup
@Singleton
@LocalBean
@Local(OrganisationIdentity.class)
@DependsOn("NodeStartup")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class NodeKey implements OrganisationIdentity {

    private static final Logger LOG = Logger.getLogger(NodeKey.class.getName());

    @Inject
    IdentitySettings settings;

    @Inject
    NodeService node;

    @Inject
    NodeConfiguration configuration;

    @Inject
    Clock clock;

    private volatile OrganisationKey key;
    private volatile UnlockedOrganisationKey unlocked;

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void start() {
        Path file = settings.keyFile()
                .orElseThrow(() -> new IdentityUnavailableException(
                        "amicus.identity.key-file is not set: the node does not know where its organisation key is"));
        NodeId nodeId = node.ensureIdentity();
        char[] passphrase = passphrase();
        try {
            OrganisationKeyFile keyFile = new OrganisationKeyFile(file);
            if (keyFile.exists()) {
                key = keyFile.load(passphrase);
                checkBelongsTo(nodeId, file);
                LOG.info(() -> "AMICUS-IDENTITY-002 organisation key " + key.fingerprint() + " loaded from " + file);
            } else {
                String organisation = settings.organisationName().orElse(configuration.nodeName());
                key = keyFile.create(
                        userId(nodeId, organisation), clock.instant(), settings.subkeyValidity(), passphrase);
                LOG.info(() -> "AMICUS-IDENTITY-001 organisation key " + key.fingerprint() + " created in " + file);
            }
            unlocked = key.unlock(passphrase);
        } catch (KeyProtectionException e) {
            throw new IdentityUnavailableException(
                    "the organisation key in " + file + " cannot be used: " + e.getMessage());
        } catch (IOException e) {
            throw new IdentityUnavailableException(
                    "the organisation key file " + file + " cannot be read or written: " + e);
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }

    @PreDestroy
    void stop() {
        unlocked = null;
        key = null;
    }

    /** The user id of an organisation key (docs/protocol/envelope.md §1). */
    public static String userId(NodeId node, String organisation) {
        return "Amicus node " + node + " (" + organisation + ")";
    }

    private void checkBelongsTo(NodeId nodeId, Path file) {
        CertificateFacts facts = Certificates.inspect(key.armoredCertificate().getBytes(StandardCharsets.US_ASCII));
        NodeId owner = facts.node().orElse(null);
        if (!nodeId.equals(owner)) {
            throw new IdentityUnavailableException("the organisation key in " + file + " belongs to node " + owner
                    + ", but this database is node " + nodeId
                    + ": restore the database and the key file that belong together");
        }
    }

    private char[] passphrase() {
        try {
            if (settings.passphraseFile().isPresent()) {
                return Passphrases.readFile(settings.passphraseFile().get());
            }
        } catch (IOException e) {
            throw new IdentityUnavailableException("the passphrase file cannot be read: " + e);
        } catch (KeyProtectionException e) {
            throw new IdentityUnavailableException(e.getMessage());
        }
        char[] fromEnvironment = Passphrases.fromEnvironment();
        if (fromEnvironment == null) {
            throw new IdentityUnavailableException("no passphrase for the organisation key: set "
                    + Passphrases.ENVIRONMENT_VARIABLE + " or amicus.identity.passphrase-file");
        }
        return fromEnvironment;
    }

    /** The unlocked key, for sealing and opening. */
    public UnlockedOrganisationKey unlocked() {
        UnlockedOrganisationKey current = unlocked;
        if (current == null) {
            throw new IdentityUnavailableException("the organisation key is not loaded");
        }
        return current;
    }

    @Override
    public OwnIdentity current() {
        OrganisationKey current = key;
        if (current == null) {
            throw new IdentityUnavailableException("the organisation key is not loaded");
        }
        Instant now = clock.instant();
        List<OwnIdentity.OwnSubkey> subkeys = current.allEncryptionSubkeys().stream()
                .map(s -> {
                    boolean retired = s.expires() != null && !s.expires().isAfter(now);
                    return new OwnIdentity.OwnSubkey(
                            s.fingerprint(),
                            s.created(),
                            s.expires(),
                            retired ? OwnIdentity.OwnSubkey.State.RETIRED : OwnIdentity.OwnSubkey.State.CURRENT,
                            s.expires() == null ? null : s.expires().plus(settings.retiredSubkeyGrace()));
                })
                .toList();
        return new OwnIdentity(
                current.fingerprint(), current.userId(), current.created(), subkeys, current.armoredCertificate());
    }
}
