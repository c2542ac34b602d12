package org.amicus.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The launcher's command line. Options win over environment variables; environment variables win
 * over defaults. Secrets are never taken from the command line (it is visible to every local user):
 * the database password comes from a file or from {@code AMICUS_DB_PASSWORD}.
 */
public record LaunchOptions(
        Path dataDir,
        String httpAddress,
        int httpPort,
        int brokerPort,
        String nodeName,
        String organisationName,
        String organisationType,
        Path passphraseFile,
        DatabaseSettings database,
        String serverHeap,
        String brokerHeap,
        boolean serverTiered,
        Duration startTimeout,
        Path bundleDir,
        Federation federation) {

    /**
     * Where peers reach this node (docs/protocol/federation.md).
     *
     * @param listenAddress the address the TLS acceptor for peers binds to
     * @param port its port
     * @param publicAddress host:port peers connect to, as printed in the peering card
     * @param maxRetry the longest wait between two attempts to reach a peer that is down
     */
    public record Federation(String listenAddress, int port, String publicAddress, Duration maxRetry) {}

    public static final String USAGE = """
            Usage: amicus-node [options]

            Starts one Amicus node: its Artemis broker and Payara Micro with the node archive.
            Ctrl-C stops both.

              --data DIR               node data directory (database, broker journal, logs)
                                       [AMICUS_DATA, default ./amicus-data]
              --http-port PORT         HTTP port of the API [AMICUS_HTTP_PORT, default 8080]
              --http-address ADDRESS   address the API listens on [AMICUS_HTTP_ADDRESS, default
                                       127.0.0.1; 0.0.0.0 for all, only behind TLS and a firewall]
              --broker-port PORT       port of the node's broker on 127.0.0.1
                                       [AMICUS_BROKER_PORT, default 61616]
              --federation-port PORT   TLS port where peers deliver envelopes
                                       [AMICUS_FEDERATION_PORT, default 61617]
              --federation-address ADDRESS
                                       address that port listens on [AMICUS_FEDERATION_ADDRESS,
                                       default 127.0.0.1; 0.0.0.0 for all, with --public-address]
              --public-address HOST:PORT
                                       where peers reach it, as the peering card says
                                       [AMICUS_PUBLIC_ADDRESS, default the federation address:port]
              --federation-retry-max SECONDS
                                       longest wait between attempts to reach a peer that is down
                                       [default 60]
              --name NAME              the node's display name [AMICUS_NODE_NAME, default amicus-node]
              --organisation NAME      the organisation's name in its key, set at the first start
                                       [AMICUS_ORGANISATION, default: the node's name]
              --organisation-type TYPE civil-society, justice-mechanism, international-ngo or
                                       relay-operator: stated, signed, on the peering card
                                       [AMICUS_ORGANISATION_TYPE, default civil-society]
              --passphrase-file FILE   file (mode 600) holding the passphrase of the organisation key
                                       [AMICUS_PASSPHRASE_FILE, or AMICUS_PASSPHRASE itself; asked
                                       for on the terminal when neither is given]; at the first
                                       start it sets the passphrase (12 characters or more)
              --db-url URL             PostgreSQL instead of the embedded H2 database,
                                       jdbc:postgresql://HOST:PORT/DATABASE [AMICUS_DB_URL]
              --db-user USER           PostgreSQL user [AMICUS_DB_USER]
              --db-password-file FILE  file holding the PostgreSQL password
                                       [AMICUS_DB_PASSWORD_FILE, or AMICUS_DB_PASSWORD itself]
              --server-heap SIZE       maximum heap of the application server [default 320m]
              --server-jit c1|tiered   the server's JIT: c1 starts faster and is smaller; tiered (C2)
                                       seals and opens large attachments 4x faster
                                       [AMICUS_SERVER_JIT, default c1]
              --broker-heap SIZE       maximum heap of the broker [default 192m]
              --start-timeout SECONDS  how long to wait for the node to be ready [default 180]
              --help                   show this text

            Usage: amicus-node identity COMMAND [--data DIR] [--passphrase-file FILE]

            Operator commands for the organisation key (see docs/operator-guide.md):
              show                     fingerprint (to read aloud), user id and encryption subkeys
              certificate              the armored public certificate, for peers and gpg --import
              backup FILE              copy the key, still protected by its passphrase, to FILE
              restore FILE             put a backup back into DATA/keys (node stopped)
              export-for-gpg FILE      the secret key protected the way GnuPG and Sequoia read it,
                                       to decrypt exported messages with standard tools
              revocation FILE          a revocation certificate of the key, to keep offline and give
                                       to every peer if the key or passphrase is ever compromised

            Usage: amicus-node people COMMAND [--api http://127.0.0.1:PORT] [--data DIR]

            People of this organisation, through this node's running API (docs/access.md):
              add USERNAME --name NAME --roles ROLE[,ROLE]  [--password-file FILE]
                                       add a person (the first administrator too); the password is
                                       asked twice, or read from FILE; prints their authenticator
                                       enrolment (otpauth URI and secret) once, to hand over
              list                     everyone, their roles and state
              reset USERNAME [--password-file FILE]
                                       a new first password and authenticator for that person
              disable | enable USERNAME

            Usage: amicus-node peers COMMAND [--api http://127.0.0.1:PORT] [--data DIR]

            Peering with other nodes, through this node's running API (docs/operator-guide.md):
              card [FILE]              this node's peering card, for the other operator
              list                     the peers, their links and what waits for each
              add CARD --fingerprint FP --verified-by NAME [--address HOST:PORT | --via NODE-ID]
                                       add a peer whose fingerprint you confirmed out of band;
                                       --via: reach it through that peer (a relay)
              suspend | resume | remove NODE-ID
              relay | unrelay NODE-ID  forward (or stop forwarding) envelopes for that peer
              export NODE-ID FILE      the envelopes waiting for a peer, as one signed bundle file
              import FILE              deliver a bundle file carried here by hand

            Usage: amicus-node envelope show FILE | export FILE OUT

              show FILE                what an envelope's outer header says (no key needed)
              export FILE OUT          its payload as a standard OpenPGP message, for gpg --decrypt

            Usage: amicus-node audit verify EXPORT --certificate CERTIFICATE

              verify EXPORT            checks an audit log export (GET /api/v1/audit/export) with the
                                       organisation's public certificate only: every entry present, in
                                       order, unaltered, signed; exit 0 if intact, 1 if not
            """;

    /** Thrown for --help: print the usage and exit 0. */
    public static final class HelpRequested extends Exception {
        private static final long serialVersionUID = 1L;
    }

    public static LaunchOptions parse(String[] args, Map<String, String> env, Path defaultBundle)
            throws LaunchException, HelpRequested {
        String data = env.getOrDefault("AMICUS_DATA", "amicus-data");
        String http = env.getOrDefault("AMICUS_HTTP_PORT", "8080");
        String httpAddress = env.getOrDefault("AMICUS_HTTP_ADDRESS", "127.0.0.1");
        String broker = env.getOrDefault("AMICUS_BROKER_PORT", "61616");
        String federationPortText = env.getOrDefault("AMICUS_FEDERATION_PORT", "61617");
        String federationAddress = env.getOrDefault("AMICUS_FEDERATION_ADDRESS", "127.0.0.1");
        String publicAddress = env.get("AMICUS_PUBLIC_ADDRESS");
        String retryMax = "60";
        String name = env.getOrDefault("AMICUS_NODE_NAME", "amicus-node");
        String organisation = env.get("AMICUS_ORGANISATION");
        String organisationType = env.getOrDefault("AMICUS_ORGANISATION_TYPE", "civil-society");
        String passphraseFile = env.get("AMICUS_PASSPHRASE_FILE");
        String dbUrl = env.get("AMICUS_DB_URL");
        String dbUser = env.get("AMICUS_DB_USER");
        String dbPasswordFile = env.get("AMICUS_DB_PASSWORD_FILE");
        String serverHeap = "320m";
        String jit = env.getOrDefault("AMICUS_SERVER_JIT", "c1");
        String brokerHeap = "192m";
        String timeout = "180";
        String bundle = defaultBundle == null ? null : defaultBundle.toString();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--help", "-h" -> throw new HelpRequested();
                case "--data" -> data = value(args, ++i, a);
                case "--http-port" -> http = value(args, ++i, a);
                case "--http-address" -> httpAddress = value(args, ++i, a);
                case "--broker-port" -> broker = value(args, ++i, a);
                case "--name" -> name = value(args, ++i, a);
                case "--federation-port" -> federationPortText = value(args, ++i, a);
                case "--federation-address" -> federationAddress = value(args, ++i, a);
                case "--public-address" -> publicAddress = value(args, ++i, a);
                case "--federation-retry-max" -> retryMax = value(args, ++i, a);
                case "--organisation" -> organisation = value(args, ++i, a);
                case "--organisation-type" -> organisationType = value(args, ++i, a);
                case "--passphrase-file" -> passphraseFile = value(args, ++i, a);
                case "--passphrase" ->
                    throw new LaunchException(
                            LaunchException.USAGE,
                            "--passphrase is not accepted (a command line is visible to every local user); use "
                                    + "--passphrase-file FILE or the AMICUS_PASSPHRASE environment variable");
                case "--db-url" -> dbUrl = value(args, ++i, a);
                case "--db-user" -> dbUser = value(args, ++i, a);
                case "--db-password-file" -> dbPasswordFile = value(args, ++i, a);
                case "--server-heap" -> serverHeap = value(args, ++i, a);
                case "--server-jit" -> jit = value(args, ++i, a);
                case "--broker-heap" -> brokerHeap = value(args, ++i, a);
                case "--start-timeout" -> timeout = value(args, ++i, a);
                case "--bundle" -> bundle = value(args, ++i, a);
                case "--db-password" ->
                    throw new LaunchException(
                            LaunchException.USAGE,
                            "--db-password is not accepted (a command line is visible to every local user); use "
                                    + "--db-password-file FILE or the AMICUS_DB_PASSWORD environment variable");
                default ->
                    throw new LaunchException(
                            LaunchException.USAGE, "unknown option " + a + " (amicus-node --help lists the options)");
            }
        }
        int httpPort = port(http, "--http-port");
        int brokerPort = port(broker, "--broker-port");
        if (httpPort == brokerPort) {
            throw new LaunchException(LaunchException.USAGE, "--http-port and --broker-port must differ");
        }
        int federationPort = port(federationPortText, "--federation-port");
        if (federationPort == httpPort || federationPort == brokerPort) {
            throw new LaunchException(
                    LaunchException.USAGE, "--federation-port must differ from --http-port and --broker-port");
        }
        if (!federationAddress.matches("[0-9A-Za-z.:-]+")) {
            throw new LaunchException(
                    LaunchException.USAGE,
                    "--federation-address must be an IP address or host name, got '" + federationAddress + "'");
        }
        if (publicAddress == null) {
            if (federationAddress.equals("0.0.0.0") || federationAddress.equals("::")) {
                throw new LaunchException(
                        LaunchException.USAGE,
                        "with --federation-address " + federationAddress + " give --public-address HOST:PORT, the"
                                + " address peers use to reach this node");
            }
            publicAddress = federationAddress + ":" + federationPort;
        } else if (!publicAddress.matches("[0-9A-Za-z.\\-]+:[0-9]{1,5}")
                || Integer.parseInt(publicAddress.substring(publicAddress.lastIndexOf(':') + 1)) > 65535) {
            throw new LaunchException(
                    LaunchException.USAGE, "--public-address must be HOST:PORT, got '" + publicAddress + "'");
        }
        Duration federationRetryMax = Duration.ofSeconds(positive(retryMax, "--federation-retry-max"));
        if (name.isBlank() || name.length() > 100 || name.chars().anyMatch(Character::isISOControl)) {
            throw new LaunchException(LaunchException.USAGE, "--name must be 1 to 100 printable characters");
        }
        if (organisation == null || organisation.isBlank()) {
            organisation = name;
        }
        if (organisation.length() > 100
                || organisation.chars().anyMatch(c -> Character.isISOControl(c) || c == '(' || c == ')')) {
            throw new LaunchException(
                    LaunchException.USAGE, "--organisation must be 1 to 100 printable characters without parentheses");
        }
        if (!java.util.List.of("civil-society", "justice-mechanism", "international-ngo", "relay-operator")
                .contains(organisationType)) {
            throw new LaunchException(
                    LaunchException.USAGE,
                    "--organisation-type must be civil-society, justice-mechanism, international-ngo or relay-operator,"
                            + " got '" + organisationType + "'");
        }
        heap(serverHeap, "--server-heap");
        if (!jit.equals("c1") && !jit.equals("tiered")) {
            throw new LaunchException(LaunchException.USAGE, "--server-jit must be c1 or tiered, got '" + jit + "'");
        }
        heap(brokerHeap, "--broker-heap");
        Duration startTimeout = Duration.ofSeconds(positive(timeout, "--start-timeout"));
        if (bundle == null) {
            throw new LaunchException(LaunchException.USAGE, "the node bundle was not found; run deploy/amicus-node");
        }
        Path dataDir = Path.of(data).toAbsolutePath().normalize();
        DatabaseSettings db;
        if (dbUrl == null || dbUrl.isBlank()) {
            db = new DatabaseSettings.H2File(dataDir.resolve("db").resolve("amicus"));
        } else {
            db = DatabaseSettings.PostgreSql.of(dbUrl, dbUser, password(dbPasswordFile, env));
        }
        if (!httpAddress.matches("[0-9A-Za-z.:-]+")) {
            throw new LaunchException(
                    LaunchException.USAGE,
                    "--http-address must be an IP address or host name, got '" + httpAddress + "'");
        }
        return new LaunchOptions(
                dataDir,
                httpAddress,
                httpPort,
                brokerPort,
                name,
                organisation,
                organisationType,
                passphraseFile == null
                        ? null
                        : Path.of(passphraseFile).toAbsolutePath().normalize(),
                db,
                serverHeap,
                brokerHeap,
                jit.equals("tiered"),
                startTimeout,
                Path.of(bundle),
                new Federation(federationAddress, federationPort, publicAddress, federationRetryMax));
    }

    private static String password(String file, Map<String, String> env) throws LaunchException {
        if (file != null) {
            try {
                return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new LaunchException(
                        LaunchException.USAGE,
                        "cannot read the database password file " + file + ": " + e.getMessage());
            }
        }
        return env.get("AMICUS_DB_PASSWORD");
    }

    private static String value(String[] args, int i, String option) throws LaunchException {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new LaunchException(LaunchException.USAGE, option + " needs a value");
        }
        return args[i];
    }

    private static int port(String text, String option) throws LaunchException {
        int p = positive(text, option);
        if (p < 1 || p > 65535) {
            throw new LaunchException(LaunchException.USAGE, option + " must be between 1 and 65535, got " + text);
        }
        return p;
    }

    private static int positive(String text, String option) throws LaunchException {
        try {
            int n = Integer.parseInt(text.trim());
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new LaunchException(
                    LaunchException.USAGE, option + " needs a positive whole number, got '" + text + "'");
        }
    }

    private static void heap(String text, String option) throws LaunchException {
        if (!text.matches("[1-9][0-9]*[mMgG]")) {
            throw new LaunchException(
                    LaunchException.USAGE, option + " must be a size such as 320m or 1g, got '" + text + "'");
        }
    }
}
