/** REST for federation: the peering card, peers and their links, sending and reading envelopes. */
package org.amicus.web.federation;
