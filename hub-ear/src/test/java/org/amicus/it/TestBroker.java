package org.amicus.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A node broker process started from the bundle, as the launcher starts it. */
final class TestBroker implements AutoCloseable {

    static final String USER = "amicus-node";

    private final Path dir;
    private volatile Process process;
    final int port;
    final String password;

    private TestBroker(Path dir, Process process, int port, String password) {
        this.dir = dir;
        this.process = process;
        this.port = port;
        this.password = password;
    }

    static TestBroker start(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        int port = ItEnvironment.freePort();
        String password = "it-" + java.util.UUID.randomUUID();
        Path credentials = dir.resolve("broker.properties");
        Files.writeString(credentials, "user=" + USER + "\npassword=" + password + "\n", StandardCharsets.UTF_8);
        return new TestBroker(dir, launch(dir, port), port, password);
    }

    /** Starts the same broker again (same port, journal and credential) after {@link #close()}. */
    void restart() throws IOException, InterruptedException {
        process = launch(dir, port);
    }

    private static Process launch(Path dir, int port) throws IOException, InterruptedException {
        Path credentials = dir.resolve("broker.properties");
        Path ready = dir.resolve("broker.ready");
        Files.deleteIfExists(ready);
        Process p = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx192m",
                        "-cp",
                        ItEnvironment.bundle().resolve("broker").resolve("lib") + "/*",
                        "org.amicus.messaging.broker.BrokerMain",
                        "--data",
                        dir.resolve("data").toString(),
                        "--port",
                        Integer.toString(port),
                        "--credentials",
                        credentials.toString(),
                        "--log",
                        dir.resolve("broker.log").toString(),
                        "--ready",
                        ready.toString(),
                        "--exit-on-stdin-eof"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve("broker.out").toFile()))
                .start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!Files.exists(ready)) {
            if (!p.isAlive() || Instant.now().isAfter(deadline)) {
                p.destroyForcibly();
                throw new IllegalStateException("the test broker did not start; see " + dir.resolve("broker.out"));
            }
            Thread.sleep(100);
        }
        return p;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.getOutputStream().close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
