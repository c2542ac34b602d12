package org.amicus.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real GnuPG (Debian's gpg 2.2) in a throw-away home directory, as an organisation's staff use it. */
final class Gpg implements AutoCloseable {

    private final Path home;

    Gpg(Path home) throws IOException {
        this.home = Files.createDirectories(home);
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
    }

    /** gpg starts a gpg-agent per home directory that outlives it: this stops it. */
    @Override
    public void close() {
        killAgent(home);
    }

    /** Stops the gpg-agent (and any other GnuPG daemon) that gpg started for {@code home}. */
    static void killAgent(Path home) {
        try {
            new ProcessBuilder("gpgconf", "--homedir", home.toString(), "--kill", "all")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start()
                    .waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            // no gpgconf: nothing was started either
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    Path home() {
        return home;
    }

    /** Runs gpg, which must succeed, and returns its standard output. */
    String run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("gpg", "--homedir", home.toString(), "--batch", "--no-tty"));
        cmd.addAll(List.of(args));
        Path stderr = Files.createTempFile(home, "gpg-stderr", ".txt");
        Process p = new ProcessBuilder(cmd).redirectError(stderr.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("gpg " + String.join(" ", args) + " failed: " + out + Files.readString(stderr));
        }
        return out;
    }

    /** {@code gpg --sign --encrypt} of a file, by {@code signer} to {@code recipient}; returns the message. */
    byte[] signAndEncrypt(Path file, String signer, String recipient) throws IOException, InterruptedException {
        Path out = Files.createTempFile(home, "message-", ".gpg");
        Files.delete(out);
        run(
                "--trust-model",
                "always",
                "--local-user",
                signer,
                "--recipient",
                recipient,
                "--output",
                out.toString(),
                "--sign",
                "--encrypt",
                file.toString());
        return Files.readAllBytes(out);
    }

    /** Makes a key (Ed25519 + Cv25519, no passphrase) and returns its fingerprint. */
    String newKey(String userId) throws IOException, InterruptedException {
        run("--passphrase", "", "--quick-gen-key", userId, "future-default", "default", "1d");
        return run("--with-colons", "--list-keys", userId)
                .lines()
                .filter(l -> l.startsWith("fpr:"))
                .findFirst()
                .orElseThrow()
                .split(":")[9];
    }
}
