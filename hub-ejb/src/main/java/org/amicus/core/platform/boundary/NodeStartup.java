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

    /**
     * The schema version once this node has started, for health checks: read without invoking the bean, because
     * a call that reaches the singleton while the container is still creating it (a readiness probe early in a
     * slow start) can make the container fail the singleton for good (seen once in CI).
     */
    private static volatile String started;

    // Lifecycle callbacks take their transaction attribute from the method only (EJB 3.2, 8.3.7);
    // Flyway manages its own transactions and PostgreSQL refuses them inside an XA transaction.
    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void start() {
        schemaVersion = SchemaMigration.migrate(dataSource);
        var identity = node.ensureIdentity();
        started = schemaVersion;
        LOG.info(() -> "AMICUS-NODE-001 node " + identity + " started");
    }

    /** The schema version in force once the node has started; null before (never touches the bean). */
    public static String startedSchemaVersion() {
        return started;
    }

    /** The schema version in force, or null before migrations ran. */
    public String schemaVersion() {
        return schemaVersion;
    }
}
