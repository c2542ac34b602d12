package org.amicus.messaging.envelope;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What a sign-in costs the node: one Argon2id verification (19 MiB, 2 passes), alone and with as many at
 * once as the node allows (one per core), and what an attacker pays per guess. Prints figures for
 * docs/performance.md; asserts nothing about time. Run with {@code ./mvnw -Pbench verify -pl hub-messaging}.
 */
class CredentialsBench {

    @Test
    void argon2idVerification() throws Exception {
        char[] password = "river stone lantern moss".toCharArray();
        String hash = Credentials.hashPassword(password);
        for (int i = 0; i < 5; i++) { // warm-up
            Credentials.passwordMatches(password, hash);
        }
        int n = 20;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            Credentials.passwordMatches(password, hash);
        }
        double single = (System.nanoTime() - t0) / 1e6 / n;

        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long t1 = System.nanoTime();
            List<Future<Boolean>> all = new ArrayList<>();
            for (int i = 0; i < n * threads; i++) {
                all.add(pool.submit(() -> Credentials.passwordMatches(password, hash)));
            }
            for (Future<Boolean> f : all) {
                f.get();
            }
            double seconds = (System.nanoTime() - t1) / 1e9;
            System.out.printf(
                    "BENCH argon2id m=%d KiB t=%d p=%d: %.1f ms per verification on one thread; %d threads: %.1f"
                            + " verifications/s (heap %d MiB max)%n",
                    Credentials.MEMORY_KIB,
                    Credentials.ITERATIONS,
                    Credentials.PARALLELISM,
                    single,
                    threads,
                    n * threads / seconds,
                    Runtime.getRuntime().maxMemory() >> 20);
        } finally {
            pool.shutdown();
        }
    }
}
