package org.amicus.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** How a file handed out by the API is named to the browser or client that saves it. */
public final class Downloads {

    private Downloads() {}

    /**
     * A {@code Content-Disposition} for saving {@code name} (RFC 6266): an ASCII fallback for old clients and the
     * exact name, in any script (Arabic included), as UTF-8 (RFC 8187).
     */
    public static String attachment(String name) {
        StringBuilder ascii = new StringBuilder();
        for (char c : name.toCharArray()) {
            ascii.append(c >= 0x20 && c < 0x7F && c != '"' && c != '\\' ? c : '_');
        }
        String utf8 = URLEncoder.encode(name, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("*", "%2A")
                .replace("%7E", "~");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + utf8;
    }
}
