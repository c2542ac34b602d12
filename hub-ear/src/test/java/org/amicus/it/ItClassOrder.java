package org.amicus.it;

import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * The order in which a suite runs the integration test classes. The H2 and PostgreSQL suites run side by side on
 * one machine; the federation and coalition classes keep three nodes busy for most of their run, the others mostly
 * wait (on a node's start, a key's expiry, a refused start). One suite runs the busy classes first and the other last,
 * so that while one keeps the processors busy the other mostly waits. Nested classes keep their own order.
 */
abstract sealed class ItClassOrder implements ClassOrderer permits ItClassOrder.BusyFirst, ItClassOrder.BusyLast {

    /** The classes that keep the processors busiest, busiest first. */
    private static final List<Class<?>> BUSY = List.of(FederationIT.class, CoalitionIT.class);

    private final boolean busyFirst;

    private ItClassOrder(boolean busyFirst) {
        this.busyFirst = busyFirst;
    }

    @Override
    public final void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator.comparingInt(this::rank)); // stable: ties keep their order
    }

    /** Busy classes rank by their place in {@link #BUSY}; the others all before them or all after them. */
    private int rank(ClassDescriptor descriptor) {
        Class<?> testClass = descriptor.getTestClass();
        if (testClass.getEnclosingClass() != null) {
            return 0;
        }
        int busy = BUSY.indexOf(testClass);
        return busy >= 0 ? busy : busyFirst ? BUSY.size() : -1;
    }

    /** The busy classes first, then the others. */
    public static final class BusyFirst extends ItClassOrder {
        public BusyFirst() {
            super(true);
        }
    }

    /** The other classes first, then the busy ones. */
    public static final class BusyLast extends ItClassOrder {
        public BusyLast() {
            super(false);
        }
    }
}
