package org.amicus.core.platform.control;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The SHA-256 of a canonical line, in lower-case hex: what the audit log and coalition rosters chain on. */
public final class Sha256 {

    private Sha256() {}

    public static String hex(String line) {
        return HexFormat.of().formatHex(digest().digest(line.getBytes(StandardCharsets.UTF_8)));
    }

    /** A new SHA-256 digest, to feed as bytes go by. */
    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A copy of {@code digest} in its present state, to go on from or finish without touching the original. */
    public static MessageDigest copy(MessageDigest digest) {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Finishes {@code digest} (which is reset) as lower-case hex. */
    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Feeds {@code in} to its end into {@code digest}. */
    public static void update(MessageDigest digest, InputStream in) throws IOException {
        byte[] buffer = new byte[1 << 16];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            digest.update(buffer, 0, n);
        }
    }
}
