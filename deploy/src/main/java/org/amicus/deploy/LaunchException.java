package org.amicus.deploy;

/**
 * A start that cannot go on. The message is one line for the operator: what is wrong and what to do.
 */
public final class LaunchException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Exit status: bad command line. */
    public static final int USAGE = 2;
    /** Exit status: the ground is not ready (ports, data directory, database). */
    public static final int PRECONDITION = 3;
    /** Exit status: a component (broker, server) did not come up or died. */
    public static final int COMPONENT = 4;

    /** Exit status: stopped (Ctrl-C or SIGTERM) before the node was ready. */
    public static final int STOPPED = 130;

    private final int exitStatus;

    public LaunchException(int exitStatus, String message) {
        super(message);
        this.exitStatus = exitStatus;
    }

    public int exitStatus() {
        return exitStatus;
    }
}
