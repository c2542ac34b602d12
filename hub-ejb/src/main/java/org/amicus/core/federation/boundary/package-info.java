/** Facades for peering, sending and receiving envelopes. */
package org.amicus.core.federation.boundary;
