package org.amicus.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The asadmin commands Payara Micro runs at boot. Everything about this node's environment (broker
 * address and credential, database) lives here, never in the WAR. The launcher and the integration
 * tests both use this class, so tests run the node exactly as operators do.
 *
 * <p>Pre-boot: the transaction log goes to the data directory (it must outlive the runtime
 * directory, which is recreated at every start), in-doubt XA transactions are recovered at start, and
 * the HTTP listener binds to the address the operator chose (loopback by default) and speaks HTTP/1.1 only.
 *
 * <p>Post-boot, in this order: configure the Artemis resource adapter (broker address and
 * credential), deploy it, create the XA connection factory {@code jms/amicus} over it, and the XA
 * data source {@code jdbc/amicus}, then recover in-doubt transactions from the transaction log (the
 * start's own recovery ran before these resources existed) and roll back what is still in doubt (the
 * one-class archive {@code amicus-recovery.war}, deployed and undeployed again; ADR 9). The application
 * WAR is deployed after these commands.
 */
public final class ServerCommands {

    public static final String RESOURCE_ADAPTER = "artemis-rar";
    public static final String JMS_POOL = "amicus-jms";
    public static final String JMS_RESOURCE = "jms/amicus";
    public static final String JDBC_POOL = "amicus-db";
    public static final String JDBC_RESOURCE = "jdbc/amicus";
    static final String RECOVER_TRANSACTIONS = "recover-transactions server";
    static final String RECOVERY_STEP = "amicus-recovery";
    /** How often at most the database pool checks a connection before lending it (seconds). */
    static final int VALIDATE_AT_MOST_EVERY_SECONDS = 10;

    /**
     * The HTTP listener speaks HTTP/1.1 only: no cleartext HTTP/2 (h2c). An h2c upgrade from the JDK's HTTP client
     * on a request answered early once deadlocked two Grizzly worker threads and left every later request on that
     * connection hanging (threat-model.md); browsers never use h2c, and a reverse proxy in front speaks HTTP/2 to
     * clients if wanted.
     */
    static final String HTTP1_ONLY =
            "set configs.config.server-config.network-config.protocols.protocol.http-listener.http.http2-enabled=false";

    private ServerCommands() {}

    public static List<String> preBoot(Path transactionLogDir, String httpAddress) throws LaunchException {
        return List.of(
                "set configs.config.server-config.transaction-service.tx-log-dir="
                        + checkedPath(transactionLogDir.toAbsolutePath().toString()),
                "set configs.config.server-config.transaction-service.automatic-recovery=true",
                "set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address="
                        + checkedPath(httpAddress),
                HTTP1_ONLY);
    }

    public static List<String> postBoot(
            Path resourceAdapterArchive,
            Path recoveryArchive,
            int brokerPort,
            String brokerUser,
            String brokerPassword,
            DatabaseSettings db)
            throws LaunchException {
        List<String> commands = new ArrayList<>();
        commands.add("create-resource-adapter-config --property "
                + properties(
                        "ConnectionParameters", "host=127.0.0.1;port=" + brokerPort,
                        "UserName", brokerUser,
                        "Password", brokerPassword)
                + " " + RESOURCE_ADAPTER);
        commands.add("deploy --name " + RESOURCE_ADAPTER + " --type rar "
                + checkedPath(resourceAdapterArchive.toAbsolutePath().toString()));
        commands.add("create-connector-connection-pool --raname " + RESOURCE_ADAPTER
                + " --connectiondefinition jakarta.jms.ConnectionFactory --transactionsupport XATransaction"
                + " --steadypoolsize 4 --maxpoolsize 32 --failconnection true"
                // Outbound connections fail fast when the broker is away (the caller gets an error and its
                // transaction rolls back) instead of waiting for a reconnection; the pool makes new ones.
                + " --property "
                + properties(
                        "UserName",
                        brokerUser,
                        "Password",
                        brokerPassword,
                        "ReconnectAttempts",
                        "0",
                        "CallTimeout",
                        "10000",
                        // queues are looked up once, not at every send (two round trips to the broker less per
                        // envelope; federation.md §4: a node's queues are created by its broker, never dropped)
                        "CacheDestinations",
                        "true")
                + " " + JMS_POOL);
        commands.add("create-connector-resource --poolname " + JMS_POOL + " " + JMS_RESOURCE);
        commands.add(jdbcPool(db));
        commands.add("create-jdbc-resource --connectionpoolid " + JDBC_POOL + " " + JDBC_RESOURCE);
        // The start's automatic recovery runs before these commands, when no XA resource exists yet. Now that
        // both exist: complete what the transaction log decided, then roll back what a crash left in doubt
        // before its commit was decided (presumed abort; ADR 9), all before the application is deployed.
        commands.add(RECOVER_TRANSACTIONS);
        commands.add("deploy --name " + RECOVERY_STEP + " --contextroot /" + RECOVERY_STEP + " "
                + checkedPath(recoveryArchive.toAbsolutePath().toString()));
        commands.add("undeploy " + RECOVERY_STEP);
        return commands;
    }

    private static String jdbcPool(DatabaseSettings db) throws LaunchException {
        // A connection is checked before it is lent (a PostgreSQL restarted or a broken socket is noticed and the
        // pool renewed, --failconnection), but at most once in VALIDATE_AT_MOST_EVERY_SECONDS: checked at every lease,
        // as before 2026-12-03, each read of a transaction that had not yet written paid four JDBC calls and a COMMIT
        // (docs/performance.md, federation). A connection broken within that period fails one transaction, which
        // rolls back like any other failure of the database (a delivery is redelivered, a request gets an error).
        String common = " --restype javax.sql.XADataSource --steadypoolsize 2 --maxpoolsize 32"
                + " --isconnectvalidatereq true --validationmethod auto-commit --failconnection true"
                + " --validateatmostonceperiod " + VALIDATE_AT_MOST_EVERY_SECONDS;
        if (db instanceof DatabaseSettings.PostgreSql pg) {
            return "create-jdbc-connection-pool --datasourceclassname org.postgresql.xa.PGXADataSource" + common
                    + " --property "
                    + properties(
                            "serverName", pg.host(),
                            "portNumber", Integer.toString(pg.port()),
                            "databaseName", pg.database(),
                            "user", pg.user(),
                            "password", pg.password())
                    + " " + JDBC_POOL;
        }
        DatabaseSettings.H2File h2 = (DatabaseSettings.H2File) db;
        // The H2 file is protected by the data directory's permissions; its user and password are fixed.
        return "create-jdbc-connection-pool --datasourceclassname org.h2.jdbcx.JdbcDataSource" + common
                + " --property " + properties("url", h2.jdbcUrl(), "user", "amicus", "password", "amicus")
                + " " + JDBC_POOL;
    }

    /** {@code a=1:b=2}, each value escaped for asadmin's property syntax. */
    static String properties(String... namesAndValues) throws LaunchException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(namesAndValues[i]).append('=').append(escapeValue(namesAndValues[i + 1]));
        }
        return sb.toString();
    }

    /**
     * Escapes a value for asadmin: backslash, colon and equals sign are prefixed with a backslash.
     * Values with white space, quotes or control characters cannot be passed safely and are refused.
     */
    static String escapeValue(String value) throws LaunchException {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c) || c == '"' || c == '\'' || Character.isISOControl(c)) {
                throw new LaunchException(
                        LaunchException.USAGE,
                        "a setting contains a space, quote or control character, which the server's boot commands "
                                + "cannot carry; choose a value (password, path) without them");
            }
        }
        return value.replace("\\", "\\\\").replace(":", "\\:").replace("=", "\\=");
    }

    private static String checkedPath(String path) throws LaunchException {
        escapeValue(path);
        return path;
    }
}
