package org.amicus.core.platform.control;

/**
 * String escaping of RFC 8785 (JSON Canonicalization Scheme), for the fixed schemas whose bytes are signed or
 * hashed: the envelope's inner document and bundle index, the audit log's lines.
 */
public final class CanonicalJson {

    private CanonicalJson() {}

    public static void appendString(StringBuilder sb, String value) {
        sb.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
