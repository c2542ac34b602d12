/**
 * Federation between nodes (issue 4): peers, core bridges with duplicate detection, receipts, relays
 * and offline bundles. Empty until federation is built.
 */
package org.amicus.messaging.federation;
