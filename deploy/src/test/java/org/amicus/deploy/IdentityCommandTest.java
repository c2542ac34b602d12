package org.amicus.deploy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.amicus.messaging.envelope.Certificates;
import org.amicus.messaging.envelope.OrganisationCertificate;
import org.amicus.messaging.envelope.OrganisationKey;
import org.amicus.messaging.envelope.OrganisationKeyFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's identity commands, on real key files. */
class IdentityCommandTest {

    private static final String PASSPHRASE = "the operator's long passphrase";

    @TempDir
    Path tmp;

    private Path data;
    private Path passphraseFile;
    private OrganisationKey key;

    @BeforeEach
    void aNodeWithAKey() throws Exception {
        data = tmp.resolve("data");
        key = new OrganisationKeyFile(data.resolve("keys/organisation.key"))
                .create(
                        "Amicus node 0a0a0a0a-0000-4000-8000-00000000000a (Test Centre)",
                        Instant.now(),
                        Duration.ofDays(7),
                        PASSPHRASE.toCharArray());
        passphraseFile = secretFile("passphrase", PASSPHRASE);
    }

    @Test
    void showPrintsTheFingerprintGroupedForReadingAloud() {
        Result r = run("show", "--data", data.toString());

        assertEquals(0, r.status, r.err);
        assertTrue(r.out.contains(key.fingerprint().grouped()), r.out);
        assertTrue(r.out.contains("Test Centre"), r.out);
        assertTrue(r.out.contains("Encryption subkeys"), r.out);
    }

    @Test
    void certificatePrintsThePublicCertificateOnly() throws Exception {
        Result r = run("certificate", "--data", data.toString());

        assertEquals(0, r.status, r.err);
        assertEquals(key.fingerprint(), OrganisationCertificate.parse(r.out).fingerprint());
        assertFalse(r.out.contains("PRIVATE"));
    }

    @Test
    void aBackupRestoresOnAnotherMachineWithItsPassphrase() throws Exception {
        Path backup = tmp.resolve("usb/organisation-key.backup");
        Result made = runOn(data, passphraseFile, "backup", backup);
        assertEquals(0, made.status, made.err);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(backup)));

        Path elsewhere = tmp.resolve("new-machine");
        Result wrong = runOn(elsewhere, secretFile("wrong", "not the passphrase at all"), "restore", backup);
        assertEquals(3, wrong.status);
        assertTrue(wrong.err.contains("nothing was restored"), wrong.err);
        assertFalse(Files.exists(elsewhere.resolve("keys/organisation.key")));

        Result restored = runOn(elsewhere, passphraseFile, "restore", backup);
        assertEquals(0, restored.status, restored.err);
        assertArrayEquals(
                Files.readAllBytes(data.resolve("keys/organisation.key")),
                Files.readAllBytes(elsewhere.resolve("keys/organisation.key")));
    }

    @Test
    void aBackupNeverOverwritesAFileAndNeedsTheRightPassphrase() throws Exception {
        Path existing = secretFile("existing", "keep me");
        Result r = runOn(data, passphraseFile, "backup", existing);
        assertEquals(3, r.status);
        assertTrue(r.err.contains("exists already"), r.err);
        assertEquals("keep me\n", Files.readString(existing), "the existing file is untouched");

        Path target = tmp.resolve("backup");
        Result wrong = runOn(data, secretFile("wrong", "not the passphrase at all"), "backup", target);
        assertEquals(3, wrong.status);
        assertTrue(wrong.err.contains("does not unlock"), wrong.err);
        assertFalse(Files.exists(target));
    }

    @Test
    void restoreNeverReplacesADifferentKey() throws Exception {
        Path otherData = tmp.resolve("other");
        new OrganisationKeyFile(otherData.resolve("keys/organisation.key"))
                .create(
                        "Amicus node 0b0b0b0b-0000-4000-8000-00000000000b (Other)",
                        Instant.now(),
                        Duration.ofDays(7),
                        PASSPHRASE.toCharArray());
        Path backup = tmp.resolve("other.backup");
        assertEquals(0, runOn(otherData, passphraseFile, "backup", backup).status);
        byte[] before = Files.readAllBytes(data.resolve("keys/organisation.key"));

        Result r = runOn(data, passphraseFile, "restore", backup);

        assertEquals(3, r.status);
        assertTrue(r.err.contains("holds another organisation key"), r.err);
        assertArrayEquals(before, Files.readAllBytes(data.resolve("keys/organisation.key")));
    }

    @Test
    void exportForGpgWritesTheSecretKeyOwnerOnly() throws Exception {
        Path target = tmp.resolve("for-gpg.asc");
        Result r = runOn(data, passphraseFile, "export-for-gpg", target);

        assertEquals(0, r.status, r.err);
        assertTrue(Files.readString(target).startsWith("-----BEGIN PGP PRIVATE KEY BLOCK-----"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    }

    @Test
    void aRevocationCertificateRevokesTheKeyWhereverItIsImportedAndChangesNothingHere() throws Exception {
        byte[] keyBefore = Files.readAllBytes(data.resolve("keys/organisation.key"));
        Path target = tmp.resolve("revocation.asc");
        Result r = runOn(data, passphraseFile, "revocation", target);

        assertEquals(0, r.status, r.err);
        assertTrue(r.out.contains("Keep it offline"), r.out);
        byte[] revocation = Files.readAllBytes(target);
        assertTrue(new String(revocation, StandardCharsets.US_ASCII).startsWith("-----BEGIN PGP SIGNATURE-----"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        assertEquals(java.util.Optional.of(key.fingerprint()), Certificates.revocationIssuer(revocation));
        assertTrue(
                Certificates.merge(key.armoredCertificate(), revocation).isRevoked(),
                "a peer merging it into the certificate it knows sees the key revoked");
        assertArrayEquals(keyBefore, Files.readAllBytes(data.resolve("keys/organisation.key")), "key untouched");

        Result wrong = runOn(data, secretFile("wrong", "not the passphrase at all"), "revocation", tmp.resolve("r2"));
        assertEquals(3, wrong.status);
        assertTrue(wrong.err.contains("does not unlock"), wrong.err);
        assertFalse(Files.exists(tmp.resolve("r2")), "nothing written");
    }

    @Test
    void mistakesGetOneClearLine() {
        Result none = run("show", "--data", tmp.resolve("empty").toString());
        assertEquals(3, none.status);
        assertTrue(none.err.contains("there is no organisation key"), none.err);

        Result unknown = run("rotate-everything", "--data", data.toString());
        assertEquals(2, unknown.status);
        assertTrue(unknown.err.contains("identity needs a command"), unknown.err);

        Result missing = run("backup", "--data", data.toString());
        assertEquals(2, missing.status);
        assertTrue(missing.err.contains("needs one FILE"), missing.err);
    }

    private Path secretFile(String name, String content) throws Exception {
        Path f = tmp.resolve(name);
        Files.createFile(f, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(f, content + "\n");
        return f;
    }

    private record Result(int status, String out, String err) {}

    /** {@code identity VERB FILE --data DATA --passphrase-file PASSPHRASE}. */
    private static Result runOn(Path dataDir, Path passphrase, String verb, Path file) {
        return run(verb, file.toString(), "--data", dataDir.toString(), "--passphrase-file", passphrase.toString());
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = IdentityCommand.run(
                args,
                Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
