/**
 * Organisations, people and roles on this node (issue 5): who belongs, who may act, and how they
 * authenticate. Empty until membership is built.
 */
package org.amicus.core.membership;
