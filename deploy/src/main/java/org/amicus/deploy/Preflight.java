package org.amicus.deploy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/** Checks made before anything is started, each failing with one actionable line. */
final class Preflight {

    private Preflight() {}

    /**
     * Checks that the port is free on the loopback address and on all addresses (a listener on either
     * would take the node's connections). Address reuse is allowed, as the servers allow it, so that
     * connections of a previous run still closing do not count as "in use".
     */
    static void portFree(int port, String option) throws LaunchException {
        try {
            for (InetSocketAddress address : new InetSocketAddress[] {
                new InetSocketAddress(InetAddress.getLoopbackAddress(), port), new InetSocketAddress(port)
            }) {
                try (ServerSocket s = new ServerSocket()) {
                    s.setReuseAddress(true);
                    s.bind(address);
                }
            }
        } catch (IOException e) {
            throw new LaunchException(
                    LaunchException.PRECONDITION,
                    "port " + port + " is already in use (" + option + "); stop the program using it or choose "
                            + "another port with " + option);
        }
    }

    /** The HTTP address must be one of this machine's addresses (or 0.0.0.0 for all). */
    static void addressUsable(String address) throws LaunchException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
        } catch (IOException e) {
            throw new LaunchException(
                    LaunchException.PRECONDITION,
                    "cannot listen on address " + address + " (--http-address): it is not an address of this machine");
        }
    }

    /**
     * Connects to PostgreSQL as the node will, and checks that it allows the prepared transactions XA
     * needs. H2 needs no check beyond the data directory.
     */
    static void database(DatabaseSettings db) throws LaunchException {
        if (!(db instanceof DatabaseSettings.PostgreSql pg)) {
            return;
        }
        Properties props = new Properties();
        props.setProperty("user", pg.user());
        props.setProperty("password", pg.password());
        props.setProperty("connectTimeout", "10");
        props.setProperty("loginTimeout", "10");
        try {
            Class.forName("org.postgresql.Driver");
        } catch (ClassNotFoundException e) {
            throw new LaunchException(
                    LaunchException.COMPONENT, "the PostgreSQL driver is missing from the node bundle; rebuild it");
        }
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), props);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW max_prepared_transactions")) {
            rs.next();
            int prepared = Integer.parseInt(rs.getString(1));
            if (prepared <= 0) {
                throw new LaunchException(
                        LaunchException.PRECONDITION,
                        "PostgreSQL at " + pg.host() + ":" + pg.port() + " has max_prepared_transactions = 0, but the "
                                + "node needs XA transactions: set max_prepared_transactions = 64 in postgresql.conf "
                                + "and restart PostgreSQL");
            }
        } catch (SQLException e) {
            throw new LaunchException(LaunchException.PRECONDITION, explain(pg, e));
        }
    }

    static String explain(DatabaseSettings.PostgreSql pg, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String where = pg.host() + ":" + pg.port();
        if (state.equals("28P01") || state.equals("28000")) {
            return "PostgreSQL at " + where + " refused user '" + pg.user()
                    + "' (wrong password or no access); check --db-user and the password";
        }
        if (state.equals("3D000")) {
            return "PostgreSQL at " + where + " has no database '" + pg.database() + "'; create it (createdb -O "
                    + pg.user() + " " + pg.database() + ") or fix --db-url";
        }
        if (state.startsWith("08")) {
            return "cannot reach PostgreSQL at " + where + " (is it running and listening there?); start it or "
                    + "fix --db-url";
        }
        return "PostgreSQL at " + where + " failed: "
                + e.getMessage().lines().findFirst().orElse("(no message)") + " [SQLSTATE " + state + "]";
    }
}
