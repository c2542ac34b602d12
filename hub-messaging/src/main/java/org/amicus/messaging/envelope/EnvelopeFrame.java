package org.amicus.messaging.envelope;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The wire framing of an envelope (docs/protocol/envelope.md §2): magic, version, header length,
 * header, payload. Limits are checked before anything else is looked at.
 *
 * @param header the header bytes, exactly as received
 * @param payload the OpenPGP message
 */
public record EnvelopeFrame(byte[] header, byte[] payload) {

    static final byte[] MAGIC = {'A', 'M', 'C', 'E'};
    static final int VERSION = 1;
    static final int PREFIX = MAGIC.length + 1 + 4;

    /** Longest outer header accepted. */
    public static final int MAX_HEADER = 16 * 1024;

    public byte[] toBytes() {
        return ByteBuffer.allocate(PREFIX + header.length + payload.length)
                .put(MAGIC)
                .put((byte) VERSION)
                .putInt(header.length)
                .put(header)
                .put(payload)
                .array();
    }

    /**
     * Splits received bytes into header and payload.
     *
     * @param maxPayload the node's limit for the payload
     */
    public static EnvelopeFrame parse(byte[] bytes, long maxPayload) throws EnvelopeRejectedException {
        if (bytes == null || bytes.length < PREFIX || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new EnvelopeRejectedException(EnvelopeRejectedException.Kind.MALFORMED, "not an Amicus envelope");
        }
        int version = bytes[MAGIC.length] & 0xff;
        if (version != VERSION) {
            throw new EnvelopeRejectedException(
                    EnvelopeRejectedException.Kind.UNSUPPORTED_VERSION, "envelope format version " + version);
        }
        long headerLength = ByteBuffer.wrap(bytes, MAGIC.length + 1, 4).getInt() & 0xffffffffL;
        if (headerLength > MAX_HEADER) {
            throw new EnvelopeRejectedException(EnvelopeRejectedException.Kind.TOO_LARGE, "header over the limit");
        }
        if (headerLength == 0 || PREFIX + headerLength >= bytes.length) {
            throw new EnvelopeRejectedException(
                    EnvelopeRejectedException.Kind.MALFORMED, "header length does not fit the envelope");
        }
        long payloadLength = bytes.length - PREFIX - headerLength;
        if (payloadLength > maxPayload) {
            throw new EnvelopeRejectedException(EnvelopeRejectedException.Kind.TOO_LARGE, "payload over the limit");
        }
        int h = (int) headerLength;
        return new EnvelopeFrame(
                Arrays.copyOfRange(bytes, PREFIX, PREFIX + h), Arrays.copyOfRange(bytes, PREFIX + h, bytes.length));
    }
}
