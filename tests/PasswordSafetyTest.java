import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real password authentication (scram-sha-256) with a password full of URL-special
 * characters, through every way of passing it, and the promise that no output or error
 * ever contains it.
 */
class PasswordSafetyTest {
    private static final String USER = "trader";
    private static final String PASSWORD = "p@ss:w%rd/#?&=x";
    private static final String ENCODED = "p%40ss%3Aw%25rd%2F%23%3F%26%3Dx";
    private static EmbeddedPostgres server;
    private static String hostPort;

    @TempDir Path dir;

    @BeforeAll
    static void startServerThatChecksPasswords() throws Exception {
        server = EmbeddedPostgres.builder()
                .setDataDirectoryCustomizer(data -> {
                    try {
                        Files.writeString(data.toPath().resolve("pg_hba.conf"),
                                "local all all trust\n"
                                        + "host all postgres 127.0.0.1/32 trust\nhost all postgres ::1/128 trust\n"
                                        + "host all all 127.0.0.1/32 scram-sha-256\nhost all all ::1/128 scram-sha-256\n");
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                })
                .start();
        hostPort = "127.0.0.1:" + server.getPort();
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("SET password_encryption = 'scram-sha-256'");
            s.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
            s.execute("CREATE DATABASE trading_db OWNER " + USER);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void urlWithEncodedPasswordConnectsAndNothingPrintsIt() {
        Commands.Result r = Commands.run("migrate", "--url", "postgresql://" + USER + ":" + ENCODED + "@" + hostPort + "/trading_db");
        assertEquals(0, r.exitCode(), r.toString());
        assertNoPassword(r);
        Commands.Result status = Commands.run("status", "--url", "jdbc:postgresql://" + hostPort + "/trading_db?user="
                + USER + "&password=" + ENCODED);
        assertEquals(0, status.exitCode(), status.toString());
        assertTrue(status.out().contains("postgresql://" + USER + ":***@" + hostPort + "/trading_db"), status.out());
        assertNoPassword(status);
    }

    @Test
    void wrongPasswordExits5WithoutEchoingEitherPassword() {
        String wrong = "Wr0ng%40Secret";
        for (String verbose : new String[] {"--json", "--verbose"}) {
            Commands.Result r = Commands.run("status", verbose, "--url",
                    "postgresql://" + USER + ":" + wrong + "@" + hostPort + "/trading_db");
            assertEquals(5, r.exitCode(), r.toString());
            assertTrue(r.err().contains("password authentication failed"), r.err());
            assertTrue(r.err().contains("postgresql://" + USER + ":***@"), r.err());
            assertFalse(r.all().contains("Wr0ng"), r.toString());
            assertNoPassword(r);
        }
    }

    @Test
    void unreachableServerExits5WithMaskedUrl() {
        Commands.Result r = Commands.run("status", "--url", "postgresql://" + USER + ":" + ENCODED
                + "@127.0.0.1:1/trading_db?connectTimeout=2");
        assertEquals(5, r.exitCode(), r.toString());
        assertTrue(r.err().contains("Cannot connect to postgresql://" + USER + ":***@127.0.0.1:1/trading_db"), r.err());
        assertNoPassword(r);
    }

    @Test
    void libpqVariablesAndPgpassAndDotEnvAuthenticateInSeparateProcesses() throws Exception {
        String port = hostPort.substring(hostPort.indexOf(':') + 1);
        Map<String, String> libpq = Map.of("PGHOST", "127.0.0.1", "PGPORT", port, "PGUSER", USER,
                "PGDATABASE", "trading_db", "PGPASSWORD", PASSWORD);
        Commands.Result viaLibpq = Commands.spawn(libpq, "status", "--json");
        assertEquals(0, viaLibpq.exitCode(), viaLibpq.toString());
        assertNoPassword(viaLibpq);

        Path pgpass = dir.resolve("pgpass");
        Files.writeString(pgpass, "127.0.0.1:" + port + ":trading_db:" + USER + ":"
                + PASSWORD.replace("\\", "\\\\").replace(":", "\\:") + "\n");
        Commands.Result viaPgpass = Commands.spawn(Map.of("PGPASSFILE", pgpass.toString()), "status",
                "--url", "postgresql://" + USER + "@" + hostPort + "/trading_db");
        assertEquals(0, viaPgpass.exitCode(), viaPgpass.toString());
        assertNoPassword(viaPgpass);

        Files.writeString(dir.resolve(".env"), "DATABASE_URL=postgresql://" + USER + ":" + ENCODED + "@" + hostPort
                + "/trading_db\n");
        Commands.Result viaDotEnv = Commands.spawnIn(Map.of("TRADING_ROOT", Commands.ROOT.toString()), dir, "status");
        assertEquals(0, viaDotEnv.exitCode(), viaDotEnv.toString());
        assertTrue(viaDotEnv.out().contains(USER + ":***@"), viaDotEnv.out());
        assertNoPassword(viaDotEnv);
    }

    private static void assertNoPassword(Commands.Result r) {
        assertFalse(r.all().contains(PASSWORD), "password printed:\n" + r);
        assertFalse(r.all().contains(ENCODED), "encoded password printed:\n" + r);
        assertFalse(r.all().contains("w%rd"), "part of the password printed:\n" + r);
    }
}
