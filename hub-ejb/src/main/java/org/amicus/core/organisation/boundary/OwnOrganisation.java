package org.amicus.core.organisation.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.amicus.core.membership.entity.OrganisationType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This node's organisation as configured (the launcher's {@code --organisation} and {@code
 * --organisation-type}). Its id is the node's id: one organisation runs one node (ADR 13).
 */
@ApplicationScoped
public class OwnOrganisation {

    @Inject
    @ConfigProperty(name = "amicus.organisation.name", defaultValue = "Amicus")
    String name;

    @Inject
    @ConfigProperty(name = "amicus.organisation.type", defaultValue = "civil-society")
    String type;

    public String name() {
        return name;
    }

    /** The type this organisation states, signed, on its peering card. */
    public OrganisationType type() {
        return OrganisationType.parse(type);
    }
}
