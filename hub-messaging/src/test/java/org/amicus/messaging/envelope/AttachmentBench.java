package org.amicus.messaging.envelope;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.amicus.messaging.BenchSupport;
import org.junit.jupiter.api.Test;

/**
 * Attachment benchmark (prints figures; not a timed test): seal and open of a 1 GiB attachment as a
 * stream, in a JVM of its own (128 MiB heap, as generating a key takes 64 MiB for Argon2; a 16 MiB
 * young generation so that garbage cannot hide growth): it reports the peak heap used while the
 * attachment streams minus the live heap before, an upper bound of the heap growth. Runs with the envelope benchmark
 * ({@code ./mvnw -Pbench verify -pl hub-messaging -am}); {@code -Damicus.bench.attachmentJvm=...}
 * adds JVM options (e.g. {@code -XX:TieredStopAtLevel=1} to see the node server's C1-only setting).
 */
class AttachmentBench {

    static final long SIZE = Long.getLong("amicus.bench.attachmentBytes", 1L << 30);

    @Test
    void figures() throws Exception {
        assertEquals(0, BenchSupport.fork(AttachmentBench.class), "the 1 GiB attachment was sealed and opened");
    }

    /** Runs in the forked JVM. */
    public static void main(String[] args) throws Exception {
        Instant now = Instant.now().minusSeconds(60);
        OrganisationKey recipient =
                OrganisationKey.generate("Recipient", now, Duration.ofDays(7), EnvelopeFixtures.PASS);
        UnlockedOrganisationKey unlocked = recipient.unlock(EnvelopeFixtures.PASS);
        Path file = Files.createTempFile("amicus-attachment-bench", ".gpg");
        BenchSupport.HeapPeak peak = new BenchSupport.HeapPeak();
        try {
            // warm up on 64 MiB, then measure
            run(recipient, unlocked, file, 64L << 20);
            System.gc();
            long baseline =
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            peak.start();
            Result r = run(recipient, unlocked, file, SIZE);
            peak.stop();
            System.out.printf(
                    Locale.ROOT,
                    "===== Amicus attachment benchmark (%s, %s) =====%n"
                            + "%-44s %10.0f MB/s%n%-44s %10.0f MB/s%n%-44s %10.1f MiB (peak %.1f MiB, live before %.1f MiB)%n",
                    System.getProperty("java.vm.name"),
                    ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                                    .anyMatch(a -> a.startsWith("-XX:TieredStopAtLevel=1"))
                            ? "C1 only"
                            : "tiered C1+C2",
                    "seal " + (SIZE >> 20) + " MiB attachment (stream)",
                    r.sealMbPerSecond,
                    "open " + (SIZE >> 20) + " MiB attachment (stream, verified)",
                    r.openMbPerSecond,
                    "heap growth while sealing and opening",
                    (peak.peak - baseline) / 1048576.0,
                    peak.peak / 1048576.0,
                    baseline / 1048576.0);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private record Result(double sealMbPerSecond, double openMbPerSecond) {}

    private static Result run(OrganisationKey recipient, UnlockedOrganisationKey unlocked, Path file, long size)
            throws Exception {
        long t0 = System.nanoTime();
        Attachments.Sealed sealed;
        try (OutputStream out = Files.newOutputStream(file)) {
            sealed = Attachments.seal(new BenchSupport.Pattern(size), out, List.of(recipient.certificate()));
        }
        long t1 = System.nanoTime();
        try (InputStream in = Files.newInputStream(file)) {
            Attachments.open(in, OutputStream.nullOutputStream(), unlocked, sealed);
        }
        long t2 = System.nanoTime();
        return new Result(size / 1e6 / ((t1 - t0) / 1e9), size / 1e6 / ((t2 - t1) / 1e9));
    }
}
