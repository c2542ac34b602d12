package org.amicus.core.platform.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.amicus.core.node.boundary.NodeService;
import org.amicus.core.platform.control.SchemaMigration;

/**
 * Brings the core up in order: schema migrations first (outside any transaction, Flyway manages its
 * own), then the node identity. If either fails, the deployment fails and the node does not serve.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class NodeStartup {

    private static final Logger LOG = Logger.getLogger(NodeStartup.class.getName());

    @Resource(lookup = "jdbc/amicus")
    DataSource dataSource;

    @Inject
    NodeService node;

    private volatile String schemaVersion;

    // Lifecycle callbacks take their transaction attribute from the method only (EJB 3.2, 8.3.7);
    // Flyway manages its own transactions and PostgreSQL refuses them inside an XA transaction.
    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void start() {
        schemaVersion = SchemaMigration.migrate(dataSource);
        var identity = node.ensureIdentity();
        LOG.info(() -> "AMICUS-NODE-001 node " + identity + " started");
    }

    /** The schema version in force, or null before migrations ran. */
    public String schemaVersion() {
        return schemaVersion;
    }
}
