/** Ports the core owns (implemented by hub-messaging) and the rules of the key directory. */
package org.amicus.core.identity.control;
