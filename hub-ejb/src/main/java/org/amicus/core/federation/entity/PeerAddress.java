package org.amicus.core.federation.entity;

import java.util.regex.Pattern;

/** Where a peer's broker accepts other nodes: host name or address, and port. */
public record PeerAddress(String host, int port) {

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}\\]");

    public PeerAddress {
        if (host == null || !HOST.matcher(host).matches()) {
            throw new IllegalArgumentException("a peer's host is a host name or an IP address, got '" + host + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("a peer's port is between 1 and 65535, got " + port);
        }
    }

    /** Parses {@code host:port}. */
    public static PeerAddress parse(String text) {
        int colon = text == null ? -1 : text.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("an address is HOST:PORT, got '" + text + "'");
        }
        try {
            return new PeerAddress(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("an address is HOST:PORT, got '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
