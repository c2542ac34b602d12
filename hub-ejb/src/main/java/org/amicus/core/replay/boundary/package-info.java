/** The replay record facade used when envelopes are opened. */
package org.amicus.core.replay.boundary;
