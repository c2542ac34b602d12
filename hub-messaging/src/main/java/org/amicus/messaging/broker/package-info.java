/**
 * The node's own Apache Artemis broker, run as a separate process by the launcher: its configuration
 * (persistent journal, loopback acceptor, local credentials, dead-letter and expiry handling) and its
 * lifecycle.
 */
package org.amicus.messaging.broker;
