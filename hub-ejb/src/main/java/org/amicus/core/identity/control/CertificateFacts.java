package org.amicus.core.identity.control;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.amicus.core.identity.entity.Fingerprint;
import org.amicus.core.node.entity.NodeId;

/**
 * What the envelope code read from an OpenPGP certificate, every signature already checked: only
 * user ids and subkeys that the primary key itself certified are listed, and {@link #armored()} holds
 * only those (a subkey someone else bound is dropped and named in {@link #ignoredSubkeys()}).
 *
 * @param expires when the primary key expires; null for never
 * @param revoked when the primary key was revoked (a valid self-revocation); null if it is not
 */
public record CertificateFacts(
        Fingerprint fingerprint,
        List<String> userIds,
        Instant created,
        Instant expires,
        Instant revoked,
        List<Subkey> encryptionSubkeys,
        List<Fingerprint> ignoredSubkeys,
        String armored) {

    /** Amicus' own user id form: {@code Amicus node <node-id> (<organisation name>)}. */
    private static final Pattern AMICUS_USER_ID = Pattern.compile(
            "Amicus node ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}) \\((.{1,200})\\)");

    /** An encryption subkey. {@code expires} is null for never; {@code revoked} null if not revoked. */
    public record Subkey(Fingerprint fingerprint, Instant created, Instant expires, Instant revoked) {

        public boolean usableAt(Instant at) {
            return revoked == null && !created.isAfter(at) && (expires == null || expires.isAfter(at));
        }
    }

    public CertificateFacts {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(armored, "armored");
        userIds = List.copyOf(userIds);
        encryptionSubkeys = List.copyOf(encryptionSubkeys);
        ignoredSubkeys = List.copyOf(ignoredSubkeys);
    }

    public boolean isRevoked() {
        return revoked != null;
    }

    public boolean isExpiredAt(Instant at) {
        return expires != null && !expires.isAfter(at);
    }

    public boolean canReceiveAt(Instant at) {
        return !isRevoked() && !isExpiredAt(at) && encryptionSubkeys.stream().anyMatch(s -> s.usableAt(at));
    }

    /** The node this certificate names in an Amicus user id, if it has one. */
    public Optional<NodeId> node() {
        return amicusUserId().map(m -> NodeId.parse(m.group(1)));
    }

    /** The organisation name from an Amicus user id, or the first user id of another key. */
    public String displayName() {
        return amicusUserId().map(m -> m.group(2)).orElse(userIds.isEmpty() ? "" : userIds.get(0));
    }

    private Optional<Matcher> amicusUserId() {
        return userIds.stream()
                .map(AMICUS_USER_ID::matcher)
                .filter(Matcher::matches)
                .findFirst();
    }
}
