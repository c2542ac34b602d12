/**
 * Ports the node capability owns and adapters implement: the local inbox (Jakarta Messaging, in
 * hub-messaging) and the broker probe.
 */
package org.amicus.core.node.control;
