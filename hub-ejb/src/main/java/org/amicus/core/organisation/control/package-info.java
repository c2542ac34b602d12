/** {@code OrganisationSignatures}: the crypto unit's signatures made and checked with organisation keys. */
package org.amicus.core.organisation.control;
