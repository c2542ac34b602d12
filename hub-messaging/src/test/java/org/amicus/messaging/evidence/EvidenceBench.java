package org.amicus.messaging.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;
import org.amicus.core.federation.control.ContentVault;
import org.amicus.core.submission.control.StoredFile;
import org.amicus.messaging.BenchSupport;
import org.amicus.messaging.envelope.Credentials;
import org.junit.jupiter.api.Test;

/**
 * Evidence intake benchmark (prints figures; not a timed test): a 1 GiB file taken in as 16 MiB chunks (each
 * encrypted into a spool and appended, SHA-256 carried on) and then verified (read back, every segment
 * checked, hashed again), in a JVM of its own with a 128 MiB heap and a 16 MiB young generation. Runs with the
 * other crypto benchmarks ({@code ./mvnw -Pbench verify -pl hub-messaging -am});
 * {@code -Damicus.bench.attachmentJvm=-XX:TieredStopAtLevel=1} shows the node server's default C1-only JIT.
 */
class EvidenceBench {

    static final long SIZE = Long.getLong("amicus.bench.attachmentBytes", 1L << 30);
    static final int CHUNK = 16 << 20;

    @Test
    void figures() throws Exception {
        assertEquals(0, BenchSupport.fork(EvidenceBench.class), "the 1 GiB file was taken in and verified");
    }

    /** Runs in the forked JVM. */
    public static void main(String[] args) throws Exception {
        byte[] contentKey = Credentials.randomSecret(32);
        ContentVault vault = new ContentVault() {
            @Override
            public byte[] seal(byte[] content) {
                return Credentials.seal(contentKey, content);
            }

            @Override
            public byte[] unseal(byte[] sealed) {
                return Credentials.unseal(contentKey, sealed);
            }
        };
        Path dir = Files.createTempDirectory("amicus-evidence-bench");
        NodeEvidenceStore store = new NodeEvidenceStore(dir, vault);
        try {
            run(store, 64L << 20); // warm-up
            System.gc();
            long baseline =
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            BenchSupport.HeapPeak peak = new BenchSupport.HeapPeak();
            peak.start();
            double[] r = run(store, SIZE);
            peak.stop();
            System.out.printf(
                    Locale.ROOT,
                    "===== Amicus evidence intake benchmark (%s, %s) =====%n"
                            + "%-44s %10.0f MB/s%n%-44s %10.0f MB/s%n%-44s %10.1f MiB (peak %.1f MiB, live before %.1f MiB)%n",
                    System.getProperty("java.vm.name"),
                    ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                                    .anyMatch(a -> a.startsWith("-XX:TieredStopAtLevel=1"))
                            ? "C1 only"
                            : "tiered C1+C2",
                    "intake " + (SIZE >> 20) + " MiB in 16 MiB chunks",
                    r[0],
                    "verify " + (SIZE >> 20) + " MiB (read, checked, hashed)",
                    r[1],
                    "heap growth while taking in and verifying",
                    (peak.peak - baseline) / 1048576.0,
                    peak.peak / 1048576.0,
                    baseline / 1048576.0);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static double[] run(NodeEvidenceStore store, long size) throws Exception {
        StoredFile f = new StoredFile(UUID.randomUUID(), store.newKey(), 0, 0, 0);
        BenchSupport.Pattern data = new BenchSupport.Pattern(size);
        long t0 = System.nanoTime();
        for (long left = size; left > 0; left -= CHUNK) {
            int n = (int) Math.min(CHUNK, left);
            f = store.commit(
                    f,
                    store.spool(
                            f,
                            new java.io.InputStream() {
                                private int remaining = n;

                                @Override
                                public int read() {
                                    throw new UnsupportedOperationException();
                                }

                                @Override
                                public int read(byte[] b, int off, int len) {
                                    if (remaining == 0) {
                                        return -1;
                                    }
                                    int k = data.read(b, off, Math.min(len, remaining));
                                    remaining -= k;
                                    return k;
                                }
                            },
                            CHUNK));
        }
        String intake = store.sha256(f);
        long t1 = System.nanoTime();
        String again = store.rehash(f);
        long t2 = System.nanoTime();
        if (!intake.equals(again)) {
            throw new AssertionError("the verified hash differs from the hash at intake");
        }
        store.delete(f.id());
        return new double[] {size / 1e6 / ((t1 - t0) / 1e9), size / 1e6 / ((t2 - t1) / 1e9)};
    }
}
