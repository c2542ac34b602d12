/**
 * Coalitions as channels (issue 5): the signed, hash-chained roster of members and the rules for
 * joining, leaving and suspension. So far the roster's events and rules ({@code control.Roster}); storage and replication are to build.
 */
package org.amicus.core.coalition;
