/**
 * {@code Roster}: a coalition's membership rebuilt from its signed event chain, refusing forged, re-ordered
 * and unauthorised events; the port {@code RosterSignatures} checks the signatures.
 */
package org.amicus.core.coalition.control;
