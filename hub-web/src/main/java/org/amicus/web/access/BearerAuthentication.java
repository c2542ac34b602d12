package org.amicus.web.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import java.util.stream.Collectors;
import org.amicus.core.membership.boundary.OperatorAccess;
import org.amicus.core.membership.boundary.Sessions;
import org.amicus.core.membership.entity.Caller;
import org.amicus.core.membership.entity.Role;

/**
 * Jakarta Security authentication for every request: an {@code Authorization: Bearer TOKEN} header naming
 * a live session or the operator token makes the caller known to the container (principal {@code
 * person:<id>} or {@code operator}, groups = role names), so the EJB core sees who acts. Without a valid
 * token the request goes on anonymous, and {@link AccessControl} refuses it unless the resource is open.
 */
@ApplicationScoped
public class BearerAuthentication implements HttpAuthenticationMechanism {

    /** The request attribute holding the authenticated {@link Caller}. */
    public static final String CALLER = Caller.class.getName();

    /** Set when a token was presented but is not (or no longer) valid. */
    public static final String INVALID_TOKEN = BearerAuthentication.class.getName() + ".invalid";

    @Inject
    OperatorAccess operator;

    @Inject
    Sessions sessions;

    @Override
    public AuthenticationStatus validateRequest(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        Optional<String> token = bearerToken(request);
        if (token.isEmpty()) {
            return context.doNothing();
        }
        Optional<Caller> caller = operator.authenticate(token.get()).or(() -> sessions.authenticate(token.get()));
        if (caller.isEmpty()) {
            request.setAttribute(INVALID_TOKEN, Boolean.TRUE);
            return context.doNothing();
        }
        request.setAttribute(CALLER, caller.get());
        return context.notifyContainerAboutLogin(
                caller.get().principal(),
                caller.get().roles().stream().map(Role::wireName).collect(Collectors.toSet()));
    }

    static Optional<String> bearerToken(HttpServletRequest request) {
        String h = request.getHeader("Authorization");
        if (h == null || h.length() < 8 || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String t = h.substring(7).strip();
        return t.isEmpty() ? Optional.empty() : Optional.of(t);
    }
}
