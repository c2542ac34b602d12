package org.amicus.messaging.envelope;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The binding of a node's TLS key to its organisation (docs/protocol/federation.md §2): canonical JSON
 * naming the node, the SHA-256 of the TLS key's SubjectPublicKeyInfo and an expiry, signed (detached
 * OpenPGP signature, Ed25519/SHA-512) by the organisation's primary key. A peer trusts a TLS key only if
 * its binding verifies against the organisation key in its key directory.
 */
public record TlsBinding(String nodeId, String spkiSha256, Instant validUntil) {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(java.time.ZoneOffset.UTC);
    private static final Pattern CANONICAL = Pattern.compile(
            "\\{\"nodeId\":\"([0-9a-f-]{36})\",\"spki\":\"([0-9a-f]{64})\",\"v\":1,\"validUntil\":\"([^\"]{20})\"\\}");

    public TlsBinding {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(spkiSha256, "spkiSha256");
        validUntil = validUntil.truncatedTo(ChronoUnit.SECONDS);
    }

    /** The binding of a TLS public key (its X.509 SubjectPublicKeyInfo) to a node until a time. */
    public static TlsBinding of(String nodeId, PublicKey tlsKey, Instant validUntil) {
        return new TlsBinding(nodeId, spkiSha256(tlsKey), validUntil);
    }

    public byte[] canonicalBytes() {
        return ("{\"nodeId\":\"" + nodeId + "\",\"spki\":\"" + spkiSha256 + "\",\"v\":1,\"validUntil\":\""
                        + TIME.format(validUntil) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Signs the binding with the organisation's primary key; returns the detached signature. */
    public byte[] sign(UnlockedOrganisationKey organisation) {
        return DetachedSignatures.sign(organisation, canonicalBytes());
    }

    /**
     * Verifies a presented TLS key against a signed binding and the organisation's certificate.
     *
     * @throws BindingRefusedException with the reason (never accepts on doubt)
     */
    public static TlsBinding verify(
            byte[] canonical, byte[] signature, OrganisationCertificate organisation, PublicKey presented, Instant now)
            throws BindingRefusedException {
        TlsBinding binding = parse(canonical);
        if (!DetachedSignatures.verify(canonical, signature, organisation)) {
            throw new BindingRefusedException(
                    "the binding is not signed by organisation " + organisation.fingerprint());
        }
        if (!MessageDigest.isEqual(
                binding.spkiSha256().getBytes(StandardCharsets.US_ASCII),
                spkiSha256(presented).getBytes(StandardCharsets.US_ASCII))) {
            throw new BindingRefusedException("the presented TLS key is not the one the organisation bound");
        }
        if (!now.isBefore(binding.validUntil())) {
            throw new BindingRefusedException("the binding expired at " + binding.validUntil());
        }
        return binding;
    }

    private static TlsBinding parse(byte[] canonical) throws BindingRefusedException {
        Matcher m = CANONICAL.matcher(new String(canonical, StandardCharsets.UTF_8));
        if (!m.matches()) {
            throw new BindingRefusedException("the binding is not in canonical form");
        }
        TlsBinding binding;
        try {
            binding = new TlsBinding(m.group(1), m.group(2), Instant.parse(m.group(3)));
        } catch (RuntimeException e) {
            throw new BindingRefusedException("the binding is not in canonical form");
        }
        if (!MessageDigest.isEqual(binding.canonicalBytes(), canonical)) {
            throw new BindingRefusedException("the binding is not in canonical form");
        }
        return binding;
    }

    static String spkiSha256(PublicKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A TLS binding that does not hold; the message says which check failed. */
    public static final class BindingRefusedException extends Exception {
        private static final long serialVersionUID = 1L;

        public BindingRefusedException(String message) {
            super(message);
        }
    }
}
