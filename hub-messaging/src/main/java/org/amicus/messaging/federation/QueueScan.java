package org.amicus.messaging.federation;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import java.util.Enumeration;

/**
 * Reads a queue through a {@link QueueBrowser} to its real end.
 *
 * <p>Artemis' browser asks the broker for the next message with a forced delivery, and the broker answers "no more"
 * when its browsing cursor is busy: that is the case for a moment after the body of a large message (a part of a file)
 * was sent and before the broker has finished with it. The browser then ends early, before messages that are there (in
 * a test on one machine: 5 browses in 200 of a queue with large messages saw fewer than all). A bundle export would
 * then say nothing more waits while parts still do. So an end is believed only when the broker says it again, {@value
 * #CONFIRMATIONS} times, {@value #PAUSE_MILLIS} ms apart: each ask makes the broker resume its cursor. The browse stays
 * what JMS promises (no snapshot: messages that arrive meanwhile may be seen).
 */
final class QueueScan {

    /** How many times "no more" is asked again before the scan ends. */
    static final int CONFIRMATIONS = 3;

    /** The pause before asking again. */
    static final long PAUSE_MILLIS = 15;

    private final Enumeration<?> messages;

    private QueueScan(Enumeration<?> messages) {
        this.messages = messages;
    }

    /** Scans what {@code browser} sees; close the browser (or its session) when done. */
    static QueueScan of(QueueBrowser browser) throws JMSException {
        return new QueueScan(browser.getEnumeration());
    }

    /** The next message, or null at the end of the queue. */
    Message next() throws JMSException {
        for (int asked = 0; !messages.hasMoreElements(); asked++) {
            if (asked == CONFIRMATIONS) {
                return null;
            }
            try {
                Thread.sleep(PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JMSException("interrupted while reading the queue");
            }
        }
        return (Message) messages.nextElement();
    }
}
