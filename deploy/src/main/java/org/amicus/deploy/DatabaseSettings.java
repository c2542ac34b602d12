package org.amicus.deploy;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/** Where the node keeps its database: an embedded H2 file (default) or PostgreSQL. */
public sealed interface DatabaseSettings {

    /** Short description for the start banner; never contains a password. */
    String describe();

    /** The embedded default: an H2 database file under the node's data directory. */
    record H2File(Path file) implements DatabaseSettings {
        public H2File {
            Objects.requireNonNull(file, "file");
        }

        /**
         * The JDBC URL. {@code WRITE_DELAY=0} makes H2 write every commit to the file before the commit returns:
         * with H2's default (up to 500 ms later) a node killed right after a commit loses that commit, although it
         * has already been acknowledged (a delivery receipt sent, a message accepted). See ADR 11.
         */
        public String jdbcUrl() {
            return "jdbc:h2:file:" + file.toAbsolutePath() + ";WRITE_DELAY=0";
        }

        @Override
        public String describe() {
            return "H2 file " + file.toAbsolutePath() + ".mv.db";
        }
    }

    /** A PostgreSQL database; the URL must be {@code jdbc:postgresql://host[:port]/database}. */
    record PostgreSql(String jdbcUrl, String host, int port, String database, String user, String password)
            implements DatabaseSettings {

        public PostgreSql {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
        }

        /** Parses and checks a PostgreSQL JDBC URL. */
        public static PostgreSql of(String jdbcUrl, String user, String password) throws LaunchException {
            String prefix = "jdbc:postgresql://";
            if (jdbcUrl == null || !jdbcUrl.startsWith(prefix)) {
                throw new LaunchException(
                        LaunchException.USAGE,
                        "--db-url must look like jdbc:postgresql://HOST:PORT/DATABASE (H2 is the default when it is"
                                + " not given)");
            }
            URI uri;
            try {
                uri = URI.create("postgresql://" + jdbcUrl.substring(prefix.length()));
            } catch (IllegalArgumentException e) {
                throw new LaunchException(LaunchException.USAGE, "--db-url is not a valid URL: " + jdbcUrl);
            }
            String path = uri.getPath();
            if (uri.getHost() == null || path == null || path.length() < 2 || uri.getQuery() != null) {
                throw new LaunchException(
                        LaunchException.USAGE,
                        "--db-url must look like jdbc:postgresql://HOST:PORT/DATABASE, without parameters");
            }
            if (user == null || user.isBlank()) {
                throw new LaunchException(
                        LaunchException.USAGE, "PostgreSQL needs a user: give --db-user or set AMICUS_DB_USER");
            }
            if (password == null) {
                throw new LaunchException(
                        LaunchException.USAGE,
                        "PostgreSQL needs a password: give --db-password-file FILE or set AMICUS_DB_PASSWORD");
            }
            int port = uri.getPort() < 0 ? 5432 : uri.getPort();
            return new PostgreSql(jdbcUrl, uri.getHost(), port, path.substring(1), user, password);
        }

        @Override
        public String describe() {
            return "PostgreSQL " + host + ":" + port + "/" + database + " as " + user;
        }

        @Override
        public String toString() {
            return "PostgreSql[" + describe() + "]";
        }
    }
}
