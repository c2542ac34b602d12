/**
 * The node's local inbox over Jakarta Messaging through the Artemis resource adapter: the publisher
 * that joins the caller's XA transaction, the message-driven listener, and the broker probe.
 */
package org.amicus.messaging.inbox;
