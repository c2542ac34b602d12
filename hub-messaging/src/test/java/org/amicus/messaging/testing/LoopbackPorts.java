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
 */
public final class LoopbackPorts {

    private static final int FIRST = 20_000;
    private static final int LAST = 32_000;
    private static final AtomicInteger NEXT =
            new AtomicInteger(ThreadLocalRandom.current().nextInt(LAST - FIRST));

    private LoopbackPorts() {}

    /** A port free now on 127.0.0.1 that this JVM has not handed out before. */
    public static int free() {
        for (int tries = 0; tries < LAST - FIRST; tries++) {
            int port = FIRST + Math.floorMod(NEXT.getAndIncrement(), LAST - FIRST);
            if (bindable(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port on 127.0.0.1 between " + FIRST + " and " + LAST);
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
