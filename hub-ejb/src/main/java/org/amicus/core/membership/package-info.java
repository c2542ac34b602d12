/**
 * Organisations, people and roles on this node (issue 5): who belongs, who may act, and how they
 * authenticate. So far its identifiers ({@code entity}); people, roles and authentication are to build.
 */
package org.amicus.core.membership;
