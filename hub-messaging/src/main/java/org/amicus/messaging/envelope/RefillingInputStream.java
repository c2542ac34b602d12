package org.amicus.messaging.envelope;

import java.io.IOException;
import java.io.InputStream;

/**
 * A stream that hands out a buffer of bytes it produced (a decrypted segment or block run) and makes the next when it
 * is used up: a subclass says how, in {@link #refill}.
 */
abstract class RefillingInputStream extends InputStream {

    private byte[] buffer = new byte[0];
    private int pos;
    private int limit;

    /**
     * Makes the next bytes and hands them over with {@link #hand}; returns false at the end of the stream.
     *
     * @throws IOException if the bytes cannot be made (read, decrypted or checked)
     */
    protected abstract boolean refill() throws IOException;

    /** The next {@code length} bytes to hand out are {@code bytes[0..length)}. */
    protected final void hand(byte[] bytes, int length) {
        buffer = bytes;
        pos = 0;
        limit = length;
    }

    @Override
    public final int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public final int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (pos == limit) {
            if (!refill()) {
                return -1;
            }
        }
        int n = Math.min(len, limit - pos);
        System.arraycopy(buffer, pos, b, off, n);
        pos += n;
        return n;
    }
}
