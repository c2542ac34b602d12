package org.amicus.deploy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child process of the launcher with an explicit lifecycle: started with its console output in a
 * log file, stopped gracefully (its own shutdown hooks run) and, only if it does not stop in time,
 * forcibly.
 */
final class ManagedProcess {

    private final String name;
    private final Process process;
    private final OutputStream stdin;

    /** Whether the process stops by itself when its standard input closes (the broker does, the server does not). */
    private final boolean watchesInput;

    private ManagedProcess(String name, Process process, boolean watchesInput) {
        this.name = name;
        this.process = process;
        this.stdin = process.getOutputStream();
        this.watchesInput = watchesInput;
    }

    static ManagedProcess start(String name, List<String> command, Path workDir, Path consoleLog)
            throws LaunchException {
        return start(name, command, workDir, consoleLog, java.util.Map.of());
    }

    static ManagedProcess start(
            String name, List<String> command, Path workDir, Path consoleLog, java.util.Map<String, String> environment)
            throws LaunchException {
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(consoleLog.toFile()));
        if (!"server".equals(name)) {
            // only the application server needs the organisation key's passphrase
            pb.environment().remove("AMICUS_PASSPHRASE");
        }
        pb.environment().putAll(environment);
        try {
            return new ManagedProcess(name, pb.start(), command.contains("--exit-on-stdin-eof"));
        } catch (IOException e) {
            throw new LaunchException(LaunchException.COMPONENT, "cannot start the " + name + ": " + e.getMessage());
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int exitValue() {
        return process.exitValue();
    }

    Process process() {
        return process;
    }

    /** Closes the child's standard input: the broker takes that as the request to stop. */
    void closeInput() {
        try {
            stdin.close();
        } catch (IOException e) {
            // already closed
        }
    }

    /**
     * Stops the process: first {@code closeInput} (if it watches its input), then SIGTERM, then after
     * {@code grace} SIGKILL.
     *
     * @return true if it stopped gracefully
     */
    boolean stop(Duration grace) {
        if (!process.isAlive()) {
            return true;
        }
        closeInput();
        try {
            if (watchesInput && process.waitFor(Math.min(grace.toMillis(), 2_000), TimeUnit.MILLISECONDS)) {
                return true;
            }
            process.destroy();
            if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }
}
