package org.amicus.core.platform.control;

/** Saying what went wrong in one line, for logs and operator messages. */
public final class Failures {

    private Failures() {}

    /** The message of the innermost cause of {@code e} (its class name if it has none). */
    public static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** Whether {@code e} or one of its causes is a {@code kind}. */
    public static boolean causedBy(Throwable e, Class<? extends Throwable> kind) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (kind.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
