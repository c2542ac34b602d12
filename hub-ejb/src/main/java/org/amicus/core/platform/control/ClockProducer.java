package org.amicus.core.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.nio.file.Path;
import java.time.Clock;
import java.util.logging.Logger;

/**
 * The one clock of the node. Inject {@link Clock} wherever time matters so tests can move it.
 *
 * <p>Tests of real node processes move it with {@code -Damicus.test.clock-offset-file=FILE}: the node's clock then
 * runs ahead of the system clock by the ISO-8601 duration in that file ({@link OffsetFileClock}), so an escalation
 * due in an hour can be seen in seconds, across a restart too. A node started so says so in its log at every start;
 * operators never set it.
 */
@ApplicationScoped
public class ClockProducer {

    private static final Logger LOG = Logger.getLogger(ClockProducer.class.getName());

    @Produces
    @ApplicationScoped
    Clock clock() {
        String file = System.getProperty("amicus.test.clock-offset-file", "");
        if (file.isBlank()) {
            return Clock.systemUTC();
        }
        LOG.warning("AMICUS-PLATFORM-020 this node runs on a test clock moved by " + file
                + " (amicus.test.clock-offset-file): for tests only, never in service");
        return new OffsetFileClock(Path.of(file), Clock.systemUTC());
    }
}
