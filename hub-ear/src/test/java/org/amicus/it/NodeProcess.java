package org.amicus.it;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One whole node started with the launcher from the node bundle, as a separate process on 127.0.0.1,
 * exactly as an operator starts it (deploy/amicus-node runs the same class). Every federation and
 * fault test starts its nodes through this class.
 */
final class NodeProcess implements AutoCloseable {

    final Path dataDir;
    final int httpPort;
    final int brokerPort;
    final int federationPort;
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private NodeProcess(
            Path dataDir, int httpPort, int brokerPort, int federationPort, Process process, Path stdout, Path stderr) {
        this.dataDir = dataDir;
        this.httpPort = httpPort;
        this.brokerPort = brokerPort;
        this.federationPort = federationPort;
        Http.operatorTokenFile(httpPort, dataDir.resolve("secrets/operator.token"));
        RUNNING.add(this);
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * Every node this JVM started. A node left running after its test (a failing test, a missed close)
     * would keep its ports and, with PostgreSQL, share the next test's database: when the test JVM
     * ends, whatever still runs is stopped.
     */
    private static final java.util.Set<NodeProcess> RUNNING = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            for (NodeProcess n : RUNNING) {
                                try {
                                    n.close();
                                } catch (InterruptedException | RuntimeException | AssertionError e) {
                                    n.process.descendants().forEach(ProcessHandle::destroyForcibly);
                                    n.process.destroyForcibly();
                                }
                            }
                        },
                        "it-node-cleanup"));
    }

    /** Starts a node on free ports with the suite's database (H2 in its data directory, or PostgreSQL). */
    static NodeProcess start(Path dataDir, String... extraArgs) throws IOException {
        return start(dataDir, ItEnvironment.freePort(), ItEnvironment.freePort(), true, extraArgs);
    }

    /** The passphrase of every test node's organisation key, given as AMICUS_PASSPHRASE. */
    static final String PASSPHRASE = "a passphrase only tests use";

    static NodeProcess start(Path dataDir, int httpPort, int brokerPort, boolean suiteDatabase, String... extraArgs)
            throws IOException {
        return start(dataDir, httpPort, brokerPort, suiteDatabase, Map.of("AMICUS_PASSPHRASE", PASSPHRASE), extraArgs);
    }

    /** Starts a node on free ports with exactly the given AMICUS_* environment. */
    static NodeProcess startWith(Path dataDir, Map<String, String> amicusEnvironment, String... extraArgs)
            throws IOException {
        return start(dataDir, ItEnvironment.freePort(), ItEnvironment.freePort(), true, amicusEnvironment, extraArgs);
    }

    /** Starts a node with exactly the given AMICUS_* environment (e.g. none, or another passphrase). */
    static NodeProcess start(
            Path dataDir,
            int httpPort,
            int brokerPort,
            boolean suiteDatabase,
            Map<String, String> amicusEnvironment,
            String... extraArgs)
            throws IOException {
        Path logs = ItEnvironment.work().resolve("launcher-output");
        Files.createDirectories(logs);
        Path stdout = Files.createTempFile(logs, dataDir.getFileName() + "-stdout-", ".txt");
        Path stderr = Files.createTempFile(logs, dataDir.getFileName() + "-stderr-", ".txt");
        List<String> cmd = new ArrayList<>();
        // Its own session and process group, as a node started from a terminal: Ctrl-C reaches the group. SIGINT
        // handled as a terminal's foreground job has it, even when these tests run as a background job (which
        // inherits SIGINT ignored, and a JVM keeps an ignored SIGINT ignored).
        cmd.addAll(List.of("setsid", "env", "--default-signal=INT"));
        int federationPort = federationPort(extraArgs);
        cmd.addAll(launcher(
                dataDir,
                httpPort,
                brokerPort,
                federationPort,
                ItEnvironment.bundle().resolve("launcher").resolve("lib") + "/*"));
        cmd.addAll(List.of("--name", "it-" + dataDir.getFileName()));
        ProcessBuilder pb =
                new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("AMICUS_"));
        env.put("AMICUS_SERVER_CDS_DIR", sharedClassData().toString());
        env.putAll(amicusEnvironment);
        String serverJavaOpts = System.getProperty("amicus.it.serverJavaOpts", "");
        if (!serverJavaOpts.isBlank()) {
            env.put("AMICUS_SERVER_JAVA_OPTS", serverJavaOpts);
        }
        if (suiteDatabase && ItEnvironment.postgres()) {
            cmd.addAll(List.of("--db-url", ItEnvironment.pgUrl(), "--db-user", ItEnvironment.pgUser()));
            env.put("AMICUS_DB_PASSWORD", ItEnvironment.pgPassword());
            pb.command(cmd);
        }
        cmd.addAll(Arrays.asList(extraArgs));
        pb.command(cmd);
        return new NodeProcess(dataDir, httpPort, brokerPort, federationPort, pb.start(), stdout, stderr);
    }

    /**
     * One class-data archive for every test node of this bundle (both database runs): written at the first clean
     * stop, mapped by every later start, instead of each fresh node writing its own (about 10 s at its first stop).
     */
    static Path sharedClassData() {
        return ItEnvironment.work().getParent().resolve("class-data");
    }

    /**
     * Starts a node as an operator does on a terminal, with no passphrase given: the launcher runs on a
     * pseudo-terminal ({@code script}), and {@code typed} is what the operator types, line by line.
     */
    static NodeProcess startOnTerminal(Path dataDir, String... typed) throws IOException {
        Path logs = ItEnvironment.work().resolve("launcher-output");
        Files.createDirectories(logs);
        Path stdout = Files.createTempFile(logs, dataDir.getFileName() + "-tty-", ".txt");
        Path stderr = Files.createTempFile(logs, dataDir.getFileName() + "-tty-stderr-", ".txt");
        int httpPort = ItEnvironment.freePort();
        int brokerPort = ItEnvironment.freePort();
        int federationPort = ItEnvironment.freePort();
        // quoted for the shell that script(1) runs
        String launcher = String.join(
                " ",
                launcher(
                        dataDir,
                        httpPort,
                        brokerPort,
                        federationPort,
                        "'" + ItEnvironment.bundle().resolve("launcher").resolve("lib") + "/*'"));
        ProcessBuilder pb = new ProcessBuilder("script", "-qefc", launcher, "/dev/null")
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("AMICUS_"));
        pb.environment().put("AMICUS_SERVER_CDS_DIR", sharedClassData().toString());
        // H2 only: the terminal path is about the passphrase, not the database
        Process process = pb.start();
        for (String line : typed) {
            process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
            try {
                Thread.sleep(1500); // the launcher reads each line after its prompt
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
        return new NodeProcess(dataDir, httpPort, brokerPort, federationPort, process, stdout, stderr);
    }

    /**
     * Where the node's processes (launcher, server, broker) accept TCP connections, "address:port" ("*" for every
     * interface), read from /proc as {@code ss -ltnp} shows it to an operator.
     */
    java.util.SortedSet<String> listeningAddresses() throws IOException {
        java.util.Set<String> sockets = new java.util.HashSet<>();
        List<ProcessHandle> all = new ArrayList<>();
        all.add(process.toHandle());
        process.descendants().forEach(all::add);
        for (ProcessHandle p : all) {
            try (var fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(p.pid()), "fd"))) {
                for (Path fd : fds) {
                    try {
                        String target = Files.readSymbolicLink(fd).toString();
                        if (target.startsWith("socket:[")) {
                            sockets.add(target.substring("socket:[".length(), target.length() - 1));
                        }
                    } catch (IOException closedMeanwhile) {
                        // the descriptor was closed while we read the directory
                    }
                }
            } catch (java.nio.file.NoSuchFileException exited) {
                // the process ended meanwhile
            }
        }
        java.util.SortedSet<String> listening = new java.util.TreeSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines = Files.readAllLines(Path.of(table));
            for (String line : lines.subList(1, lines.size())) {
                // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
                String[] f = line.trim().split("\\s+");
                if (f[3].equals("0A") && sockets.contains(f[9])) { // 0A: LISTEN
                    listening.add(procAddress(f[1]));
                }
            }
        }
        return listening;
    }

    /** "0100007F:1F90" → "127.0.0.1:8080": each 32-bit word of the address is in the kernel's (little-endian) order. */
    private static String procAddress(String hex) throws java.net.UnknownHostException {
        String[] parts = hex.split(":");
        byte[] raw = java.util.HexFormat.of().parseHex(parts[0]);
        for (int i = 0; i < raw.length; i += 4) {
            byte b0 = raw[i];
            byte b1 = raw[i + 1];
            raw[i] = raw[i + 3];
            raw[i + 1] = raw[i + 2];
            raw[i + 2] = b1;
            raw[i + 3] = b0;
        }
        java.net.InetAddress address = java.net.InetAddress.getByAddress(raw); // an IPv4-mapped one comes as IPv4
        String host = address.isAnyLocalAddress() ? "*" : address.getHostAddress();
        return host + ":" + Integer.parseInt(parts[1], 16);
    }

    /** The federation port given in {@code extraArgs} (a restart keeps its address), or a free one. */
    private static int federationPort(String... extraArgs) {
        for (int i = 0; i + 1 < extraArgs.length; i++) {
            if (extraArgs[i].equals("--federation-port")) {
                return Integer.parseInt(extraArgs[i + 1]);
            }
        }
        return ItEnvironment.freePort();
    }

    /** What an {@code amicus-node} command printed and how it exited. */
    record Command(int exit, String out, String err) {}

    /** Runs an {@code amicus-node} command (e.g. {@code peers export …}) against this node's API. */
    Command command(String... args) throws IOException, InterruptedException {
        List<String> words = new ArrayList<>(Arrays.asList(args));
        words.addAll(List.of("--api", "http://127.0.0.1:" + httpPort, "--data", dataDir.toString()));
        return run(words, Map.of());
    }

    /** Runs an {@code amicus-node} command that needs no node (e.g. {@code audit verify …}). */
    static Command launcher(String... args) throws IOException, InterruptedException {
        return run(Arrays.asList(args), Map.of());
    }

    /** Runs {@code amicus-node identity …} on this node's data directory, the passphrase in the environment. */
    Command identity(String... args) throws IOException, InterruptedException {
        List<String> words = new ArrayList<>(List.of("identity"));
        words.addAll(Arrays.asList(args));
        words.addAll(List.of("--data", dataDir.toString()));
        return run(words, Map.of("AMICUS_PASSPHRASE", PASSPHRASE));
    }

    private static Command run(List<String> args, Map<String, String> env) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                ItEnvironment.bundle().resolve("launcher").resolve("lib") + "/*",
                "org.amicus.deploy.NodeLauncher"));
        cmd.addAll(args);
        Path out = Files.createTempFile(ItEnvironment.work(), "command-out-", ".txt");
        Path err = Files.createTempFile(ItEnvironment.work(), "command-err-", ".txt");
        ProcessBuilder builder =
                new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(env);
        Process p = builder.start();
        if (!p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("amicus-node " + String.join(" ", args) + " did not finish");
        }
        return new Command(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static List<String> launcher(
            Path dataDir, int httpPort, int brokerPort, int federationPort, String classPath) {
        return List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx192m",
                "-Damicus.bundle=" + ItEnvironment.bundle(),
                "-cp",
                classPath,
                "org.amicus.deploy.NodeLauncher",
                "--data",
                dataDir.toString(),
                "--http-port",
                Integer.toString(httpPort),
                "--broker-port",
                Integer.toString(brokerPort),
                "--start-timeout",
                "240",
                "--federation-port",
                Integer.toString(federationPort),
                // tests restart peers within seconds: do not wait a minute between attempts
                "--federation-retry-max",
                "3");
    }

    /** Waits until the launcher says the node is ready. */
    NodeProcess awaitReady() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(240));
        while (Instant.now().isBefore(deadline)) {
            if (stdout().contains("is ready")) {
                return this;
            }
            if (!process.isAlive()) {
                throw new AssertionError("the node exited with " + process.exitValue() + " before it was ready: "
                        + stderr() + " (logs in " + dataDir.resolve("logs") + ")");
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the node was not ready in 240 s: " + stdout() + stderr());
    }

    /** Waits for the launcher to exit by itself and returns its status. */
    int awaitExit(Duration within) throws InterruptedException {
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the launcher did not exit within " + within);
        }
        return process.exitValue();
    }

    /**
     * Stops the node as a service manager would: SIGTERM to the launcher, whose process id is in
     * {@code DATA/node.lock} (on a terminal, the launcher is a child of script(1), not our process).
     */
    int stop() throws InterruptedException {
        launcherPid()
                .flatMap(ProcessHandle::of)
                .filter(p -> p.pid() == process.pid() || process.descendants().anyMatch(d -> d.pid() == p.pid()))
                .ifPresentOrElse(ProcessHandle::destroy, process::destroy);
        return awaitExit(Duration.ofSeconds(90));
    }

    /**
     * Kills the node as a power cut or the kernel's OOM killer would: SIGKILL to the launcher, its broker and its
     * server, nothing gets to shut down cleanly. Returns once all of them are gone.
     */
    void kill() throws InterruptedException {
        List<ProcessHandle> all = new java.util.ArrayList<>();
        all.add(process.toHandle());
        process.descendants().forEach(all::add);
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new AssertionError("process " + p.pid() + " survived SIGKILL", e);
            }
        }
        RUNNING.remove(this);
    }

    /** The process started (the launcher itself, or script(1) on a terminal). */
    long pid() {
        return process.pid();
    }

    private java.util.Optional<Long> launcherPid() {
        try {
            String pid = Files.readString(dataDir.resolve("node.lock")).trim();
            return pid.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(Long.parseLong(pid));
        } catch (IOException | NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    /** Stops the node as Ctrl-C in its terminal would: SIGINT to the launcher's whole process group. */
    int interrupt() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-INT", "--", "-" + process.pid())
                .redirectErrorStream(true)
                .start();
        if (kill.waitFor() != 0) {
            throw new IOException(
                    "kill -INT failed: " + new String(kill.getInputStream().readAllBytes()));
        }
        return awaitExit(Duration.ofSeconds(90));
    }

    /** The launcher process and, below it, the broker and server processes. */
    ProcessHandle handle() {
        return process.toHandle();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + "/" + path);
    }

    /** The application server's log (Payara's own log file in the data directory). */
    String serverLog() throws IOException {
        Path log = dataDir.resolve("logs").resolve("server.log.0");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    String stdout() throws IOException {
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    String stderr() throws IOException {
        return Files.readString(stderr, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        try {
            if (process.isAlive()) {
                stop();
            }
        } finally {
            RUNNING.remove(this);
        }
    }
}
