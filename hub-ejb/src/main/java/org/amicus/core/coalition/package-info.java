/**
 * Coalitions as channels (issue 5): the signed, hash-chained roster of members and the rules for
 * joining, leaving and suspension. Empty until coalitions are built.
 */
package org.amicus.core.coalition;
