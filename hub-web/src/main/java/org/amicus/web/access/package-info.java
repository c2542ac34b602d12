/**
 * Who may call the API (docs/access.md): bearer tokens from sign-in or the operator token, checked by a
 * Jakarta Security authentication mechanism; every resource method names the roles that may call it
 * ({@code @RolesAllowed}, or {@code @PermitAll} for signing in), and anything unmarked is refused.
 */
package org.amicus.web.access;
