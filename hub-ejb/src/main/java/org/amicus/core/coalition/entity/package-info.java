/** Identifiers of coalitions and the signed events of their rosters. */
package org.amicus.core.coalition.entity;
