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

    @Test
    void secretUrlParametersAreMaskedInOutput() {
        Commands.Result r = Commands.run("status", "--url", "postgresql://" + USER + ":" + ENCODED + "@" + hostPort
                + "/trading_db?sslmode=disable&sslpassword=K3yPhrase");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("sslmode=disable&sslpassword=***"), r.out());
        assertFalse(r.all().contains("K3yPhrase"), r.toString());
        assertNoPassword(r);
    }

    @Test
    void aUrlInACommandLineErrorIsMasked() {
        for (String[] command : new String[][] {{"migrate"}, {"status"}, {"query"}, {"seed", "--count", "1"}}) {
            String script = command[0];
            // The URL given without --url: picocli quotes it as an unmatched argument.
            String[] args = java.util.Arrays.copyOfRange(command, 1, command.length + 1);
            args[args.length - 1] = "postgresql://u:S3cr3t@host/db";
            Commands.Result r = Commands.run(script, args);
            assertEquals(2, r.exitCode(), script + ": " + r);
            assertTrue(r.err().contains("postgresql://u:***@host/db"), script + ": " + r.err());
            assertFalse(r.all().contains("S3cr3t"), script + ": " + r);
        }
        Commands.Result r = Commands.run("status", "--json=jdbc:postgresql://h/db?password=S3cr3t&sslpassword=K3y");
        assertEquals(2, r.exitCode(), r.toString());
        assertFalse(r.all().contains("S3cr3t") || r.all().contains("K3y"), r.toString());
    }

    @Test
    void anUnexpectedErrorIsOneLineWithoutSecrets() {
        for (boolean verbose : new boolean[] {false, true}) {
            java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
            java.io.PrintStream old = System.err;
            int code;
            synchronized (Commands.class) {
                System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
                try {
                    code = trading.cli.Cli.execute(new Failing(), verbose ? new String[] {"--verbose"} : new String[0]);
                } finally {
                    System.setErr(old);
                }
            }
            String text = err.toString(java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(1, code, text);
            assertTrue(text.startsWith("error: unexpected ArithmeticException: overflow for postgresql://u:***@h/db"), text);
            assertFalse(text.contains("Hunter2"), text);
            assertEquals(verbose, text.contains("\tat "), "a stack trace only with --verbose: " + text);
        }
    }

    @picocli.CommandLine.Command(name = "failing")
    static final class Failing implements java.util.concurrent.Callable<Integer> {
        @picocli.CommandLine.Mixin trading.cli.GlobalOptions global;

        @Override
        public Integer call() {
            throw new ArithmeticException("overflow for postgresql://u:Hunter2@h/db");
        }
    }

    @Test
    void authenticationFailuresAskForCredentialsNotWhetherTheServerRuns() throws Exception {
        Commands.Result wrong = Commands.run("status", "--url", "postgresql://" + USER + ":wrong@" + hostPort + "/trading_db");
        assertEquals(5, wrong.exitCode(), wrong.toString());
        assertTrue(wrong.err().contains("Check the user name and password"), wrong.err());
        assertFalse(wrong.err().contains("Is the server running"), wrong.err());

        Path noPgpass = dir.resolve("no-pgpass");
        Commands.Result none = Commands.spawn(Map.of("PGPASSFILE", noPgpass.toString()), "status",
                "--url", "postgresql://" + USER + "@" + hostPort + "/trading_db");
        assertEquals(5, none.exitCode(), none.toString());
        assertTrue(none.err().contains("no password was provided") || none.err().contains("no password supplied"), none.err());
        assertTrue(none.err().contains("Check the user name and password"), none.err());
        assertFalse(none.err().contains("Is the server running"), none.err());

        Commands.Result refused = Commands.run("status", "--url", "postgresql://" + USER + "@127.0.0.1:1/trading_db");
        assertEquals(5, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("Is the server running"), refused.err());
        assertFalse(refused.err().contains("Check the user name and password"), refused.err());
    }

    private static void assertNoPassword(Commands.Result r) {
        assertFalse(r.all().contains(PASSWORD), "password printed:\n" + r);
        assertFalse(r.all().contains(ENCODED), "encoded password printed:\n" + r);
        assertFalse(r.all().contains("w%rd"), "part of the password printed:\n" + r);
    }
}
