package org.amicus.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LaunchOptionsTest {

    private static final Path BUNDLE = Path.of("/bundle");
    private static final Map<String, String> PASSPHRASE_ENV = Map.of("AMICUS_PASSPHRASE", "from the environment");

    @TempDir
    Path tmp;

    @Test
    void defaultsGiveAnEmbeddedNode() throws Exception {
        LaunchOptions o = LaunchOptions.parse(new String[0], PASSPHRASE_ENV, BUNDLE);

        assertEquals(8080, o.httpPort());
        assertEquals("127.0.0.1", o.httpAddress(), "the API is not exposed unless the operator asks");
        assertEquals(61616, o.brokerPort());
        assertEquals("amicus-node", o.nodeName());
        assertFalse(o.serverTiered(), "C1 by default (ADR 7, ADR 8)");
        assertTrue(o.dataDir().isAbsolute());
        assertInstanceOf(DatabaseSettings.H2File.class, o.database());
        assertEquals(o.dataDir().resolve("db").resolve("amicus"), ((DatabaseSettings.H2File) o.database()).file());
    }

    @Test
    void optionsWinOverTheEnvironment() throws Exception {
        LaunchOptions o = LaunchOptions.parse(
                new String[] {"--http-port", "9090", "--data", tmp.toString()},
                Map.of("AMICUS_HTTP_PORT", "7070", "AMICUS_BROKER_PORT", "7171", "AMICUS_PASSPHRASE", "x"),
                BUNDLE);

        assertEquals(9090, o.httpPort());
        assertEquals(7171, o.brokerPort());
        assertEquals(tmp, o.dataDir());
    }

    @Test
    void postgresqlIsConfiguredByUrlUserAndPasswordFile() throws Exception {
        Path secret = Files.writeString(tmp.resolve("pw"), "s3cret\n");

        LaunchOptions o = LaunchOptions.parse(
                new String[] {
                    "--db-url",
                    "jdbc:postgresql://db.local:5433/amicus",
                    "--db-user",
                    "amicus",
                    "--db-password-file",
                    secret.toString()
                },
                PASSPHRASE_ENV,
                BUNDLE);

        var pg = assertInstanceOf(DatabaseSettings.PostgreSql.class, o.database());
        assertEquals("db.local", pg.host());
        assertEquals(5433, pg.port());
        assertEquals("amicus", pg.database());
        assertEquals("s3cret", pg.password());
        assertFalse(pg.toString().contains("s3cret"), "the password never shows in descriptions");
        assertFalse(pg.describe().contains("s3cret"));
    }

    @Test
    void thePasswordIsNeverTakenFromTheCommandLine() {
        LaunchException e = assertThrows(
                LaunchException.class,
                () -> LaunchOptions.parse(new String[] {"--db-password", "x"}, PASSPHRASE_ENV, BUNDLE));

        assertEquals(LaunchException.USAGE, e.exitStatus());
        assertTrue(e.getMessage().contains("--db-password-file"));
    }

    @Test
    void badValuesAreExplained() {
        assertMessage("unknown option --bogus", "--bogus");
        assertMessage("--http-port must be between 1 and 65535", "--http-port", "70000");
        assertMessage("--http-port needs a positive whole number", "--http-port", "http");
        assertMessage("--broker-port needs a value", "--broker-port");
        assertMessage("must differ", "--http-port", "9000", "--broker-port", "9000");
        assertMessage("--server-heap must be a size", "--server-heap", "lots");
        assertMessage("--server-jit must be c1 or tiered", "--server-jit", "c2");
        assertMessage("--http-address must be an IP address", "--http-address", "a b");
        assertMessage("--db-url must look like", "--db-url", "jdbc:mysql://x/y");
        assertMessage("PostgreSQL needs a user", "--db-url", "jdbc:postgresql://x/y");
    }

    @Test
    void thePassphraseComesFromAFileOrTheEnvironmentNeverTheCommandLine() throws Exception {
        LaunchException argument = assertThrows(
                LaunchException.class,
                () -> LaunchOptions.parse(new String[] {"--passphrase", "x"}, PASSPHRASE_ENV, BUNDLE));
        assertTrue(argument.getMessage().contains("--passphrase is not accepted"), argument.getMessage());

        LaunchOptions file = LaunchOptions.parse(
                new String[] {"--passphrase-file", tmp.resolve("pass").toString()}, Map.of(), BUNDLE);
        assertEquals(tmp.resolve("pass"), file.passphraseFile());
        assertEquals(
                null, LaunchOptions.parse(new String[0], PASSPHRASE_ENV, BUNDLE).passphraseFile());
    }

    @Test
    void theOrganisationIsNamedAfterTheNodeUnlessGiven() throws Exception {
        assertEquals(
                "north",
                LaunchOptions.parse(new String[] {"--name", "north"}, PASSPHRASE_ENV, BUNDLE)
                        .organisationName());
        assertEquals(
                "Documentation Centre North",
                LaunchOptions.parse(
                                new String[] {"--organisation", "Documentation Centre North"}, PASSPHRASE_ENV, BUNDLE)
                        .organisationName());
        assertMessage("--organisation must be", "--organisation", "Bad (name)");
    }

    @Test
    void theOrganisationTypeIsOneOfFourAndCivilSocietyUnlessGiven() throws Exception {
        assertEquals(
                "civil-society",
                LaunchOptions.parse(new String[0], PASSPHRASE_ENV, BUNDLE).organisationType());
        assertEquals(
                "justice-mechanism",
                LaunchOptions.parse(new String[] {"--organisation-type", "justice-mechanism"}, PASSPHRASE_ENV, BUNDLE)
                        .organisationType());
        java.util.Map<String, String> env = new java.util.HashMap<>(PASSPHRASE_ENV);
        env.put("AMICUS_ORGANISATION_TYPE", "relay-operator");
        assertEquals(
                "relay-operator",
                LaunchOptions.parse(new String[0], env, BUNDLE).organisationType());
        assertMessage("--organisation-type must be", "--organisation-type", "court");
    }

    @Test
    void helpIsAnswered() {
        assertThrows(
                LaunchOptions.HelpRequested.class,
                () -> LaunchOptions.parse(new String[] {"--help"}, PASSPHRASE_ENV, BUNDLE));
    }

    private void assertMessage(String expected, String... args) {
        LaunchException e =
                assertThrows(LaunchException.class, () -> LaunchOptions.parse(args, PASSPHRASE_ENV, BUNDLE));
        assertTrue(
                e.getMessage().contains(expected), () -> "'" + e.getMessage() + "' should contain '" + expected + "'");
        assertEquals(LaunchException.USAGE, e.exitStatus());
    }
}
