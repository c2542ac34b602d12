package org.amicus.web;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;

/** The REST API of an Amicus node, version 1. */
@ApplicationPath("/api/v1")
@DeclareRoles({"administrator", "coordinator", "security-officer", "analyst", "bulletin-editor", "viewer"})
@OpenAPIDefinition(
        info =
                @Info(
                        title = "Amicus node API",
                        version = "1",
                        description = "REST API of one Amicus node. Errors are application/problem+json (RFC 9457).",
                        license = @License(name = "Apache-2.0", url = "https://www.apache.org/licenses/LICENSE-2.0")))
public class AmicusApi extends Application {}
