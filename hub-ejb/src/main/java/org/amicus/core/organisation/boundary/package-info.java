/** {@code Organisations}: the directory; {@code NodeFederationView}: what routing reads of it and of the rosters. */
package org.amicus.core.organisation.boundary;
