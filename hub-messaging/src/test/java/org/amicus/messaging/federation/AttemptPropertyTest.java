package org.amicus.messaging.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.jms.Message;
import java.util.function.Consumer;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.core.client.impl.ClientMessageImpl;
import org.apache.activemq.artemis.jms.client.ActiveMQBytesMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQMessage;
import org.junit.jupiter.api.Test;

/**
 * Which sending of its origin's a delivered message is (federation.md §5 item 7, §6), as the listener reads it from
 * the broker message a peer delivered: Artemis's own message classes, the way the resource adapter hands them over.
 */
class AttemptPropertyTest {

    private static Message delivered(Consumer<ClientMessage> properties) {
        ClientMessage message = new ClientMessageImpl(ActiveMQBytesMessage.TYPE, true, 0, 0, (byte) 4, 1024);
        properties.accept(message);
        return ActiveMQMessage.createMessage(message, null);
    }

    @Test
    void aFirstSendingCarriesNoAttempt() throws Exception {
        assertEquals(0, FederationInListener.attempt(delivered(m -> {})));
    }

    @Test
    void aResendCarriesItsAttempt() throws Exception {
        assertEquals(
                3,
                FederationInListener.attempt(
                        delivered(m -> m.putIntProperty(ArtemisFederationTransport.ATTEMPT_PROPERTY, 3))));
    }

    @Test
    void anAttemptAPeerGotWrongCountsAsTheFirstSending() throws Exception {
        assertEquals(
                0,
                FederationInListener.attempt(
                        delivered(m -> m.putIntProperty(ArtemisFederationTransport.ATTEMPT_PROPERTY, -5))),
                "negative");
        assertEquals(
                0,
                FederationInListener.attempt(
                        delivered(m -> m.putStringProperty(ArtemisFederationTransport.ATTEMPT_PROPERTY, "many"))),
                "not a number");
        assertEquals(
                0,
                FederationInListener.attempt(
                        delivered(m -> m.putBooleanProperty(ArtemisFederationTransport.ATTEMPT_PROPERTY, true))),
                "another type");
        assertEquals(
                7,
                FederationInListener.attempt(
                        delivered(m -> m.putStringProperty(ArtemisFederationTransport.ATTEMPT_PROPERTY, "7"))),
                "a number as text, as JMS converts it");
    }
}
