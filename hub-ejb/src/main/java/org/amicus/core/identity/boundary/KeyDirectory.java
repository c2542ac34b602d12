package org.amicus.core.identity.boundary;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.amicus.core.audit.boundary.AuditLog;
import org.amicus.core.identity.control.CertificateFacts;
import org.amicus.core.identity.control.CertificateInspector;
import org.amicus.core.identity.control.InvalidCertificateException;
import org.amicus.core.identity.control.InvalidCertificateException.Reason;
import org.amicus.core.identity.control.OrganisationIdentity;
import org.amicus.core.identity.entity.Fingerprint;
import org.amicus.core.identity.entity.PeerKey;
import org.amicus.core.identity.entity.TrustState;

/**
 * The key directory: peer organisations' certificates and their trust state. Imports are checked by
 * the envelope code (every signature) and by the rules here: a revoked or expired key, or one nothing
 * can be encrypted to, is not taken; a revocation of a known key is honoured at once; a new primary key
 * for a known node is a new, unverified identity with a warning, never a silent replacement.
 */
@Stateless
public class KeyDirectory {

    /** Larger than any sane certificate; keeps a hostile upload from filling the database. */
    public static final int MAX_CERTIFICATE_BYTES = 64 * 1024;

    private static final Logger LOG = Logger.getLogger(KeyDirectory.class.getName());

    @Inject
    Event<KeyRevoked> revocations;

    @PersistenceContext(unitName = "amicus")
    EntityManager em;

    @Inject
    CertificateInspector inspector;

    @Inject
    OrganisationIdentity own;

    @Inject
    Clock clock;

    @Inject
    AuditLog audit;

    /** Imports a certificate or a newer copy of a known one, or a bare revocation of a known key. */
    public ImportOutcome importCertificate(byte[] bytes) {
        ImportOutcome outcome = importOrUpdate(bytes);
        audit.recordByCaller(
                "key." + outcome.result().name().toLowerCase(java.util.Locale.ROOT),
                outcome.key().fingerprint().hex(),
                null,
                "ok",
                null);
        return outcome;
    }

    private ImportOutcome importOrUpdate(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidCertificateException(Reason.UNREADABLE, "the request holds no certificate");
        }
        if (bytes.length > MAX_CERTIFICATE_BYTES) {
            throw new InvalidCertificateException(
                    Reason.TOO_LARGE, "a certificate is at most " + MAX_CERTIFICATE_BYTES / 1024 + " KiB");
        }
        Optional<Fingerprint> revoking = inspector.revocationIssuer(bytes);
        if (revoking.isPresent()) {
            PeerKey known = em.find(PeerKey.class, revoking.get().hex(), LockModeType.PESSIMISTIC_WRITE);
            if (known == null) {
                throw new InvalidCertificateException(
                        Reason.UNKNOWN_KEY,
                        "this revocation is for key " + revoking.get().grouped() + ", which is not in the directory");
            }
            return update(known, bytes);
        }
        CertificateFacts facts = inspector.inspect(bytes);
        if (facts.fingerprint().equals(own.current().fingerprint())) {
            throw new InvalidCertificateException(Reason.OWN_KEY, "this is this node's own organisation key");
        }
        PeerKey known = em.find(PeerKey.class, facts.fingerprint().hex(), LockModeType.PESSIMISTIC_WRITE);
        return known == null ? add(facts) : update(known, bytes);
    }

    /**
     * A newer copy of a peer's certificate that the peer itself sent (signed by its organisation key, over
     * federation): merged only into that same known key, with the rules of {@link #importCertificate} (new
     * subkeys only if its primary key certified them; a revocation honoured at once). Never adds a key and
     * never replaces one: a certificate with another primary key is refused. Empty if refused; never throws,
     * so the caller's transaction (the delivery) is not spoilt by a bad certificate.
     */
    public Optional<ImportOutcome.Result> refreshFromOwner(Fingerprint owner, byte[] bytes) {
        try {
            if (bytes.length > MAX_CERTIFICATE_BYTES) {
                throw new InvalidCertificateException(Reason.TOO_LARGE, "too large");
            }
            CertificateFacts facts = inspector.inspect(bytes);
            if (!facts.fingerprint().equals(owner)) {
                LOG.warning(() -> "AMICUS-KEYS-007 the organisation " + owner + " sent a certificate of another key, "
                        + facts.fingerprint() + "; refused (a new key is only ever added by an operator)");
                return Optional.empty();
            }
            PeerKey known = em.find(PeerKey.class, owner.hex(), LockModeType.PESSIMISTIC_WRITE);
            if (known == null || known.state() == TrustState.REVOKED) {
                return Optional.empty();
            }
            return Optional.of(update(known, bytes).result());
        } catch (InvalidCertificateException | IllegalArgumentException e) {
            LOG.warning(() -> "AMICUS-KEYS-008 the certificate the organisation " + owner + " sent is not usable: "
                    + e.getMessage());
            return Optional.empty();
        }
    }

    private ImportOutcome add(CertificateFacts facts) {
        Instant now = clock.instant();
        if (facts.isRevoked()) {
            throw new InvalidCertificateException(
                    Reason.REVOKED, "key " + facts.fingerprint().grouped() + " is revoked by its owner; not imported");
        }
        if (facts.isExpiredAt(now)) {
            throw new InvalidCertificateException(
                    Reason.EXPIRED, "key " + facts.fingerprint().grouped() + " expired on " + facts.expires());
        }
        if (!facts.canReceiveAt(now)) {
            throw new InvalidCertificateException(
                    Reason.NO_ENCRYPTION_SUBKEY,
                    "key " + facts.fingerprint().grouped()
                            + " has no valid encryption subkey: nothing could be sent to it");
        }
        List<String> warnings = new ArrayList<>(ignoredSubkeyWarnings(facts));
        Fingerprint rival = facts.node()
                .flatMap(node -> em.createQuery(
                                "select k from PeerKey k where k.nodeId = :node and k.state <> :revoked"
                                        + " order by k.firstSeen",
                                PeerKey.class)
                        .setParameter("node", node.toString())
                        .setParameter("revoked", TrustState.REVOKED)
                        .getResultStream()
                        .findFirst())
                .map(PeerKey::fingerprint)
                .orElse(null);
        if (rival != null) {
            String warning = "node " + facts.node().orElseThrow() + " was known with key " + rival.grouped()
                    + " and now presents key " + facts.fingerprint().grouped()
                    + ": the new key is unverified and the old one stays in use until an operator has"
                    + " confirmed the new fingerprint with the organisation out of band";
            warnings.add(warning);
            LOG.warning(() -> "AMICUS-KEYS-003 " + warning);
        }
        PeerKey key = new PeerKey(
                facts.fingerprint(), facts.displayName(), facts.node().orElse(null), facts.armored(), now, rival);
        em.persist(key);
        em.flush(); // a locking find later in the same transaction (e.g. verify) reads the database
        LOG.info(() -> "AMICUS-KEYS-001 key " + facts.fingerprint() + " added to the directory (unverified)");
        return new ImportOutcome(view(key, facts), ImportOutcome.Result.ADDED, warnings);
    }

    private ImportOutcome update(PeerKey known, byte[] bytes) {
        CertificateFacts merged = inspector.merge(known.certificate(), bytes);
        Instant now = clock.instant();
        if (merged.isRevoked()) {
            boolean wasRevoked = known.state() == TrustState.REVOKED;
            known.revoke(merged.armored(), now);
            if (!wasRevoked) {
                LOG.warning(() -> "AMICUS-KEYS-004 key " + known.fingerprint()
                        + " revoked by its owner: nothing from or to it is accepted any more");
                revocations.fire(new KeyRevoked(known.fingerprint(), now));
            }
            return new ImportOutcome(view(known, merged), ImportOutcome.Result.REVOKED, List.of());
        }
        boolean changed = known.update(merged.armored(), now);
        if (changed) {
            LOG.info(() -> "AMICUS-KEYS-002 key " + known.fingerprint() + " updated");
        }
        return new ImportOutcome(
                view(known, merged),
                changed ? ImportOutcome.Result.UPDATED : ImportOutcome.Result.UNCHANGED,
                ignoredSubkeyWarnings(merged));
    }

    private static List<String> ignoredSubkeyWarnings(CertificateFacts facts) {
        return facts.ignoredSubkeys().stream()
                .map(subkey -> {
                    String warning = "subkey " + subkey.grouped() + " of key "
                            + facts.fingerprint().grouped() + " is not certified by that key and was ignored";
                    LOG.warning(() -> "AMICUS-KEYS-005 " + warning);
                    return warning;
                })
                .toList();
    }

    public List<PeerKeyView> list() {
        return em.createQuery("select k from PeerKey k order by k.displayName, k.fingerprint", PeerKey.class)
                .getResultStream()
                .map(k -> view(k, inspector.inspect(ascii(k.certificate()))))
                .toList();
    }

    public Optional<PeerKeyView> find(Fingerprint fingerprint) {
        return Optional.ofNullable(em.find(PeerKey.class, fingerprint.hex()))
                .map(k -> view(k, inspector.inspect(ascii(k.certificate()))));
    }

    /**
     * Marks a key verified: {@code confirmed} is the fingerprint as the operator read it out of band,
     * {@code by} who did so.
     */
    public PeerKeyView verify(Fingerprint fingerprint, Fingerprint confirmed, String by) {
        PeerKey key = em.find(PeerKey.class, fingerprint.hex(), LockModeType.PESSIMISTIC_WRITE);
        if (key == null) {
            throw new KeyNotFoundException(fingerprint);
        }
        key.verify(confirmed, by, clock.instant());
        LOG.info(() -> "AMICUS-KEYS-006 key " + fingerprint + " verified out of band");
        audit.recordByCaller("key.verified", fingerprint.hex(), null, "ok", "verified by " + by);
        return view(key, inspector.inspect(ascii(key.certificate())));
    }

    /** Every key of the directory, for identifying the signer of a message made by standard tools. */
    public List<KnownKey> allKnown() {
        return em.createQuery("select k from PeerKey k", PeerKey.class)
                .getResultStream()
                .map(k -> new KnownKey(k.certificate(), k.state()))
                .toList();
    }

    /** For opening envelopes: the sender's certificate and state, if known. */
    public Optional<KnownKey> lookup(Fingerprint fingerprint) {
        return Optional.ofNullable(em.find(PeerKey.class, fingerprint.hex()))
                .map(k -> new KnownKey(k.certificate(), k.state()));
    }

    private static byte[] ascii(String armored) {
        return armored.getBytes(StandardCharsets.US_ASCII);
    }

    private static PeerKeyView view(PeerKey key, CertificateFacts facts) {
        return new PeerKeyView(
                key.fingerprint(),
                key.displayName(),
                key.node().orElse(null),
                key.state(),
                key.firstSeen(),
                key.updatedAt(),
                key.verifiedBy().orElse(null),
                key.verifiedAt().orElse(null),
                key.revokedAt().orElse(null),
                key.conflictsWith().orElse(null),
                facts.encryptionSubkeys(),
                key.certificate());
    }
}
