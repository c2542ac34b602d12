/**
 * Amicus over Apache Artemis: the broker process ({@code broker}), the node's local inbox over
 * Jakarta Messaging ({@code inbox}); later the sealed envelope ({@code envelope}) and federation
 * between nodes ({@code federation}).
 */
package org.amicus.messaging;
