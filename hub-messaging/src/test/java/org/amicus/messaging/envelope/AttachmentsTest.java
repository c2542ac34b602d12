package org.amicus.messaging.envelope;

import static org.amicus.messaging.envelope.EnvelopeFixtures.PASS;
import static org.amicus.messaging.envelope.EnvelopeFixtures.aKeyFor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Streamed attachments: round trip, and every way a damaged or substituted one is refused. */
class AttachmentsTest {

    private static OrganisationKey recipient;
    private static OrganisationKey other;
    private static byte[] file;
    private static byte[] sealed;
    private static Attachments.Sealed manifest;

    @BeforeAll
    static void aSealedAttachment() throws Exception {
        recipient = aKeyFor("Recipient");
        other = aKeyFor("Other");
        file = new byte[3 * 1024 * 1024 + 17];
        new SecureRandom().nextBytes(file);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        manifest = Attachments.seal(new ByteArrayInputStream(file), out, List.of(recipient.certificate()));
        sealed = out.toByteArray();
    }

    @Test
    void itOpensToTheSameBytesAndTheManifestNamesThem() throws Exception {
        assertEquals(file.length, manifest.size());
        assertEquals(
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file)), manifest.sha256());

        assertArrayEquals(file, open(sealed, recipient, manifest));
    }

    @Test
    void aFlippedBitIsCaughtByTheIntegrityCheck() throws Exception {
        byte[] damaged = sealed.clone();
        damaged[damaged.length / 2] ^= 0x01;

        assertEquals(EnvelopeRejectedException.Kind.MALFORMED, refusal(damaged, recipient, manifest));
    }

    @Test
    void aTruncatedAttachmentIsRefused() throws Exception {
        assertEquals(
                EnvelopeRejectedException.Kind.MALFORMED,
                refusal(Arrays.copyOf(sealed, sealed.length - 100), recipient, manifest));
    }

    @Test
    void anAttachmentOtherThanTheOneTheManifestNamesIsRefused() throws Exception {
        String otherHash = "0".repeat(64);
        assertEquals(
                EnvelopeRejectedException.Kind.HEADER_MISMATCH,
                refusal(sealed, recipient, new Attachments.Sealed(otherHash, manifest.size())));
        assertEquals(
                EnvelopeRejectedException.Kind.TOO_LARGE,
                refusal(sealed, recipient, new Attachments.Sealed(manifest.sha256(), manifest.size() - 1)));
    }

    @Test
    void anotherOrganisationCannotOpenIt() throws Exception {
        assertEquals(EnvelopeRejectedException.Kind.NOT_ADDRESSED_TO_US, refusal(sealed, other, manifest));
        assertEquals(
                EnvelopeRejectedException.Kind.MALFORMED,
                refusal("not OpenPGP at all".getBytes(), recipient, manifest));
    }

    @Test
    void sealedAsAPulledStreamItIsReadByTheOpeningStreamAndNothingIsReportedBeforeTheEnd() throws Exception {
        Attachments.Sealing sealing =
                Attachments.sealing(new ByteArrayInputStream(file), List.of(recipient.certificate()));
        assertThrows(IllegalStateException.class, sealing::sealed);
        byte[] pulled;
        try (sealing) {
            pulled = readInSmallPieces(sealing);
        }
        assertEquals(manifest, sealing.sealed());
        try (var in = Attachments.opening(new ByteArrayInputStream(pulled), recipient.unlock(PASS), manifest)) {
            assertArrayEquals(file, readInSmallPieces(in));
        }

        byte[] damaged = pulled.clone();
        damaged[damaged.length - 30] ^= 0x01;
        var rejected = assertThrows(Attachments.Rejected.class, () -> {
            try (var in = Attachments.opening(new ByteArrayInputStream(damaged), recipient.unlock(PASS), manifest)) {
                readInSmallPieces(in);
            }
        });
        assertEquals(
                EnvelopeRejectedException.Kind.MALFORMED, rejected.rejection().kind());
    }

    @Test
    void aFileSentInPartsIsHashedWholeOverItsPartsAndEachPartIsCheckedForItsSize() throws Exception {
        MessageDigest whole = MessageDigest.getInstance("SHA-256");
        int cut = 2 * 1024 * 1024;
        byte[][] parts = {Arrays.copyOfRange(file, 0, cut), Arrays.copyOfRange(file, cut, file.length)};
        ByteArrayOutputStream opened = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            Attachments.Sealing sealing =
                    Attachments.sealing(new ByteArrayInputStream(part), List.of(recipient.certificate()), whole);
            byte[] ciphertext;
            try (sealing) {
                ciphertext = sealing.readAllBytes();
            }
            try (var in = Attachments.openingPart(
                    new ByteArrayInputStream(ciphertext), recipient.unlock(PASS), part.length)) {
                opened.write(readInSmallPieces(in));
            }
            var tooShort = assertThrows(Attachments.Rejected.class, () -> {
                try (var in = Attachments.openingPart(
                        new ByteArrayInputStream(ciphertext), recipient.unlock(PASS), part.length + 1)) {
                    readInSmallPieces(in);
                }
            });
            assertEquals(
                    EnvelopeRejectedException.Kind.HEADER_MISMATCH,
                    tooShort.rejection().kind());
            var tooLong = assertThrows(Attachments.Rejected.class, () -> {
                try (var in = Attachments.openingPart(
                        new ByteArrayInputStream(ciphertext), recipient.unlock(PASS), part.length - 1)) {
                    readInSmallPieces(in);
                }
            });
            assertEquals(
                    EnvelopeRejectedException.Kind.TOO_LARGE,
                    tooLong.rejection().kind());
        }
        assertArrayEquals(file, opened.toByteArray());
        assertEquals(manifest.sha256(), HexFormat.of().formatHex(whole.digest()), "the whole file's SHA-256");
    }

    private static byte[] readInSmallPieces(java.io.InputStream in) throws java.io.IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] piece = new byte[777];
        int n;
        while ((n = in.read(piece)) >= 0) {
            out.write(piece, 0, n);
        }
        return out.toByteArray();
    }

    @Test
    void theSignedEnvelopeCarriesTheManifestAndPersonsThatBindTheAttachment() throws Exception {
        OrganisationKey sender = aKeyFor("Sender");
        InnerDocument document = new InnerDocument(
                "submission",
                "Statement",
                "See the attached file.",
                List.of(new InnerDocument.Person("W-0042", "witness")),
                List.of(new InnerDocument.Attachment(
                        "a1", "statement-0042.pdf", "application/pdf", manifest.size(), manifest.sha256())));
        byte[] wire = Envelopes.seal(
                EnvelopeFixtures.aHeader(sender.fingerprint(), List.of(recipient.fingerprint())),
                document,
                sender.unlock(PASS),
                List.of(recipient.certificate()));

        InnerDocument opened = Envelopes.open(
                        wire, EnvelopeFixtures.aRecipient(recipient.unlock(PASS), sender.certificate()))
                .document();

        assertEquals(document, opened);
        assertArrayEquals(
                file, open(sealed, recipient, opened.attachments().get(0).sealed()));
    }

    private static byte[] open(byte[] ciphertext, OrganisationKey key, Attachments.Sealed expected) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Attachments.open(new ByteArrayInputStream(ciphertext), out, key.unlock(PASS), expected);
        return out.toByteArray();
    }

    private static EnvelopeRejectedException.Kind refusal(
            byte[] ciphertext, OrganisationKey key, Attachments.Sealed expected) {
        return assertThrows(EnvelopeRejectedException.class, () -> open(ciphertext, key, expected))
                .kind();
    }
}
