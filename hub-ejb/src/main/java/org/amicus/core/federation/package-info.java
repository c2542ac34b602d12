/**
 * Federation as the core sees it: peers (added by operators on both sides, suspended, removed), the
 * envelopes this node sent and their delivery per recipient node, the envelopes it received (stored
 * sealed) and those it refused. The transport (Artemis bridges, TLS) is an adapter in hub-messaging
 * behind {@link org.amicus.core.federation.control.FederationTransport}.
 */
package org.amicus.core.federation;
