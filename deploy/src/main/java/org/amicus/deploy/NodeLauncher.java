package org.amicus.deploy;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.amicus.messaging.envelope.Passphrases;

/**
 * Starts one Amicus node and keeps it running until Ctrl-C (or SIGTERM).
 *
 * <ol>
 *   <li>Checks, touching nothing: options, data directory (usable, not in use by another node),
 *       ports, database.
 *   <li>Starts the broker process and waits until it serves.
 *   <li>Writes the boot commands and starts Payara Micro with the node archive.
 *   <li>Waits until {@code /health/ready} reports the node UP, then prints where it serves.
 *   <li>On Ctrl-C stops the server first, then the broker. If either dies, stops the other and exits
 *       non-zero.
 * </ol>
 */
public final class NodeLauncher {

    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Duration BROKER_START_TIMEOUT = Duration.ofSeconds(60);

    private final LaunchOptions options;
    private final NodeBundle bundle;
    private final PrintStream out;
    private volatile ManagedProcess broker;
    private volatile ManagedProcess server;

    /** The class-data archive the server writes when it stops, and where it goes then (none: nothing to place). */
    private volatile Path archiveWritten;

    private volatile Path archiveInPlace;
    private volatile boolean stopping;
    /** The node got ready: only then is the class-data archive its server writes worth keeping for later starts. */
    private volatile boolean wasReady;

    private String typedPassphrase;
    private final CountDownLatch stopped = new CountDownLatch(1);

    NodeLauncher(LaunchOptions options, PrintStream out) throws LaunchException {
        this.options = options;
        this.bundle = NodeBundle.at(options.bundleDir());
        this.out = out;
    }

    public static void main(String[] args) {
        Path defaultBundle = Optional.ofNullable(System.getProperty("amicus.bundle"))
                .map(Path::of)
                .orElse(null);
        if (args.length > 0 && args[0].equals("envelope")) {
            exiting = true;
            System.exit(EnvelopeCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        if (args.length > 0 && args[0].equals("peers")) {
            exiting = true;
            System.exit(PeersCommand.run(
                    Arrays.copyOfRange(args, 1, args.length), System.getenv(), System.out, System.err));
        }
        if (args.length > 0 && args[0].equals("people")) {
            exiting = true;
            System.exit(PeopleCommand.run(
                    Arrays.copyOfRange(args, 1, args.length),
                    System.getenv(),
                    System.console(),
                    System.out,
                    System.err));
        }
        if (args.length > 0 && args[0].equals("audit")) {
            exiting = true;
            System.exit(AuditCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        if (args.length > 0 && args[0].equals("identity")) {
            exiting = true;
            System.exit(IdentityCommand.run(
                    Arrays.copyOfRange(args, 1, args.length), System.getenv(), System.out, System.err));
        }
        int status;
        try {
            LaunchOptions options = LaunchOptions.parse(args, System.getenv(), defaultBundle);
            status = new NodeLauncher(options, System.out).run();
        } catch (LaunchOptions.HelpRequested help) {
            System.out.print(LaunchOptions.USAGE);
            status = 0;
        } catch (LaunchException e) {
            System.err.println((e.exitStatus() == LaunchException.STOPPED ? "amicus-node: " : "amicus-node: error: ")
                    + e.getMessage());
            status = e.exitStatus();
        }
        exiting = true;
        System.exit(status);
    }

    private org.amicus.messaging.envelope.TlsIdentity tls;

    /** Held for the shutdown hook, which halts the JVM and so never reaches the try-with-resources. */
    private volatile DataDirectory dataDirectory;

    /** Set when the launcher exits by itself; otherwise a shutdown comes from a signal (Ctrl-C, SIGTERM). */
    private static volatile boolean exiting;

    int run() throws LaunchException {
        Instant launched = Instant.now();
        try (DataDirectory data = DataDirectory.open(options.dataDir())) {
            dataDirectory = data;
            Path keyFile = OrganisationKeyAccess.keyFile(data.root());
            char[] passphrase = OrganisationKeyAccess.forStart(keyFile, options.passphraseFile(), System.console());
            try {
                OrganisationKeyAccess.checkBeforeStart(keyFile, passphrase);
                // typed on the terminal: handed to the server in its environment only
                typedPassphrase = options.passphraseFile() == null && Passphrases.fromEnvironment() == null
                        ? new String(passphrase)
                        : null;
            } finally {
                Arrays.fill(passphrase, '\0');
            }
            Preflight.portFree(options.httpPort(), "--http-port");
            Preflight.addressUsable(options.httpAddress());
            Preflight.portFree(options.brokerPort(), "--broker-port");
            Preflight.portFree(options.federation().port(), "--federation-port");
            Preflight.database(options.database());
            data.createLayout();
            Properties credential = data.brokerCredential();
            tls = data.tlsIdentity();

            Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "amicus-node-shutdown"));
            try {
                broker = startBroker(data);
                server = startServer(data, credential);
                awaitBroker(data);
                String nodeId = awaitReady(data);
                wasReady = true;
                printBanner(data, nodeId, Duration.between(launched, Instant.now()));
            } catch (LaunchException e) {
                stopChildren();
                throw e;
            }
            return superviseUntilStopped(data);
        }
    }

    private ManagedProcess startBroker(DataDirectory data) throws LaunchException {
        try {
            Files.deleteIfExists(data.brokerReadyFile());
        } catch (IOException e) {
            throw new LaunchException(LaunchException.PRECONDITION, "cannot clear " + data.brokerReadyFile());
        }
        Path console = data.logsDir().resolve("broker.out");
        long consoleStart = size(console);
        List<String> cmd = List.of(
                javaExecutable(),
                "-Xmx" + options.brokerHeap(),
                "-XX:+UseSerialGC",
                "-Djava.io.tmpdir=" + data.tempDir(),
                "-cp",
                bundle.brokerClassPath(),
                "org.amicus.messaging.broker.BrokerMain",
                "--data",
                data.brokerDir().toString(),
                "--port",
                Integer.toString(options.brokerPort()),
                "--credentials",
                data.brokerCredentialFile().toString(),
                "--log",
                data.logsDir().resolve("broker.log").toString(),
                "--ready",
                data.brokerReadyFile().toString(),
                "--exit-on-stdin-eof",
                "--federation-host",
                options.federation().listenAddress(),
                "--federation-port",
                Integer.toString(options.federation().port()),
                "--tls-keystore",
                data.tlsKeyStore().toString(),
                "--tls-credentials",
                data.tlsCredentialFile().toString(),
                "--peers-file",
                data.peersFile().toString(),
                "--links-file",
                data.linksFile().toString(),
                "--federation-max-retry-ms",
                Long.toString(options.federation().maxRetry().toMillis()));
        createDirectories(data.tempDir());
        brokerConsoleStart = consoleStart;
        return ManagedProcess.start("broker", cmd, data.root(), console);
    }

    private long brokerConsoleStart;

    /** Waits until the broker serves; the server starts meanwhile (it retries until the broker is up). */
    private void awaitBroker(DataDirectory data) throws LaunchException {
        Path console = data.logsDir().resolve("broker.out");
        Instant deadline = Instant.now().plus(BROKER_START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (stopping) {
                throw new LaunchException(LaunchException.STOPPED, "stopped before the node was ready");
            }
            if (Files.exists(data.brokerReadyFile())) {
                return;
            }
            if (!broker.isAlive()) {
                String reason = lastLineStartingWith(console, brokerConsoleStart, "amicus-broker: error: ")
                        .orElse("it exited with status " + broker.exitValue());
                throw new LaunchException(
                        LaunchException.COMPONENT,
                        "the broker did not start: " + reason + " (see "
                                + data.logsDir().resolve("broker.log") + ")");
            }
            sleep(50);
        }
        throw new LaunchException(
                LaunchException.COMPONENT,
                "the broker did not come up within " + BROKER_START_TIMEOUT.toSeconds() + " s; see "
                        + data.logsDir().resolve("broker.log"));
    }

    /**
     * The JDK's AES-GCM, AES-CFB and SHA code, as the evidence store and file parts call it (a few calls of a MiB each),
     * reaches C2 and its CPU intrinsics only after hundreds of MiB at the default thresholds, and runs at 30–60 MB/s
     * until then (measured: docs/performance.md); a hundredth of the thresholds for these classes alone brings them
     * there within the first few MiB. Not for C1, which has no such intrinsics.
     */
    static final List<String> CRYPTO_COMPILES_EARLY = List.of(
            "-XX:CompileCommand=quiet",
            "-XX:CompileCommand=CompileThresholdScaling,com.sun.crypto.provider.*::*,0.01",
            "-XX:CompileCommand=CompileThresholdScaling,sun.security.provider.*::*,0.01");

    /**
     * Where this start's lines begin in the server log: Payara Micro appends to the log of earlier runs
     * on the same data directory, and an error an earlier run logged (say, just before a power cut) must
     * not be taken for this start's failure.
     */
    private long serverLogStart;

    private ManagedProcess startServer(DataDirectory data, Properties credential) throws LaunchException {
        serverLogStart = size(serverLog(data));
        // The runtime directory is a cache: recreated at every start so the boot commands always apply
        // to a clean configuration. Nothing the node must keep lives there (transaction log: DATA/txlog).
        deleteTree(data.serverRuntimeDir());
        createDirectories(data.serverRuntimeDir());
        Path preBoot = data.runDir().resolve("preboot.asadmin");
        Path postBoot = data.runDir().resolve("postboot.asadmin");
        try {
            DataDirectory.writeOwnerOnly(
                    preBoot, ServerCommands.preBoot(data.transactionLogDir(), options.httpAddress()));
            DataDirectory.writeOwnerOnly(
                    postBoot,
                    ServerCommands.postBoot(
                            bundle.resourceAdapter(),
                            bundle.recoveryStep(),
                            options.brokerPort(),
                            credential.getProperty("user"),
                            credential.getProperty("password"),
                            options.database()));
        } catch (IOException e) {
            throw new LaunchException(
                    LaunchException.PRECONDITION, "cannot write the boot commands: " + e.getMessage());
        }
        List<String> cmd = new ArrayList<>(List.of(
                javaExecutable(),
                "-Xmx" + options.serverHeap(),
                "-Xss512k",
                "-XX:+UseSerialGC",
                "-Duser.timezone=UTC",
                "-Djava.io.tmpdir=" + data.tempDir(),
                "-Damicus.node.name=" + options.nodeName(),
                "-Damicus.organisation.name=" + options.organisationName(),
                "-Damicus.organisation.type=" + options.organisationType(),
                "-Damicus.identity.key-file=" + OrganisationKeyAccess.keyFile(data.root()),
                "-Damicus.access.operator-token-file=" + NodeApi.operatorTokenFile(data.root()),
                "-Damicus.federation.directory=" + data.federationDir(),
                "-Damicus.federation.public-address=" + options.federation().publicAddress()));
        if (!options.serverTiered()) {
            // C1 only: starts faster, smaller, quicker on the ping path; large attachments are 4x faster
            // with --server-jit tiered (ADR 7 and ADR 8, docs/performance.md)
            cmd.add("-XX:TieredStopAtLevel=1");
        } else {
            cmd.addAll(CRYPTO_COMPILES_EARLY);
        }
        if (options.passphraseFile() != null) {
            cmd.add("-Damicus.identity.passphrase-file=" + options.passphraseFile());
        } // otherwise the server inherits AMICUS_PASSPHRASE
        cmd.addAll(classDataSharing(data));
        cmd.addAll(extraJavaOptions());
        cmd.addAll(List.of(
                "-jar",
                bundle.payaraMicro().toString(),
                // no Hazelcast at all (the node's timers are not persistent, nothing uses its data grid): with
                // --nocluster beside it Payara Micro ignores --nohazelcast and runs an unauthenticated member on
                // port 6900 of every interface (NodeLauncherIT checks where the node listens)
                "--nohazelcast",
                "--port",
                Integer.toString(options.httpPort()),
                "--rootdir",
                data.serverRuntimeDir().toString(),
                "--prebootcommandfile",
                preBoot.toString(),
                "--postbootcommandfile",
                postBoot.toString(),
                "--logtofile",
                data.logsDir().resolve("server.log").toString(),
                "--addlibs",
                bundle.postgresDriver().toString(),
                "--deploy",
                bundle.nodeArchive().toString(),
                "--contextroot",
                "/"));
        return ManagedProcess.start(
                "server",
                cmd,
                data.root(),
                data.logsDir().resolve("server.out"),
                typedPassphrase == null ? java.util.Map.of() : java.util.Map.of("AMICUS_PASSPHRASE", typedPassphrase));
    }

    /**
     * Application class-data sharing: the first start records the classes the server loads into an
     * archive (written when the server stops), later starts map it and start faster. The archive's name
     * is derived from the Java runtime and the bundle, so a new bundle or JDK makes a new archive; a
     * stale or unusable archive is ignored by the JVM. The server writes it under a name of its own, and the
     * launcher moves it into place only after a clean stop, so no start ever maps a half-written archive.
     * Kept in {@code DATA/cache}, or in AMICUS_SERVER_CDS_DIR (shared by the nodes of one bundle on a machine,
     * e.g. a test federation: the first stop writes it, every later start maps it). Off with AMICUS_SERVER_CDS=off.
     */
    private List<String> classDataSharing(DataDirectory data) throws LaunchException {
        if ("off".equalsIgnoreCase(System.getenv("AMICUS_SERVER_CDS"))) {
            return List.of();
        }
        String shared = System.getenv("AMICUS_SERVER_CDS_DIR");
        Path cacheDir = shared == null || shared.isBlank()
                ? data.root().resolve("cache")
                : Path.of(shared).toAbsolutePath();
        createDirectories(cacheDir);
        String key;
        try {
            key = Integer.toHexString(java.util.Objects.hash(
                    System.getProperty("java.vm.version"),
                    Files.size(bundle.payaraMicro()),
                    Files.getLastModifiedTime(bundle.payaraMicro()).toMillis(),
                    Files.size(bundle.nodeArchive()),
                    Files.getLastModifiedTime(bundle.nodeArchive()).toMillis(),
                    options.serverHeap()));
        } catch (IOException e) {
            return List.of();
        }
        Path archive = cacheDir.resolve("server-classes-" + key + ".jsa");
        if (Files.isRegularFile(archive)) {
            return List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
        }
        if (shared == null || shared.isBlank()) { // a shared directory may hold archives other nodes use
            try (Stream<Path> old = Files.list(cacheDir)) {
                for (Path p : old.filter(p -> p.getFileName().toString().startsWith("server-classes-"))
                        .toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                // an old archive left behind only costs disk space
            }
        }
        Path writing = cacheDir.resolve(
                archive.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        archiveWritten = writing;
        archiveInPlace = archive;
        return List.of("-XX:ArchiveClassesAtExit=" + writing);
    }

    /**
     * After a clean stop of a server that got ready, the archive it wrote goes into place; otherwise (a failed start
     * maps only a few of the classes a running node needs) it is removed.
     */
    private void placeArchive(boolean clean) {
        Path writing = archiveWritten;
        if (writing == null) {
            return;
        }
        try {
            if (clean && Files.isRegularFile(writing) && Files.size(writing) > 0) {
                Files.move(
                        writing, archiveInPlace, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.deleteIfExists(writing);
            }
        } catch (IOException e) {
            // without an archive the next start is only slower
        }
    }

    /** Extra JVM options for the server from AMICUS_SERVER_JAVA_OPTS (white-space separated). */
    private static List<String> extraJavaOptions() {
        String extra = System.getenv("AMICUS_SERVER_JAVA_OPTS");
        if (extra == null || extra.isBlank()) {
            return List.of();
        }
        return List.of(extra.trim().split("\\s+"));
    }

    private String awaitReady(DataDirectory data) throws LaunchException {
        // HTTP/1.1: the JDK client's default h2c upgrade, answered by an error page before the application is
        // deployed, once deadlocked two of Grizzly's worker threads and the node never answered (threat-model.md).
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        String base = "http://" + displayHost(options.httpAddress()) + ":" + options.httpPort();
        URI ready = URI.create(base + "/health/ready");
        URI node = URI.create(base + "/api/v1/node");
        Instant deadline = Instant.now().plus(options.startTimeout());
        String lastState = "no answer yet";
        while (Instant.now().isBefore(deadline)) {
            if (stopping) {
                throw new LaunchException(LaunchException.STOPPED, "stopped before the node was ready");
            }
            if (!server.isAlive()) {
                throw new LaunchException(
                        LaunchException.COMPONENT,
                        "the application server stopped during start (status " + server.exitValue() + "): "
                                + serverFailure(data).orElse("see " + serverLog(data)));
            }
            if (!broker.isAlive()) {
                throw new LaunchException(
                        LaunchException.COMPONENT,
                        "the broker stopped during start; see " + data.logsDir().resolve("broker.log"));
            }
            try {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(ready)
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                lastState = "readiness answered " + r.statusCode();
                if (r.statusCode() == 200 && r.body().contains("amicus-database")) {
                    HttpResponse<String> n = http.send(
                            HttpRequest.newBuilder(node)
                                    .header("Authorization", "Bearer " + operatorToken(data))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    Matcher m = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(n.body());
                    if (n.statusCode() == 200 && m.find()) {
                        return m.group(1);
                    }
                }
                // A deployment that failed leaves the server running without our application. An error
                // logged while the application starts (say, by a delivery retried after a power cut) is
                // not one: only the server's own deployment failure counts.
                Optional<String> failure = deploymentFailure(data);
                if (failure.isPresent() && r.statusCode() != 503) {
                    throw new LaunchException(
                            LaunchException.COMPONENT, "the node application did not deploy: " + failure.get());
                }
            } catch (IOException e) {
                lastState = "not listening yet";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LaunchException(LaunchException.COMPONENT, "interrupted while waiting for the node");
            }
            sleep(250);
        }
        String threads = threadDump(server);
        throw new LaunchException(
                LaunchException.COMPONENT,
                "the node was not ready within " + options.startTimeout().toSeconds() + " s (" + lastState + "): "
                        + serverFailure(data).orElse("see " + serverLog(data)) + threads);
    }

    /**
     * Asks a server that does not answer for a thread dump (SIGQUIT: the JVM writes it to its standard output,
     * {@code logs/server.out}), so that the operator can see what it waits for; says where it went.
     */
    private static String threadDump(ManagedProcess server) {
        try {
            Process kill = new ProcessBuilder("kill", "-QUIT", Long.toString(server.pid()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (kill.waitFor(5, java.util.concurrent.TimeUnit.SECONDS) && kill.exitValue() == 0) {
                Thread.sleep(1_000); // the JVM writes the dump asynchronously
                return "; its threads are dumped in logs/server.out";
            }
        } catch (IOException e) {
            // no kill command: no dump
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "";
    }

    /** The first error in the server log that says what went wrong, in one line. */
    private Optional<String> serverFailure(DataDirectory data) {
        Path log = serverLog(data);
        if (!Files.exists(log)) {
            return Optional.empty();
        }
        return firstFailure(linesFrom(log, serverLogStart));
    }

    /** What made the deployment of the node application fail, if the server says it failed. */
    private Optional<String> deploymentFailure(DataDirectory data) {
        Path log = serverLog(data);
        if (!Files.exists(log)) {
            return Optional.empty();
        }
        return deploymentFailure(linesFrom(log, serverLogStart));
    }

    /** Payara's words for an application (or the resource adapter) it could not deploy. */
    private static final List<String> DEPLOYMENT_FAILED = List.of(
            "Exception while loading the app",
            "Exception during lifecycle processing",
            "Boot Command deploy failed",
            "Deployment failed");

    static Optional<String> deploymentFailure(List<String> lines) {
        boolean failed = lines.stream().anyMatch(l -> DEPLOYMENT_FAILED.stream().anyMatch(l::contains));
        if (!failed) {
            return Optional.empty();
        }
        return firstFailure(lines)
                .or(() -> lines.stream()
                        .filter(l -> DEPLOYMENT_FAILED.stream().anyMatch(l::contains))
                        .findFirst()
                        .map(NodeLauncher::clip));
    }

    /** The first line of a server log that says what went wrong, in one line. */
    static Optional<String> firstFailure(List<String> lines) {
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            if (!line.contains("SEVERE") && !line.contains("Exception while loading the app")) {
                continue;
            }
            if (line.endsWith("[[") && n + 1 < lines.size()) { // ODL: the message starts on the next line
                line = line + " " + lines.get(n + 1).trim();
            }
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.contains("connection refused") || lower.contains("connection to")) {
                return Optional.of("the database cannot be reached");
            }
            if (lower.contains("password authentication failed")) {
                return Optional.of("the database refused the user or password");
            }
            if (lower.contains("exception while loading the app") || lower.contains("amicus")) {
                return Optional.of(clip(line));
            }
        }
        return Optional.empty();
    }

    /** Payara Micro's log file (it appends a generation number to the name it is given). */
    /** This start's operator token, once the node has written it (empty before). */
    private static String operatorToken(DataDirectory data) {
        try {
            return Files.readString(NodeApi.operatorTokenFile(data.root()), StandardCharsets.US_ASCII)
                    .strip();
        } catch (IOException e) {
            return "";
        }
    }

    private static Path serverLog(DataDirectory data) {
        Path numbered = data.logsDir().resolve("server.log.0");
        return Files.exists(numbered) ? numbered : data.logsDir().resolve("server.log");
    }

    private void printBanner(DataDirectory data, String nodeId, Duration took) {
        String base = "http://" + displayHost(options.httpAddress()) + ":" + options.httpPort();
        out.printf(
                Locale.ROOT,
                """
                Amicus node '%s' is ready (node id %s) after %.1f s.
                  Identity   %s (organisation key fingerprint, to read aloud to peers)
                  API        %s/api/v1/node
                  OpenAPI    %s/openapi
                  Health     %s/health/ready   %s/health/live
                  Metrics    %s/metrics
                  Broker     127.0.0.1:%d (journal in %s)
                  Federation %s for peers (TLS), listening on %s:%d; peering card %s/api/v1/federation/card
                  Database   %s
                  Logs       %s
                Press Ctrl-C to stop the node.
                """,
                options.nodeName(),
                nodeId,
                took.toMillis() / 1000.0,
                OrganisationKeyAccess.fingerprint(OrganisationKeyAccess.keyFile(data.root())),
                base,
                base,
                base,
                base,
                base,
                options.brokerPort(),
                data.brokerDir(),
                options.federation().publicAddress(),
                options.federation().listenAddress(),
                options.federation().port(),
                base,
                options.database().describe(),
                data.logsDir());
        out.flush();
    }

    private static String displayHost(String address) {
        if (address.equals("0.0.0.0")) {
            return "127.0.0.1";
        }
        return address.contains(":") ? "[" + address + "]" : address;
    }

    private int superviseUntilStopped(DataDirectory data) {
        while (!stopping) {
            if (!server.isAlive() || !broker.isAlive()) {
                // Ctrl-C reaches the children too; give the launcher's own shutdown a moment to begin.
                sleep(1_000);
                if (stopping) {
                    break;
                }
                String which = !server.isAlive() ? "application server" : "broker";
                System.err.println("amicus-node: error: the " + which + " stopped unexpectedly; stopping the node (see "
                        + data.logsDir() + ")");
                stopChildren();
                return LaunchException.COMPONENT;
            }
            sleep(500);
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private void shutdown() {
        // Decided before anything else: once the children stop, the main thread also heads for exit.
        boolean signalled = !exiting;
        stopping = true;
        boolean running = server != null || broker != null;
        if (running && signalled) {
            out.println("Stopping the Amicus node...");
            out.flush();
        }
        boolean clean = stopChildren();
        if (running && signalled) {
            // A stop the operator asked for (Ctrl-C, SIGTERM) that went cleanly ends with status 0.
            out.println(clean ? "The Amicus node has stopped." : "The Amicus node was stopped forcibly.");
            out.flush();
            if (dataDirectory != null) {
                dataDirectory.close(); // releases node.lock and clears the process id in it
            }
            Runtime.getRuntime().halt(clean ? 0 : 1);
        }
        stopped.countDown();
    }

    /** Stops the server first (it uses the broker), then the broker; true if both stopped gracefully. */
    private synchronized boolean stopChildren() {
        stopping = true;
        boolean clean = true;
        if (server != null && server.isAlive()) {
            boolean stopped = server.stop(STOP_GRACE);
            placeArchive(stopped && wasReady);
            clean &= stopped;
        } else {
            placeArchive(false); // a server that stopped by itself, or never started, wrote nothing worth keeping
        }
        if (broker != null && broker.isAlive()) {
            clean &= broker.stop(STOP_GRACE);
        }
        return clean;
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Optional<String> lastLineStartingWith(Path file, long from, String prefix) {
        return linesFrom(file, from).stream()
                .filter(l -> l.startsWith(prefix))
                .reduce((a, b) -> b)
                .map(l -> l.substring(prefix.length()));
    }

    /**
     * The lines of {@code file} from byte {@code from} on, or all of them if the file is now shorter (it was
     * rotated); none if it cannot be read.
     */
    static List<String> linesFrom(Path file, long from) {
        try (java.nio.channels.SeekableByteChannel in = Files.newByteChannel(file)) {
            long size = in.size();
            long start = from <= size ? from : 0;
            in.position(start);
            java.io.ByteArrayOutputStream tail = new java.io.ByteArrayOutputStream();
            java.nio.channels.Channels.newInputStream(in).transferTo(tail);
            return tail.toString(StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static long size(Path p) {
        try {
            return Files.exists(p) ? Files.size(p) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static String clip(String line) {
        String l = line.replaceAll("\\u001B\\[[0-9;]*m", "");
        int i = l.lastIndexOf("] ");
        String msg = i >= 0 ? l.substring(i + 2) : l;
        if (msg.startsWith("[[")) { // a message on its own lines (ODL), joined to its header
            msg = msg.substring(2).trim();
        }
        return msg.length() > 300 ? msg.substring(0, 300) + "..." : msg;
    }

    private static void createDirectories(Path p) throws LaunchException {
        try {
            Files.createDirectories(p);
        } catch (IOException e) {
            throw new LaunchException(LaunchException.PRECONDITION, "cannot create " + p + ": " + e.getMessage());
        }
    }

    private static void deleteTree(Path root) throws LaunchException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new LaunchException(LaunchException.PRECONDITION, "cannot clear " + root + ": " + e.getMessage());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
