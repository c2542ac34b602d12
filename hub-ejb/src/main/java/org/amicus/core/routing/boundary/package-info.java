/** {@code FederationViews}: this node's current view of the federation, built from its directory and rosters. */
package org.amicus.core.routing.boundary;
