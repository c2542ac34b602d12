package org.amicus.messaging.identity;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import org.amicus.core.identity.control.CertificateFacts;
import org.amicus.core.identity.control.OrganisationIdentity;
import org.amicus.core.identity.control.OrganisationIdentity.KeyState;
import org.amicus.core.identity.control.OwnIdentity;
import org.amicus.core.identity.control.SubkeySchedule;
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

    @Resource
    TimerService timers;

    private static final String UNLOCK = "unlock";

    private final CompletableFuture<Void> unlocking = new CompletableFuture<>();
    private volatile OrganisationKey key;
    private volatile UnlockedOrganisationKey unlocked;
    private volatile Path file;
    /**
     * Kept while the node runs, to protect each new subkey at rotation; it opens nothing the unlocked key
     * in memory does not already open. Wiped at stop.
     */
    private char[] passphrase;

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void start() {
        file = settings.keyFile()
                .orElseThrow(() -> new IdentityUnavailableException(
                        "amicus.identity.key-file is not set: the node does not know where its organisation key is"));
        NodeId nodeId = node.ensureIdentity();
        char[] secret = passphrase();
        try {
            OrganisationKeyFile keyFile = new OrganisationKeyFile(file);
            if (keyFile.exists()) {
                key = OrganisationKey.read(Files.readAllBytes(file));
                checkBelongsTo(nodeId, file);
                LOG.info(() -> "AMICUS-IDENTITY-002 organisation key " + key.fingerprint() + " loaded from " + file);
            } else {
                String organisation = settings.organisationName().orElse(configuration.nodeName());
                key = keyFile.create(userId(nodeId, organisation), clock.instant(), settings.subkeyValidity(), secret);
                LOG.info(() -> "AMICUS-IDENTITY-001 organisation key " + key.fingerprint() + " created in " + file);
            }
            this.passphrase = secret.clone();
        } catch (KeyProtectionException e) {
            throw new IdentityUnavailableException(
                    "the organisation key in " + file + " cannot be used: " + e.getMessage());
        } catch (IOException e) {
            throw new IdentityUnavailableException(
                    "the organisation key file " + file + " cannot be read or written: " + e);
        } finally {
            Arrays.fill(secret, '\0');
        }
        // Unlocking stretches the passphrase once per secret part (about a second): done right after
        // start, off the start's critical path; sealing and opening wait for it (the launcher has
        // already checked the passphrase against the primary key).
        timers.createSingleActionTimer(0, new TimerConfig(UNLOCK, false));
    }

    private void unlockNow() {
        try {
            unlocked = key.unlock(passphrase);
            unlocking.complete(null);
            LOG.info(() -> "AMICUS-IDENTITY-006 organisation key unlocked");
        } catch (KeyProtectionException | RuntimeException e) {
            LOG.severe(() -> "AMICUS-IDENTITY-007 the organisation key cannot be unlocked: " + e.getMessage()
                    + "; the node cannot seal or open anything until it is restarted with the right passphrase");
            unlocking.completeExceptionally(e);
            return;
        }
        try {
            startMaintenance();
        } catch (RuntimeException e) {
            LOG.severe(() -> "AMICUS-IDENTITY-005 subkey maintenance failed, will retry: " + e);
            Duration every = settings.maintenanceInterval();
            timers.createIntervalTimer(
                    every.toMillis(), every.toMillis(), new TimerConfig("subkey maintenance", false));
        }
    }

    @Override
    public KeyState state() {
        if (!unlocking.isDone()) {
            return KeyState.UNLOCKING;
        }
        return unlocking.isCompletedExceptionally() ? KeyState.FAILED : KeyState.READY;
    }

    private void startMaintenance() {
        maintainSubkeys();
        Duration every = settings.maintenanceInterval();
        timers.createIntervalTimer(every.toMillis(), every.toMillis(), new TimerConfig("subkey maintenance", false));
    }

    @PreDestroy
    void stop() {
        unlocked = null;
        key = null;
        if (passphrase != null) {
            Arrays.fill(passphrase, '\0');
            passphrase = null;
        }
    }

    @Timeout
    void onTimer(Timer timer) {
        if (UNLOCK.equals(timer.getInfo())) {
            unlockNow();
            return;
        }
        try {
            maintainSubkeys();
        } catch (RuntimeException e) {
            LOG.severe(() -> "AMICUS-IDENTITY-005 subkey maintenance failed, will retry: " + e);
        }
    }

    /**
     * Rotates the encryption subkey when it is due and destroys retired subkeys whose grace period is
     * over (see {@link SubkeySchedule}); the key file is replaced atomically, then the key in memory.
     */
    public synchronized void maintainSubkeys() {
        OrganisationKey current = key;
        Instant now = clock.instant();
        SubkeySchedule schedule = new SubkeySchedule(settings.subkeyValidity(), settings.retiredSubkeyGrace());
        SubkeySchedule.Decision decision = schedule.decide(
                current.allEncryptionSubkeys().stream()
                        .map(s -> new SubkeySchedule.Held(s.fingerprint(), s.created(), s.expires()))
                        .toList(),
                now);
        if (decision.nothing()) {
            return;
        }
        try {
            OrganisationKey changed = current;
            if (decision.rotate()) {
                changed = changed.withNewEncryptionSubkey(now, settings.subkeyValidity(), passphrase);
            }
            if (!decision.destroy().isEmpty()) {
                changed = changed.withoutSubkeys(decision.destroy());
            }
            new OrganisationKeyFile(file).update(changed);
            UnlockedOrganisationKey reopened = changed.unlock(passphrase);
            key = changed;
            unlocked = reopened;
            if (decision.rotate()) {
                LOG.info(() -> "AMICUS-IDENTITY-003 new encryption subkey made; peers need the updated certificate"
                        + " (GET /api/v1/identity/certificate)");
            }
            decision.destroy()
                    .forEach(fp -> LOG.info(() -> "AMICUS-IDENTITY-004 retired encryption subkey " + fp
                            + " destroyed: what was encrypted to it can no longer be opened"));
        } catch (KeyProtectionException | IOException e) {
            throw new IdentityUnavailableException(
                    "subkey maintenance could not write " + file + ": " + e.getMessage());
        }
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

    /** The unlocked key, for sealing and opening; waits while the key is being unlocked after start. */
    public UnlockedOrganisationKey unlocked() {
        try {
            unlocking.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IdentityUnavailableException("interrupted while the organisation key was being unlocked");
        } catch (ExecutionException | TimeoutException e) {
            throw new IdentityUnavailableException("the organisation key is not unlocked (see AMICUS-IDENTITY-007)");
        }
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
