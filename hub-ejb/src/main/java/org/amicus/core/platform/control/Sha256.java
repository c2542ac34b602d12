package org.amicus.core.platform.control;

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
}
