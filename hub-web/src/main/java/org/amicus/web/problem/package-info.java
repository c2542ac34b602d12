/**
 * Errors as RFC 9457 problem details ({@code application/problem+json}) with stable type URIs, one
 * exception mapper per kind of failure.
 */
package org.amicus.web.problem;
