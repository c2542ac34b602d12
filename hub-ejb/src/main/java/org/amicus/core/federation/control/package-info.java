/** The ports federation needs from the messaging adapter: transport, sealing and peering cards. */
package org.amicus.core.federation.control;
