/**
 * Who is who: this node's organisation identity and the key directory of peer organisations with
 * their trust state (seen, verified, revoked). The cryptography itself stays in the envelope package
 * of hub-messaging, reached through the ports in {@code control}.
 */
package org.amicus.core.identity;
