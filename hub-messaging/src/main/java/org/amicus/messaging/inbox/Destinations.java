package org.amicus.messaging.inbox;

/**
 * JNDI names and destinations shared by the application and the launcher's post-boot commands. The
 * queue names match {@code org.amicus.messaging.broker.BrokerSettings}.
 */
public final class Destinations {

    /**
     * The XA connection factory over the "artemis-rar" resource adapter. It is defined by annotation on
     * {@link JmsLocalInbox} and takes the broker address and credential from the adapter's
     * configuration, which the launcher sets at boot: nothing about the broker is baked into the WAR.
     */
    public static final String CONNECTION_FACTORY = "jms/amicus";

    public static final String RESOURCE_ADAPTER = "artemis-rar";
    public static final String INBOX_QUEUE = "amicus.node.inbox";

    /** Message properties; message bodies are empty for inbox items. */
    public static final String KIND_PROPERTY = "amicusKind";

    public static final String REFERENCE_PROPERTY = "amicusRef";

    private Destinations() {}
}
