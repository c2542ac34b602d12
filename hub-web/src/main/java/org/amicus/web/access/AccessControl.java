package org.amicus.web.access;

import jakarta.annotation.Priority;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;
import java.util.logging.Logger;
import org.amicus.core.membership.boundary.AccessSettings;
import org.amicus.core.membership.entity.Caller;
import org.amicus.core.membership.entity.Role;
import org.amicus.web.problem.Problem;

/**
 * The API's gate: each resource method is open ({@code @PermitAll}) or names its roles
 * ({@code @RolesAllowed}, on the method or its class); a method with neither is refused to everyone, so a
 * new endpoint cannot be exposed by forgetting. 401 without a valid token, 403 without a role, 403
 * {@code reauthentication-required} for a {@link Reauthenticated} change after too long.
 */
@Provider
// before Jersey's own @RolesAllowed filter (AUTHORIZATION), which would answer a bare 403 for everything
@Priority(Priorities.AUTHENTICATION)
public class AccessControl implements ContainerRequestFilter {

    private static final Logger LOG = Logger.getLogger(AccessControl.class.getName());

    @Context
    ResourceInfo resource;

    @Context
    HttpServletRequest request;

    /** Looked up, not injected: JAX-RS creates providers, and CDI injection into them is not portable. */
    private volatile AccessSettings settings;

    private volatile Clock clock;

    @Override
    public void filter(ContainerRequestContext ctx) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return; // no resource matched: JAX-RS answers 404/405 itself
        }
        if (method.isAnnotationPresent(PermitAll.class)) {
            return;
        }
        Set<Role> allowed = allowedRoles(method);
        if (allowed == null) {
            LOG.severe("AMICUS-ACCESS-020 " + method + " names no roles: refused to everyone");
            ctx.abortWith(Problem.of(
                            "forbidden",
                            "Not allowed",
                            Response.Status.FORBIDDEN,
                            "this operation is not open to anyone (a server misconfiguration)")
                    .toResponse());
            return;
        }
        Caller caller = (Caller) request.getAttribute(BearerAuthentication.CALLER);
        if (caller == null) {
            boolean invalid = request.getAttribute(BearerAuthentication.INVALID_TOKEN) != null;
            ctx.abortWith(Response.fromResponse(Problem.of(
                                    "unauthenticated",
                                    "Sign-in required",
                                    Response.Status.UNAUTHORIZED,
                                    invalid
                                            ? "the token has expired or was signed out; sign in again"
                                            : "send a token from POST /api/v1/sessions as"
                                                    + " 'Authorization: Bearer TOKEN'")
                            .toResponse())
                    .header("WWW-Authenticate", invalid ? "Bearer error=\"invalid_token\"" : "Bearer")
                    .build());
            return;
        }
        if (!caller.hasAnyRole(allowed)) {
            ctx.abortWith(Problem.of(
                            "forbidden",
                            "Not allowed",
                            Response.Status.FORBIDDEN,
                            "this needs one of the roles " + names(allowed) + "; you have " + names(caller.roles()))
                    .toResponse());
            return;
        }
        if (method.isAnnotationPresent(Reauthenticated.class) && !recentlyAuthenticated(caller)) {
            ctx.abortWith(Problem.of(
                            "reauthentication-required",
                            "Confirm it is you",
                            Response.Status.FORBIDDEN,
                            "this change needs your password and a code again: POST"
                                    + " /api/v1/sessions/current/reauthenticate, then repeat it")
                    .toResponse());
        }
    }

    private boolean recentlyAuthenticated(Caller caller) {
        if (settings == null) {
            settings = CDI.current().select(AccessSettings.class).get();
            clock = CDI.current().select(Clock.class).get();
        }
        return caller.recentlyAuthenticated(clock.instant(), settings.policy());
    }

    /** The roles named on the method, else on its class; null if neither names any. */
    static Set<Role> allowedRoles(Method method) {
        RolesAllowed r = method.getAnnotation(RolesAllowed.class);
        if (r == null) {
            r = method.getDeclaringClass().getAnnotation(RolesAllowed.class);
        }
        if (r == null) {
            return null;
        }
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : r.value()) {
            if (Roles.ANY.equals(name)) {
                return EnumSet.allOf(Role.class);
            }
            roles.add(Role.parse(name));
        }
        return roles;
    }

    private static String names(Set<Role> roles) {
        return roles.isEmpty()
                ? "none"
                : String.join(", ", roles.stream().map(Role::wireName).toList());
    }
}
