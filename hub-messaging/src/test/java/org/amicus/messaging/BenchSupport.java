package org.amicus.messaging;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.security.SecureRandom;

/** What the benchmarks share: a large stream that holds only 1 MiB, and a sampler of the used heap's peak. */
public final class BenchSupport {

    private BenchSupport() {}

    /**
     * Runs {@code main}'s {@code main} in a JVM of its own (128 MiB heap, 16 MiB young generation, serial GC, plus
     * {@code -Damicus.bench.attachmentJvm=...}), printing what it prints; returns its exit status.
     */
    public static int fork(Class<?> main) throws Exception {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(
                java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(),
                "-Xmx128m",
                "-Xmn16m",
                "-XX:+UseSerialGC"));
        String extra = System.getProperty("amicus.bench.attachmentJvm", "");
        if (!extra.isBlank()) {
            cmd.addAll(java.util.List.of(extra.trim().split("\\s+")));
        }
        cmd.addAll(java.util.List.of(
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-cp",
                System.getProperty("java.class.path"),
                main.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try (var r = new java.io.BufferedReader(
                new java.io.InputStreamReader(p.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
            r.lines().forEach(System.out::println);
        }
        return p.waitFor();
    }

    /** {@code size} bytes of a random 1 MiB block repeated: no memory held beyond that block. */
    public static final class Pattern extends InputStream {
        private final byte[] block = new byte[1 << 20];
        private long left;
        private int pos;

        public Pattern(long size) {
            new SecureRandom().nextBytes(block);
            left = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left == 0) {
                return -1;
            }
            int n = (int) Math.min(Math.min(len, left), block.length - pos);
            System.arraycopy(block, pos, b, off, n);
            pos = (pos + n) % block.length;
            left -= n;
            return n;
        }
    }

    /** Samples the used heap every few milliseconds. */
    public static final class HeapPeak {
        public volatile long peak;
        private volatile boolean running;
        private Thread thread;

        public void start() {
            running = true;
            thread = new Thread(() -> {
                while (running) {
                    peak = Math.max(
                            peak,
                            ManagementFactory.getMemoryMXBean()
                                    .getHeapMemoryUsage()
                                    .getUsed());
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        public void stop() throws InterruptedException {
            running = false;
            thread.join();
        }
    }
}
