/** REST resources for the organisation directory and coalitions ({@code /api/v1/organisations}, {@code /api/v1/coalitions}). */
package org.amicus.web.coalition;
