/**
 * The node's side of identity: the organisation key loaded (or created at first start) and unlocked
 * once, and the adapters through which the core's key directory and replay record reach the envelope
 * code. The cryptography itself stays in {@code org.amicus.messaging.envelope}.
 */
package org.amicus.messaging.identity;
