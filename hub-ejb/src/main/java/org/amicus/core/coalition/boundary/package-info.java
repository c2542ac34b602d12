/**
 * {@code Coalitions}: founding coalitions and changing their rosters with signed events, replicating the chain
 * to every member node and admitting what other nodes replicate (docs/routing.md).
 */
package org.amicus.core.coalition.boundary;
