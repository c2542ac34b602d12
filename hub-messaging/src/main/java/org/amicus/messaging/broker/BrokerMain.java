package org.amicus.messaging.broker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.logging.FileHandler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Entry point of a node's broker process.
 *
 * <pre>
 * java -cp 'broker/lib/*' org.amicus.messaging.broker.BrokerMain \
 *     --data DIR --port PORT --credentials FILE [--host 127.0.0.1] [--log FILE] [--ready FILE]
 *     [--journal-buffer-timeout-us N] [--exit-on-stdin-eof]
 *     [--federation-port P --federation-host H --tls-keystore P12 --tls-credentials FILE
 *      --peers-file FILE --links-file FILE [--federation-max-retry-ms N]]
 * </pre>
 *
 * The credentials file is a properties file with {@code user} and {@code password} (so the password
 * never shows in a process listing). When the broker serves, the ready file is written with the
 * process id. With {@code --exit-on-stdin-eof} the broker stops when its parent (the launcher) goes
 * away. Exit status: 0 stopped cleanly, 2 bad arguments, 3 could not start.
 */
public final class BrokerMain {

    private static final Logger LOG = Logger.getLogger(BrokerMain.class.getName());

    private BrokerMain() {}

    public static void main(String[] args) {
        BrokerCommandLine cli;
        try {
            cli = BrokerCommandLine.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("amicus-broker: error: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            configureLogging(cli.logFile());
        } catch (IOException e) {
            System.err.println("amicus-broker: error: cannot write the broker log " + cli.logFile() + ": " + e);
            System.exit(3);
            return;
        }
        BrokerSettings settings;
        try {
            settings = cli.settings(readCredentials(cli.credentialsFile()));
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("amicus-broker: error: cannot read the broker credentials " + cli.credentialsFile()
                    + ": " + e.getMessage());
            System.exit(2);
            return;
        }
        FederationSettings federation = null;
        if (cli.federation() != null) {
            var f = cli.federation();
            try {
                String password = readCredentials(f.keyStoreCredentials()).getProperty("password");
                if (password == null || password.isBlank()) {
                    throw new IOException("no password in it");
                }
                federation = new FederationSettings(
                        f.host(), f.port(), f.keyStore(), password, f.peersFile(), f.linksFile(), f.maxRetryMillis());
            } catch (IOException | IllegalArgumentException e) {
                System.err.println("amicus-broker: error: cannot read the TLS key store credentials "
                        + f.keyStoreCredentials() + ": " + e.getMessage());
                System.exit(2);
                return;
            }
        }
        NodeBroker broker = new NodeBroker(settings, federation);
        try {
            broker.start();
        } catch (BrokerStartException e) {
            LOG.severe("AMICUS-BROKER-001 " + e.getMessage());
            System.err.println("amicus-broker: error: " + e.getMessage());
            System.exit(3);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            LOG.info("AMICUS-BROKER-003 stopping");
                            broker.stop();
                            deleteQuietly(cli.readyFile());
                            stopped.countDown();
                        },
                        "amicus-broker-shutdown"));
        try {
            writeReadyFile(cli.readyFile());
        } catch (IOException e) {
            System.err.println("amicus-broker: error: cannot write " + cli.readyFile() + ": " + e);
            System.exit(3);
        }
        LOG.info("AMICUS-BROKER-002 serving on " + settings.host() + ":" + settings.port() + " with data in "
                + settings.dataDir());
        if (cli.exitOnStdinEof()) {
            watchParent();
            System.exit(0);
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Blocks until standard input closes: the launcher died or closed it to ask for a stop. */
    private static void watchParent() {
        InputStream in = System.in;
        byte[] buffer = new byte[64];
        try {
            while (in.read(buffer) >= 0) {
                // the launcher sends nothing; any bytes are ignored
            }
        } catch (IOException e) {
            // a broken pipe means the same as end of input
        }
        LOG.info("AMICUS-BROKER-004 the launcher has gone; stopping");
    }

    private static Properties readCredentials(Path file) throws IOException {
        Properties p = new Properties();
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(reader);
        }
        return p;
    }

    private static void writeReadyFile(Path readyFile) throws IOException {
        if (readyFile == null) {
            return;
        }
        Path tmp = readyFile.resolveSibling(readyFile.getFileName() + ".tmp");
        Files.writeString(tmp, Long.toString(ProcessHandle.current().pid()) + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, readyFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // best effort
            }
        }
    }

    private static void configureLogging(Path logFile) throws IOException {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tL%1$tz %4$s [%3$s] %5$s%6$s%n");
        Logger root = Logger.getLogger("");
        if (logFile != null) {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            FileHandler file = new FileHandler(logFile.toString(), 0, 1, true);
            file.setFormatter(new SimpleFormatter());
            file.setLevel(Level.INFO);
            root.addHandler(file);
            for (var h : root.getHandlers()) {
                if (h instanceof java.util.logging.ConsoleHandler) {
                    h.setLevel(Level.SEVERE);
                }
            }
        }
    }
}
