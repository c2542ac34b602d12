package org.amicus.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay on 127.0.0.1 between two nodes, to cut the network between them: {@link #cut()} drops
 * every connection and refuses new ones (as a dead link does), {@link #heal()} listens again on the same
 * port. The bytes are passed through untouched (the link is TLS end to end).
 */
final class TcpProxy implements AutoCloseable {

    final int port;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;

    private TcpProxy(int port, int targetPort) {
        this.port = port;
        this.targetPort = targetPort;
    }

    static TcpProxy to(int targetPort) throws IOException {
        TcpProxy proxy = new TcpProxy(ItEnvironment.freePort(), targetPort);
        proxy.heal();
        return proxy;
    }

    String address() {
        return "127.0.0.1:" + port;
    }

    synchronized void heal() throws IOException {
        if (server != null) {
            return;
        }
        ServerSocket s = listen();
        server = s;
        Thread accept = new Thread(() -> acceptLoop(s), "tcp-proxy-" + port);
        accept.setDaemon(true);
        accept.start();
    }

    /**
     * Listens on the proxy's port again. Right after a cut the kernel may still count the port as in use for a moment
     * (it was once refused with "Address already in use" although nothing else listens there): try for up to 10 s.
     */
    private ServerSocket listen() throws IOException {
        for (int attempt = 1; ; attempt++) {
            ServerSocket s = new ServerSocket();
            try {
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                return s;
            } catch (java.net.BindException e) {
                closeQuietly(s);
                if (attempt == 1) { // what holds it, for the log
                    try {
                        Process ss = new ProcessBuilder("ss", "-tanp", "( sport = :" + port + " )")
                                .redirectErrorStream(true)
                                .start();
                        System.out.println("TcpProxy: port " + port + " in use after a cut:\n"
                                + new String(
                                        ss.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                    } catch (IOException noSs) {
                        // diagnostics only
                    }
                }
                if (attempt == 50) {
                    throw e;
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    synchronized void cut() {
        ServerSocket s = server;
        server = null;
        closeQuietly(s);
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
    }

    @Override
    public void close() {
        cut();
    }

    private void acceptLoop(ServerSocket s) {
        while (!s.isClosed()) {
            Socket in;
            try {
                in = s.accept();
            } catch (IOException e) {
                return;
            }
            Socket out = new Socket();
            try {
                out.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5_000);
            } catch (IOException e) {
                closeQuietly(in);
                closeQuietly(out);
                continue;
            }
            try {
                // no Nagle stalls: a pump writes whatever it read at once, as the two ends would themselves
                in.setTcpNoDelay(true);
                out.setTcpNoDelay(true);
            } catch (IOException e) {
                // keep the defaults
            }
            synchronized (this) { // with cut(): a connection is either closed by it or refused here, never missed
                if (server != s) { // cut while connecting
                    closeQuietly(in);
                    closeQuietly(out);
                    return;
                }
                open.add(in);
                open.add(out);
            }
            pump(in, out);
            pump(out, in);
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(
                () -> {
                    byte[] buffer = new byte[32 * 1024];
                    try (InputStream i = from.getInputStream();
                            OutputStream o = to.getOutputStream()) {
                        for (int n; (n = i.read(buffer)) >= 0; ) {
                            o.write(buffer, 0, n);
                        }
                    } catch (IOException e) {
                        // the other side or a cut closed it
                    } finally {
                        closeQuietly(from);
                        closeQuietly(to);
                        open.remove(from);
                        open.remove(to);
                    }
                },
                "tcp-proxy-pump-" + port);
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(java.io.Closeable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
