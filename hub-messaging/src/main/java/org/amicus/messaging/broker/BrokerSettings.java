package org.amicus.messaging.broker;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What one node's broker needs to start: where its journal lives, where it listens and the local
 * credential the node's application server uses to connect.
 *
 * @param dataDir directory holding the journal, bindings, paging and large messages
 * @param host address of the acceptor (loopback unless federation needs more)
 * @param port TCP port of the acceptor
 * @param user local user name of the node's application server
 * @param password local password of the node's application server (generated per node, never logged)
 * @param journalBufferTimeoutNanos how long the journal may batch writes before forcing them to disk
 */
public record BrokerSettings(
        Path dataDir, String host, int port, String user, String password, int journalBufferTimeoutNanos) {

    /** Names of the node-local destinations; the application and the launcher share them. */
    public static final String INBOX_QUEUE = "amicus.node.inbox";

    /** For operators' and benchmarks' own round trips; the node itself never reads it. */
    public static final String DIAGNOSTICS_QUEUE = "amicus.diagnostics";

    /** Where peers deliver envelopes (they may send here and nowhere else). */
    public static final String FEDERATION_IN_QUEUE = "amicus.federation.in";

    /**
     * Where the broker diverts what peers deliver with the alert priority (Artemis priority 9), so that alerts are
     * taken by listener sessions of their own and never wait behind the envelopes and files other sessions hold.
     */
    public static final String FEDERATION_PRIORITY_QUEUE = "amicus.federation.in.priority";

    /** The Artemis priority of alerts: what the divert to {@link #FEDERATION_PRIORITY_QUEUE} takes. */
    public static final int ALERT_PRIORITY = 9;

    /** One durable queue per peer, {@code amicus.federation.out.<peer node id>}, drained by its bridge. */
    public static final String FEDERATION_OUT_PREFIX = "amicus.federation.out.";

    /**
     * A message sent here by the node's user asks the broker to roll back every transaction still prepared (see
     * {@code InDoubtRecovery}); a topic without subscribers, so the message is routed nowhere. The in-doubt
     * recovery step at start uses it.
     */
    public static final String RECOVER_IN_DOUBT_ADDRESS = "amicus.control.recover-in-doubt";

    /**
     * A message sent here by the node's user moves dead letters back to the queues they came from (see {@code
     * DeadLetterRetry}): the one whose JMS message id is in {@link #RETRY_MESSAGE_PROPERTY}, or all of them. Routed
     * nowhere.
     */
    public static final String RETRY_DEAD_LETTERS_ADDRESS = "amicus.control.retry-dead-letters";

    public static final String RETRY_MESSAGE_PROPERTY = "amicusRetryMessage";

    public static final String DEAD_LETTER_QUEUE = "amicus.dlq";
    public static final String EXPIRY_QUEUE = "amicus.expired";

    /** How many times a message is delivered before it is moved to the dead-letter queue. */
    public static final int MAX_DELIVERY_ATTEMPTS = 10;

    /**
     * Large messages (the parts of files, ADR 20) travel between the server, the broker and the bridge in chunks of
     * this many bytes instead of Artemis's 100 KiB: fewer packets, credit requests and journal writes per part. The
     * resource adapter's {@code MinLargeMessageSize} (ra.xml) says the same.
     */
    public static final int LARGE_MESSAGE_CHUNK_BYTES = 1 << 20;

    public BrokerSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("broker port must be between 1 and 65535, was " + port);
        }
        if (journalBufferTimeoutNanos < 0) {
            throw new IllegalArgumentException("journal buffer timeout must not be negative");
        }
    }

    @Override
    public String toString() {
        return "BrokerSettings[dataDir=" + dataDir + ", host=" + host + ", port=" + port + ", user=" + user
                + ", password=(hidden)]";
    }
}
