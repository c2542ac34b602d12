/**
 * The sealed envelope (issue 3): the only place that touches cryptography, exposing seal and open.
 * Empty until the envelope is built.
 */
package org.amicus.messaging.envelope;
