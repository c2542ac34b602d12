package org.amicus.messaging.federation;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A large message's body handed from the broker client, which pushes it chunk by chunk ({@code JMS_AMQ_SaveStream}
 * on another thread), to a reader that pulls it (the decryption of a file as it is delivered). At most
 * {@link #CHUNKS} chunks wait in between, so a body of any size passes in a few MiB; the writer waits while the
 * reader is behind. The writer ends the body with {@link #finish} or {@link #fail}; the reader sees the end, or an
 * {@link IOException} if the delivery failed or nothing arrived for {@code patience}, and {@link #broken} tells
 * afterwards whether the body was cut short on the way (so that what a decryption makes of a cut body is not taken
 * for a refusal of the file).
 */
final class BodyPipe extends OutputStream {

    static final int CHUNKS = 8;

    private static final byte[] END = new byte[0];
    private static final long POLL_MILLIS = 200;

    private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(CHUNKS);
    private final Duration patience;
    private volatile boolean readerGone;
    private volatile Throwable failure;
    private volatile boolean stalled;

    BodyPipe(Duration patience) {
        this.patience = patience;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (len > 0) {
            hand(Arrays.copyOfRange(b, off, off + len));
        }
    }

    /** The whole body was written. */
    void finish() throws IOException {
        hand(END);
    }

    /** The body could not be delivered whole. */
    void fail(Throwable cause) {
        failure = cause;
        chunks.offer(END);
    }

    /** The body was cut short on the way: the delivery failed or stalled. */
    boolean broken() {
        return failure != null || stalled;
    }

    /** The reader stops for good: the writer's next write fails instead of waiting. */
    void abandon() {
        readerGone = true;
        chunks.clear();
    }

    private void hand(byte[] chunk) throws IOException {
        try {
            while (!chunks.offer(chunk, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                if (readerGone) {
                    throw new IOException("the reader of the file's body has stopped");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while handing over the file's body");
        }
    }

    /** The body as the reader sees it (one reader). */
    InputStream input() {
        return new Reader();
    }

    /** Reads and discards what is left of the body, so the writer can finish delivering it. */
    void drain(InputStream input) throws IOException {
        byte[] skip = new byte[1 << 16];
        while (input.read(skip, 0, skip.length) >= 0) {
            // discarded
        }
    }

    private final class Reader extends InputStream {
        private byte[] current = new byte[0];
        private int position;
        private long read;
        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (position == current.length) {
                if (ended) {
                    return -1;
                }
                byte[] next = next();
                if (next == END) {
                    ended = true;
                    if (failure != null) {
                        throw new IOException(
                                "the file's body was not delivered whole: " + failure.getMessage(), failure);
                    }
                    return -1;
                }
                current = next;
                position = 0;
            }
            int n = Math.min(len, current.length - position);
            System.arraycopy(current, position, b, off, n);
            position += n;
            read += n;
            return n;
        }

        private byte[] next() throws IOException {
            try {
                byte[] next = chunks.poll(patience.toMillis(), TimeUnit.MILLISECONDS);
                if (next == null) {
                    stalled = true;
                    throw new IOException("the file's body stopped arriving: nothing for " + patience.toSeconds()
                            + " s after " + read + " bytes");
                }
                return next;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading the file's body");
            }
        }
    }
}
