package org.amicus.messaging.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ports on 127.0.0.1 for the servers a test starts.
 *
 * <p>Not port 0: the kernel hands out ports from the ephemeral range (32768–60999 on Linux), the same range every
 * outgoing connection of the test run takes its local port from, and it may hand the same port to two calls in a
 * row once the probe socket is closed. Both made CI fail: a node's broker found its port taken by a client
 * connection, and a node was given one port for HTTP and broker. So ports come from below the ephemeral range, from
 * a random start per JVM, each at most once per JVM, and only after a bind shows the port free.
 *
 * <p>JVMs that run at the same time (the build's H2 and PostgreSQL integration test runs) each take a range of
 * their own, set in {@value #RANGE_PROPERTY} ("first-last") before the first port is asked for: a port one JVM
 * probed free could otherwise be bound by the other's server before its own server binds it.
 */
public final class LoopbackPorts {

    /** System property: the ports this JVM hands out, "first-last" (default 20000-31999). */
    public static final String RANGE_PROPERTY = "amicus.test.ports";

    private LoopbackPorts() {}

    /** The range, read at the first call. */
    private static final class Range {
        static final int[] BOUNDS = parseRange(System.getProperty(RANGE_PROPERTY, "20000-31999"));
        static final int FIRST = BOUNDS[0];
        static final int LAST = BOUNDS[1] + 1;
        static final AtomicInteger NEXT =
                new AtomicInteger(ThreadLocalRandom.current().nextInt(LAST - FIRST));
    }

    /** "first-last" as {first, last}; anything else, or fewer than 100 ports, or outside 1024-32767, is refused. */
    static int[] parseRange(String range) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s*(\\d{1,5})\\s*-\\s*(\\d{1,5})\\s*")
                .matcher(range);
        if (m.matches()) {
            int first = Integer.parseInt(m.group(1));
            int last = Integer.parseInt(m.group(2));
            if (first >= 1024 && last <= 32_767 && last - first + 1 >= 100) {
                return new int[] {first, last};
            }
        }
        throw new IllegalArgumentException(RANGE_PROPERTY + " is \"" + range + "\": it must be \"first-last\", at least"
                + " 100 ports between 1024 and 32767 (below the ephemeral range)");
    }

    /** A port free now on 127.0.0.1 that this JVM has not handed out before. */
    public static int free() {
        int first = Range.FIRST;
        int size = Range.LAST - first;
        for (int tries = 0; tries < size; tries++) {
            int port = first + Math.floorMod(Range.NEXT.getAndIncrement(), size);
            if (bindable(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port on 127.0.0.1 between " + first + " and " + (Range.LAST - 1));
    }

    private static boolean bindable(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(false);
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
