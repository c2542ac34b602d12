package org.amicus.messaging.broker;

import java.nio.file.Path;
import java.util.Properties;

/** The broker process's command line, parsed strictly: an unknown option is an error. */
record BrokerCommandLine(
        Path dataDir,
        String host,
        int port,
        Path credentialsFile,
        Path logFile,
        Path readyFile,
        int journalBufferTimeoutMicros,
        boolean exitOnStdinEof,
        Federation federation) {

    /** The federation options; null when the node does not federate. */
    record Federation(
            String host,
            int port,
            Path keyStore,
            Path keyStoreCredentials,
            Path peersFile,
            Path linksFile,
            long maxRetryMillis) {}

    static final int DEFAULT_JOURNAL_BUFFER_TIMEOUT_MICROS = 100;

    static BrokerCommandLine parse(String[] args) {
        Path data = null;
        String host = "127.0.0.1";
        Integer port = null;
        Path credentials = null;
        Path log = null;
        Path ready = null;
        int bufferMicros = DEFAULT_JOURNAL_BUFFER_TIMEOUT_MICROS;
        boolean exitOnEof = false;
        String fedHost = "127.0.0.1";
        Integer fedPort = null;
        Path keyStore = null;
        Path keyStoreCredentials = null;
        Path peers = null;
        Path links = null;
        long maxRetry = FederationSettings.DEFAULT_MAX_RETRY_INTERVAL_MILLIS;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--data" -> data = Path.of(value(args, ++i, a));
                case "--host" -> host = value(args, ++i, a);
                case "--port" -> port = number(value(args, ++i, a), a);
                case "--credentials" -> credentials = Path.of(value(args, ++i, a));
                case "--log" -> log = Path.of(value(args, ++i, a));
                case "--ready" -> ready = Path.of(value(args, ++i, a));
                case "--journal-buffer-timeout-us" -> bufferMicros = number(value(args, ++i, a), a);
                case "--exit-on-stdin-eof" -> exitOnEof = true;
                case "--federation-host" -> fedHost = value(args, ++i, a);
                case "--federation-port" -> fedPort = number(value(args, ++i, a), a);
                case "--tls-keystore" -> keyStore = Path.of(value(args, ++i, a));
                case "--tls-credentials" -> keyStoreCredentials = Path.of(value(args, ++i, a));
                case "--peers-file" -> peers = Path.of(value(args, ++i, a));
                case "--links-file" -> links = Path.of(value(args, ++i, a));
                case "--federation-max-retry-ms" -> maxRetry = number(value(args, ++i, a), a);
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (data == null) {
            throw new IllegalArgumentException("--data DIR is required");
        }
        if (port == null) {
            throw new IllegalArgumentException("--port PORT is required");
        }
        if (credentials == null) {
            throw new IllegalArgumentException("--credentials FILE is required");
        }
        Federation federation = null;
        if (fedPort != null) {
            if (keyStore == null || keyStoreCredentials == null || peers == null || links == null) {
                throw new IllegalArgumentException(
                        "--federation-port needs --tls-keystore, --tls-credentials, --peers-file and --links-file");
            }
            federation = new Federation(fedHost, fedPort, keyStore, keyStoreCredentials, peers, links, maxRetry);
        }
        return new BrokerCommandLine(data, host, port, credentials, log, ready, bufferMicros, exitOnEof, federation);
    }

    BrokerSettings settings(Properties credentials) {
        String user = credentials.getProperty("user");
        String password = credentials.getProperty("password");
        if (user == null || user.isBlank() || password == null || password.isBlank()) {
            throw new IllegalArgumentException("the file must set user and password");
        }
        return new BrokerSettings(dataDir, host, port, user, password, journalBufferTimeoutMicros * 1000);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int number(String s, String option) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, got '" + s + "'");
        }
    }
}
