package org.amicus.messaging.envelope;

import static org.amicus.messaging.envelope.EnvelopeFixtures.NODE_A;
import static org.amicus.messaging.envelope.EnvelopeFixtures.NODE_B;
import static org.amicus.messaging.envelope.EnvelopeFixtures.PASS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.amicus.core.identity.entity.Fingerprint;
import org.amicus.messaging.envelope.EnvelopeRejectedException.Kind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Seal and open with real keys; every rejection releases no plaintext. */
class EnvelopesTest {

    /** Relative to the real time: sealing checks the recipients' subkeys (valid 7 days) against the real clock. */
    private static final Instant NOW =
            Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));

    private static final String SECRET_BODY = "Witness W-17 describes the events of 3 March";

    static OrganisationKey orgA;
    static OrganisationKey orgB;
    static OrganisationKey orgC;
    static OrganisationKey outsider;
    static Map<Fingerprint, UnlockedOrganisationKey> unlocked = new HashMap<>();

    private final Map<Fingerprint, KeyDirectoryView.Entry> directory = new HashMap<>();
    /** Each organisation's node keeps its own record of opened envelopes. */
    private final Map<Fingerprint, Set<UUID>> seenByNode = new HashMap<>();

    private final Set<UUID> seen = new HashSet<>();
    private Clock clock = Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC);

    @BeforeAll
    static void keys() throws Exception {
        orgA = OrganisationKey.generate("Org A", NOW, Duration.ofDays(7), PASS);
        orgB = OrganisationKey.generate("Org B", NOW, Duration.ofDays(7), PASS);
        orgC = OrganisationKey.generate("Org C", NOW, Duration.ofDays(7), PASS);
        outsider = OrganisationKey.generate("Outsider", NOW, Duration.ofDays(7), PASS);
        for (OrganisationKey k : List.of(orgA, orgB, orgC, outsider)) {
            unlocked.put(k.fingerprint(), k.unlock(PASS));
        }
    }

    private static UnlockedOrganisationKey open(OrganisationKey key) {
        return unlocked.get(key.fingerprint());
    }

    @BeforeEach
    void directoryKnowsA() {
        directory.put(orgA.fingerprint(), new KeyDirectoryView.Entry(orgA.certificate(), false));
    }

    @Test
    void manyEnvelopesFromOneSenderOpenAtOnceWithOneSharedCertificate() throws Exception {
        // a node opens with several listener threads, and its key directory shares one parsed certificate
        // per sender between them; right after a start both the certificate and the key are fresh objects
        List<byte[]> wires = new java.util.ArrayList<>();
        for (int i = 0; i < 16; i++) {
            wires.add(Envelopes.seal(
                    header(orgA.fingerprint(), List.of(orgB.fingerprint())),
                    document(),
                    open(orgA),
                    List.of(orgB.certificate())));
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 8; round++) {
                KeyDirectoryView.Entry fresh =
                        new KeyDirectoryView.Entry(OrganisationCertificate.parse(orgA.armoredCertificate()), false);
                Envelopes.Recipient atB = new Envelopes.Recipient(
                        OrganisationKey.read(orgB.protectedSecretKey()).unlock(PASS),
                        f -> f.equals(orgA.fingerprint()) ? Optional.of(fresh) : Optional.empty(),
                        EnvelopeFixtures.aForgetfulRecord(),
                        clock,
                        1024 * 1024);
                var start = new java.util.concurrent.CountDownLatch(1);
                List<java.util.concurrent.Future<OpenedEnvelope>> opened = new java.util.ArrayList<>();
                for (byte[] wire : wires) {
                    opened.add(pool.submit(() -> {
                        start.await();
                        return Envelopes.open(wire, atB);
                    }));
                }
                start.countDown();
                for (var f : opened) {
                    assertEquals(orgA.fingerprint(), f.get().sender());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void eachRecipientOpensTheVerifiedContentAndItsSender() throws Exception {
        byte[] wire = sealFromAToBAndC();

        OpenedEnvelope atB = Envelopes.open(wire, recipient(orgB));
        OpenedEnvelope atC = Envelopes.open(wire, recipient(orgC));

        assertEquals(orgA.fingerprint(), atB.sender());
        assertEquals(SECRET_BODY, atB.document().body());
        assertEquals("bulletin", atB.document().type());
        assertEquals(atB.document(), atC.document());
    }

    @Test
    void theWireFormShowsNoContent() throws Exception {
        String wire = new String(sealFromAToBAndC(), StandardCharsets.ISO_8859_1);

        assertFalse(wire.contains("Witness"), "content travels only encrypted");
        assertFalse(wire.contains("Quarterly"), "the subject travels only encrypted");
    }

    @Test
    void anOrganisationNotNamedIsRefused() throws Exception {
        assertRejected(Kind.NOT_ADDRESSED_TO_US, sealFromAToBAndC(), recipient(outsider));
    }

    @Test
    void aRecipientAddedToTheHeaderAfterSealingGetsNothingAndTheOthersSeeTheChange() throws Exception {
        byte[] wire = sealFromAToBAndC();
        EnvelopeFrame frame = EnvelopeFrame.parse(wire, Long.MAX_VALUE);
        EnvelopeHeader original = EnvelopeHeader.parse(frame.header());
        List<Fingerprint> widened = java.util.stream.Stream.concat(
                        original.to().stream(), java.util.stream.Stream.of(outsider.fingerprint()))
                .sorted(Comparator.comparing(Fingerprint::hex))
                .toList();
        EnvelopeHeader forged = new EnvelopeHeader(
                original.id(),
                original.from(),
                original.fromNode(),
                widened,
                original.toNodes(),
                original.created(),
                original.expires(),
                original.priority());
        byte[] tampered = new EnvelopeFrame(forged.canonicalBytes(), frame.payload()).toBytes();

        assertRejected(Kind.NOT_ADDRESSED_TO_US, tampered, recipient(outsider));
        assertRejected(Kind.HEADER_MISMATCH, tampered, recipient(orgB));
    }

    @Test
    void aChangedHeaderFieldIsDetected() throws Exception {
        byte[] wire = sealFromAToBAndC();
        EnvelopeFrame frame = EnvelopeFrame.parse(wire, Long.MAX_VALUE);
        EnvelopeHeader h = EnvelopeHeader.parse(frame.header());
        EnvelopeHeader alert = new EnvelopeHeader(
                h.id(), h.from(), h.fromNode(), h.to(), h.toNodes(), h.created(), h.expires(), Priority.ALERT);

        assertRejected(
                Kind.HEADER_MISMATCH,
                new EnvelopeFrame(alert.canonicalBytes(), frame.payload()).toBytes(),
                recipient(orgB));
    }

    @Test
    void anExpiredEnvelopeIsNotDelivered() throws Exception {
        byte[] wire = sealFromAToBAndC();
        clock = Clock.fixed(NOW.plus(Duration.ofDays(2)), ZoneOffset.UTC);

        assertRejected(Kind.EXPIRED, wire, recipient(orgB));
    }

    @Test
    void anEnvelopeOpensOnceOnly() throws Exception {
        byte[] wire = sealFromAToBAndC();
        Envelopes.open(wire, recipient(orgB));

        assertRejected(Kind.REPLAYED, wire, recipient(orgB));
    }

    @Test
    void unknownAndRevokedSendersAreRefused() throws Exception {
        byte[] wire = sealFromAToBAndC();
        directory.clear();
        assertRejected(Kind.UNKNOWN_SENDER, wire, recipient(orgB));

        directory.put(orgA.fingerprint(), new KeyDirectoryView.Entry(orgA.certificate(), true));
        assertRejected(Kind.REVOKED_SENDER, wire, recipient(orgB));
    }

    @Test
    void anEnvelopeSignedByAnotherKeyThanItsSenderIsRefused() throws Exception {
        // the outsider seals in its own name, then rewrites the header to claim Org A
        EnvelopeHeader own = header(outsider.fingerprint(), List.of(orgB.fingerprint()));
        byte[] wire = Envelopes.seal(own, document(), open(outsider), List.of(orgB.certificate()));
        EnvelopeFrame frame = EnvelopeFrame.parse(wire, Long.MAX_VALUE);
        EnvelopeHeader claimed = new EnvelopeHeader(
                own.id(),
                orgA.fingerprint(),
                own.fromNode(),
                own.to(),
                own.toNodes(),
                own.created(),
                own.expires(),
                own.priority());

        assertRejected(
                Kind.BAD_SIGNATURE,
                new EnvelopeFrame(claimed.canonicalBytes(), frame.payload()).toBytes(),
                recipient(orgB));
    }

    @Test
    void damagedCiphertextReleasesNothing() throws Exception {
        byte[] wire = sealFromAToBAndC();
        for (int position : new int[] {wire.length - 1, wire.length - 40, wire.length / 2 + 200}) {
            byte[] flipped = wire.clone();
            flipped[position] ^= 0x01;
            seen.clear();
            EnvelopeRejectedException e =
                    assertThrows(EnvelopeRejectedException.class, () -> Envelopes.open(flipped, recipient(orgB)));
            assertTrue(Set.of(Kind.MALFORMED, Kind.BAD_SIGNATURE).contains(e.kind()), e.getMessage());
            assertFalse(e.getMessage().contains("Witness"));
        }
        byte[] truncated = Arrays.copyOf(wire, wire.length - 30);
        EnvelopeRejectedException e =
                assertThrows(EnvelopeRejectedException.class, () -> Envelopes.open(truncated, recipient(orgB)));
        assertTrue(Set.of(Kind.MALFORMED, Kind.BAD_SIGNATURE).contains(e.kind()), e.getMessage());
        assertTrue(seen.isEmpty(), "a rejected envelope's id is not recorded");
    }

    @Test
    void aTooLargePayloadIsRefusedBeforeDecryption() throws Exception {
        byte[] wire = sealFromAToBAndC();
        Envelopes.Recipient small = new Envelopes.Recipient(open(orgB), this::lookup, seenStore(orgB), clock, 100);

        assertRejected(Kind.TOO_LARGE, wire, small);
    }

    @Test
    void sealingRefusesCertificatesThatDoNotMatchTheHeader() {
        EnvelopeHeader h = header(orgA.fingerprint(), sorted(orgB.fingerprint(), orgC.fingerprint()));

        assertThrows(
                IllegalArgumentException.class,
                () -> Envelopes.seal(h, document(), open(orgA), List.of(orgB.certificate())));
        assertThrows(
                IllegalArgumentException.class,
                () -> Envelopes.seal(h, document(), open(orgB), List.of(orgB.certificate(), orgC.certificate())),
                "a key cannot seal in another organisation's name");
    }

    // --- fixtures ---

    private byte[] sealFromAToBAndC() throws Exception {
        List<Fingerprint> to = sorted(orgB.fingerprint(), orgC.fingerprint());
        return Envelopes.seal(
                header(orgA.fingerprint(), to),
                document(),
                open(orgA),
                List.of(orgB.certificate(), orgC.certificate()));
    }

    private static InnerDocument document() {
        return new InnerDocument("bulletin", "Quarterly update", SECRET_BODY);
    }

    private static EnvelopeHeader header(Fingerprint from, List<Fingerprint> to) {
        return new EnvelopeHeader(
                UUID.randomUUID(),
                from,
                NODE_A,
                to,
                List.of(NODE_B),
                NOW,
                NOW.plus(Duration.ofDays(1)),
                Priority.NORMAL);
    }

    private static List<Fingerprint> sorted(Fingerprint... fps) {
        return Arrays.stream(fps).sorted(Comparator.comparing(Fingerprint::hex)).toList();
    }

    private Envelopes.Recipient recipient(OrganisationKey key) {
        return new Envelopes.Recipient(open(key), this::lookup, seenStore(key), clock, 1024 * 1024);
    }

    private Optional<KeyDirectoryView.Entry> lookup(Fingerprint f) {
        return Optional.ofNullable(directory.get(f));
    }

    private SeenEnvelopes seenStore(OrganisationKey node) {
        Set<UUID> seen =
                node == orgB ? this.seen : seenByNode.computeIfAbsent(node.fingerprint(), k -> new HashSet<>());
        return new SeenEnvelopes() {
            @Override
            public boolean seen(UUID id) {
                return seen.contains(id);
            }

            @Override
            public void record(UUID id, Instant expires) {
                seen.add(id);
            }
        };
    }

    private static void assertRejected(Kind kind, byte[] wire, Envelopes.Recipient us) {
        EnvelopeRejectedException e = assertThrows(EnvelopeRejectedException.class, () -> Envelopes.open(wire, us));
        assertEquals(kind, e.kind(), e.getMessage());
        assertFalse(e.getMessage().contains("Witness"), "a rejection carries no content");
    }
}
