package org.amicus.messaging.recovery;

import jakarta.annotation.Resource;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Presumed abort of what a crash left in doubt (ADR 9, docs/protocol/federation.md §9). The node deploys this
 * archive once at every start, after {@code recover-transactions} (which completes the transactions whose commit
 * the transaction log recorded) and before its own application, and undeploys it again. Nothing else runs then,
 * so every XA branch still prepared belongs to a transaction that died before its commit was decided: it is rolled
 * back, in the database by SQL and in the broker by {@code InDoubtRecovery}. Logs name no content.
 */
@WebListener
public class InDoubtRecoveryStep implements ServletContextListener {

    /** {@code BrokerSettings.RECOVER_IN_DOUBT_ADDRESS} (this archive carries no other class; a test keeps them equal). */
    static final String RECOVER_IN_DOUBT_ADDRESS = "amicus.control.recover-in-doubt";

    private static final Logger LOG = Logger.getLogger(InDoubtRecoveryStep.class.getName());

    @Resource(lookup = "jdbc/amicus")
    DataSource database;

    @Resource(lookup = "jms/amicus")
    ConnectionFactory broker;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        try {
            int ended = rollBackDatabase();
            LOG.info(() -> "AMICUS-RECOVERY-001 " + ended + " database transaction(s) left in doubt by an earlier"
                    + " crash rolled back");
        } catch (SQLException e) {
            LOG.severe("AMICUS-RECOVERY-002 cannot end the database transactions left in doubt: " + e.getMessage()
                    + "; rows they hold stay locked until an operator ends them (docs/operator-guide.md)");
        }
        try (JMSContext context = broker.createContext()) {
            // a persistent send blocks until the broker has handled it: the broker's branches are ended on return
            context.createProducer()
                    .setDeliveryMode(DeliveryMode.PERSISTENT)
                    .send(context.createTopic(RECOVER_IN_DOUBT_ADDRESS), "recover");
        } catch (JMSRuntimeException e) {
            LOG.severe("AMICUS-RECOVERY-003 cannot ask the broker to end the transactions left in doubt: "
                    + e.getMessage() + "; the messages they hold stay held until an operator ends them");
        }
    }

    private int rollBackDatabase() throws SQLException {
        try (Connection c = database.getConnection();
                Statement s = c.createStatement()) {
            String product = c.getMetaData().getDatabaseProductName();
            List<String> rollbacks = new ArrayList<>();
            if (product.startsWith("H2")) {
                try (ResultSet rs = s.executeQuery("SELECT TRANSACTION_NAME FROM INFORMATION_SCHEMA.IN_DOUBT")) {
                    while (rs.next()) {
                        // a quoted identifier: H2's XA names (XID|format|…|…) are no plain ones
                        rollbacks.add(
                                "ROLLBACK TRANSACTION \"" + rs.getString(1).replace("\"", "\"\"") + "\"");
                    }
                }
            } else if (product.startsWith("PostgreSQL")) {
                try (ResultSet rs = s.executeQuery("SELECT gid FROM pg_prepared_xacts"
                        + " WHERE database = current_database() AND owner = current_user")) {
                    while (rs.next()) {
                        rollbacks.add("ROLLBACK PREPARED '" + rs.getString(1).replace("'", "''") + "'");
                    }
                }
            } else {
                LOG.warning("AMICUS-RECOVERY-004 no in-doubt recovery for " + product);
            }
            for (String rollback : rollbacks) {
                s.execute(rollback);
            }
            return rollbacks.size();
        }
    }
}
