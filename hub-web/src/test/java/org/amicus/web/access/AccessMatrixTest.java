package org.amicus.web.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.amicus.core.membership.entity.Role;
import org.junit.jupiter.api.Test;

/** Every API operation names who may call it; only signing in is open; the sensitive ones ask for a confirmation. */
class AccessMatrixTest {

    static List<Method> operations() throws IOException, ClassNotFoundException {
        java.nio.file.Path classes = Paths.get("target/classes");
        List<Method> ops = new ArrayList<>();
        try (Stream<java.nio.file.Path> files = Files.walk(classes)) {
            for (java.nio.file.Path f :
                    files.filter(p -> p.toString().endsWith("Resource.class")).toList()) {
                String name = classes.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> c = Class.forName(name);
                if (c.isAnnotationPresent(Path.class)) {
                    for (Method m : c.getDeclaredMethods()) {
                        if (Stream.of(GET.class, POST.class, PUT.class, DELETE.class, PATCH.class)
                                .anyMatch(m::isAnnotationPresent)) {
                            ops.add(m);
                        }
                    }
                }
            }
        }
        return ops;
    }

    /**
     * The only operations open without signing in: signing in, and the public bulletins (TLP:CLEAR: "may be shared
     * without limit") as an Atom feed and a digest, for people who cannot sign in.
     */
    static final java.util.Set<String> OPEN =
            java.util.Set.of("SessionsResource.signIn", "BulletinsResource.feed", "BulletinsResource.digest");

    @Test
    void everyOperationNamesItsRolesAndOnlySignInAndThePublicFeedsAreOpen() throws Exception {
        List<Method> ops = operations();
        assertTrue(ops.size() > 30, "found the API's operations: " + ops.size());
        for (Method m : ops) {
            if (m.isAnnotationPresent(PermitAll.class)) {
                String op = m.getDeclaringClass().getSimpleName() + "." + m.getName();
                assertTrue(OPEN.contains(op), op + " is open to anyone");
            } else {
                assertNotNull(AccessControl.allowedRoles(m), m + " names no roles");
            }
        }
    }

    @Test
    void administrationIsForAdministratorsAndConfirmedAgain() throws Exception {
        for (Method m : operations()) {
            String op = m.getDeclaringClass().getSimpleName() + "." + m.getName();
            if (m.getDeclaringClass() == PeopleResource.class && !m.getName().equals("changeOwnPassword")) {
                assertEquals(EnumSet.of(Role.ADMINISTRATOR), AccessControl.allowedRoles(m), op);
            }
            if (op.startsWith("AuditResource.")) {
                assertEquals(EnumSet.of(Role.ADMINISTRATOR), AccessControl.allowedRoles(m), op);
            }
            if (op.equals("FederationResource.add")
                    || op.equals("FederationResource.remove")
                    || op.equals("PeopleResource.add")
                    || op.equals("PeopleResource.change")
                    || op.equals("PeopleResource.resetCredentials")
                    || op.equals("KeysResource.verify")) {
                assertTrue(m.isAnnotationPresent(Reauthenticated.class), op + " needs a fresh confirmation");
            }
            if (op.startsWith("MessagesResource.send")) {
                assertFalse(AccessControl.allowedRoles(m).contains(Role.VIEWER), op + ": viewers only read");
            }
        }
    }
}
