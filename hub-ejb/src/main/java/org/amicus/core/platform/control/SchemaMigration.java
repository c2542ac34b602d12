package org.amicus.core.platform.control;

import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Versioned schema migrations (Flyway, scripts in {@code db/migration}). The schema is never dropped
 * and created: a node upgrades in place and keeps its data. A database whose schema is newer than
 * this build, or whose applied scripts were changed, is refused.
 */
public final class SchemaMigration {

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

    private SchemaMigration() {}

    /** Applies pending migrations and returns the schema version now in force. */
    public static String migrate(DataSource dataSource) {
        Flyway flyway = Flyway.configure(SchemaMigration.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .table("amicus_schema_history")
                .validateOnMigrate(true)
                .cleanDisabled(true)
                .outOfOrder(false)
                .load();
        MigrateResult result = flyway.migrate();
        String version = flyway.info().current() == null
                ? "none"
                : flyway.info().current().getVersion().getVersion();
        LOG.info(() -> "AMICUS-SCHEMA-001 schema at version " + version + " (" + result.migrationsExecuted
                + " migration(s) applied now)");
        return version;
    }
}
