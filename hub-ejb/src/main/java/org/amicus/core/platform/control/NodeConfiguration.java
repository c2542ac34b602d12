package org.amicus.core.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The node's settings, read through MicroProfile Config (the launcher passes them as system
 * properties; environment variables work too, e.g. AMICUS_NODE_NAME).
 */
@ApplicationScoped
public class NodeConfiguration {

    @Inject
    @ConfigProperty(name = "amicus.node.name", defaultValue = "amicus-node")
    String nodeName;

    public String nodeName() {
        return nodeName;
    }
}
