package org.amicus.messaging.envelope;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.UUID;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Evidence files at rest on the node that took them in (docs/submissions.md): a sequence of segments of at most
 * {@value #SEGMENT} plaintext bytes, each AES-256-GCM under the file's own random key with a random 96-bit nonce,
 * its position and the file's id as associated data. Record: version byte 1, plaintext length (4 bytes), nonce
 * (12), ciphertext and tag. A segment moved, swapped into another file, altered or cut short fails to open; the
 * caller knows from its own records how many segments the file holds, so a file cut at a segment boundary is
 * detected too. One segment in memory at a time. Not thread-safe: one instance per file being read or written.
 */
public final class EvidenceSegments {

    /** Plaintext bytes per segment, at most. */
    public static final int SEGMENT = 1 << 20;

    static final int HEADER = 1 + 4 + 12;
    static final int TAG = 16;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final byte[] fileId;
    private final Cipher cipher;
    /** One record's worth, reused: a file streams through one segment of memory, not one per segment. */
    private final byte[] record = new byte[HEADER + SEGMENT + TAG];

    /** For the file {@code file} under its 32-byte {@code key}. */
    public EvidenceSegments(byte[] key, UUID file) {
        if (key.length != 32) {
            throw new IllegalArgumentException("an evidence file key has 32 bytes");
        }
        this.key = new SecretKeySpec(key, "AES");
        this.fileId = ByteBuffer.allocate(16)
                .putLong(file.getMostSignificantBits())
                .putLong(file.getLeastSignificantBits())
                .array();
        try {
            this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The size on disk of a segment of {@code plain} bytes. */
    public static long stored(int plain) {
        return HEADER + (long) plain + TAG;
    }

    /** Writes {@code plain[0..length)} as segment number {@code index}; returns the bytes written. */
    public int write(long index, byte[] plain, int length, OutputStream out) throws IOException {
        if (length <= 0 || length > SEGMENT) {
            throw new IllegalArgumentException("a segment holds 1 to " + SEGMENT + " bytes");
        }
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        ByteBuffer.wrap(record).put((byte) 1).putInt(length).put(nonce);
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(aad(index));
            int n = cipher.doFinal(plain, 0, length, record, HEADER);
            if (n != length + TAG) {
                throw new IllegalStateException("unexpected GCM output length");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        out.write(record, 0, HEADER + length + TAG);
        return HEADER + length + TAG;
    }

    /**
     * Reads segment number {@code index} from {@code in} into {@code plain} (at least {@value #SEGMENT} bytes);
     * returns its length.
     *
     * @throws IOException if the segment is cut short, altered, out of place or from another file
     */
    public int read(long index, DataInputStream in, byte[] plain) throws IOException {
        byte[] header = new byte[HEADER];
        try {
            in.readFully(header);
        } catch (EOFException e) {
            throw new Damaged("segment " + index + " is missing: the file was cut short");
        }
        ByteBuffer h = ByteBuffer.wrap(header);
        int version = h.get();
        int length = h.getInt();
        if (version != 1 || length <= 0 || length > SEGMENT) {
            throw new Damaged("segment " + index + " is damaged");
        }
        byte[] nonce = new byte[12];
        h.get(nonce);
        try {
            in.readFully(record, 0, length + TAG);
        } catch (EOFException e) {
            throw new Damaged("segment " + index + " is cut short");
        }
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(aad(index));
            return cipher.doFinal(record, 0, length + TAG, plain, 0);
        } catch (AEADBadTagException e) {
            throw new Damaged("segment " + index + " was altered, moved or belongs to another file");
        } catch (GeneralSecurityException e) {
            throw new IOException("segment " + index + " cannot be opened: " + e.getMessage());
        }
    }

    /** The plaintext of a whole file of {@code segments} segments, checked segment by segment as it is read. */
    public InputStream open(InputStream stored, long segments) {
        return open(stored, 0, segments);
    }

    /**
     * The plaintext of a file of {@code segments} segments from segment {@code first} on ({@code stored} positioned at
     * its record), checked segment by segment as it is read.
     */
    public InputStream open(InputStream stored, long first, long segments) {
        DataInputStream in = new DataInputStream(stored);
        return new RefillingInputStream() {
            private final byte[] buffer = new byte[SEGMENT + TAG];
            private long next = first;

            @Override
            protected boolean refill() throws IOException {
                if (next == segments) {
                    if (in.read() >= 0) {
                        throw new Damaged("the file holds more than its " + segments + " segments");
                    }
                    return false;
                }
                hand(buffer, EvidenceSegments.this.read(next++, in, buffer));
                return true;
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

    /** Where a segment starts in a stored file: its number, its offset and the plaintext bytes before it. */
    public record Position(long index, long offset, long plainBefore) {}

    /**
     * Finds the segment holding plaintext byte {@code from} of a stored file of {@code segments} segments and
     * {@code storedLength} committed bytes by walking the records' headers (a few bytes each), without decrypting
     * anything. The headers are not authenticated on their own: a record found at a wrong place fails its check when
     * it is read.
     *
     * @throws Damaged if the headers do not add up to a file holding that byte
     */
    public static Position locate(FileChannel stored, long segments, long storedLength, long from) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        long offset = 0;
        long plain = 0;
        for (long index = 0; index < segments; index++) {
            header.clear();
            while (header.hasRemaining()) {
                if (offset + header.position() >= storedLength || stored.read(header, offset + header.position()) < 0) {
                    throw new Damaged("segment " + index + " is missing: the file was cut short");
                }
            }
            int version = header.get(0);
            int length = header.getInt(1);
            if (version != 1 || length <= 0 || length > SEGMENT) {
                throw new Damaged("segment " + index + " is damaged");
            }
            if (plain + length > from) {
                return new Position(index, offset, plain);
            }
            plain += length;
            offset += stored(length);
        }
        throw new Damaged("the file holds no byte " + from);
    }

    private byte[] aad(long index) {
        return ByteBuffer.allocate(1 + 16 + 8)
                .put((byte) 1)
                .put(fileId)
                .putLong(index)
                .array();
    }

    /** The stored file is not what was written: a segment missing, cut short, damaged, altered or out of place. */
    public static final class Damaged extends IOException {
        private static final long serialVersionUID = 1L;

        public Damaged(String message) {
            super(message);
        }
    }
}
