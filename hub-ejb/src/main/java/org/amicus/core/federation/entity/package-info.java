/** Peers, sent and received envelopes, and the rules of their states. */
package org.amicus.core.federation.entity;
