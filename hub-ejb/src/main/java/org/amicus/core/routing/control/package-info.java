/**
 * {@code Routing}: who receives a message, whether a receiving node may hold it, whether a holder may pass it
 * on; pure functions of the marking and this node's {@code FederationView} (docs/routing.md).
 */
package org.amicus.core.routing.control;
