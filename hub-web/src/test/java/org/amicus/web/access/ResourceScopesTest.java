package org.amicus.web.access;

import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.Context;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every API resource is a CDI bean, made once for the application; only a resource that keeps the request in a field
 * is made for each request. A resource JAX-RS makes itself is analysed by reflection at every request (Jersey's HK2
 * injection: 9 % of the sending server's CPU in the federation benchmark's profile, docs/performance.md).
 */
class ResourceScopesTest {

    @Test
    void everyResourceIsMadeOnceUnlessItKeepsTheRequest() throws Exception {
        Set<Class<?>> resources = AccessMatrixTest.operations().stream()
                .map(Method::getDeclaringClass)
                .collect(Collectors.toSet());
        assertTrue(resources.size() > 10, "found the API's resources: " + resources);
        for (Class<?> c : resources) {
            boolean keepsRequest = Arrays.stream(c.getDeclaredFields())
                    .anyMatch(f -> f.isAnnotationPresent(Context.class) && !Modifier.isStatic(f.getModifiers()));
            if (keepsRequest) {
                assertTrue(c.isAnnotationPresent(RequestScoped.class), c + " keeps the request: @RequestScoped");
            } else {
                assertTrue(c.isAnnotationPresent(ApplicationScoped.class), c + " is made once: @ApplicationScoped");
            }
        }
    }
}
