package org.amicus.web.problem;

import java.io.IOException;
import java.io.InputStream;

/** Reading request bodies with a limit, so that a too large body is answered, not hung on. */
public final class Bodies {

    /** How much of an oversized body is read and discarded so the client gets its 413 on a live connection. */
    private static final long DRAIN_LIMIT = 64L * 1024 * 1024;

    private Bodies() {}

    /**
     * Reads at most {@code limit} bytes; returns null when the body is larger (after discarding the rest,
     * up to a bound: a client still sending would otherwise never read the answer).
     */
    public static byte[] readAtMost(InputStream body, int limit) throws IOException {
        byte[] bytes = body.readNBytes(limit + 1);
        if (bytes.length <= limit) {
            return bytes;
        }
        long discarded = 0;
        byte[] sink = new byte[64 * 1024];
        int n;
        while (discarded < DRAIN_LIMIT && (n = body.read(sink)) >= 0) {
            discarded += n;
        }
        return null;
    }
}
