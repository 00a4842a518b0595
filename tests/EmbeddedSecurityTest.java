import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import trading.db.EmbeddedDatabase;

/**
 * The embedded default is a database of this user only: a random password, password
 * logins from this machine only, no Unix socket, durable settings; old data folders are
 * upgraded in place; and no path from the environment or .env reaches a shell.
 */
class EmbeddedSecurityTest {
    @TempDir Path home;

    @Test
    void onlyTheToolkitWithItsPasswordGetsIn() throws Exception {
        Path data = home.resolve("pgdata");
        try (EmbeddedDatabase db = EmbeddedDatabase.start(data)) {
            int port = Integer.parseInt(db.url().firstPort());
            Path passwordFile = home.resolve("secrets/postgres-password");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile.getParent())));
            String password = Files.readString(passwordFile).strip();
            assertTrue(password.length() >= 32, "a long random password");

            assertRefused(port, null);
            assertRefused(port, "wrong");
            try (Connection c = connect(port, password); Statement s = c.createStatement()) {
                assertEquals(List.of("on", "on", "on", ""), settings(s, "synchronous_commit", "fsync", "full_page_writes",
                        "unix_socket_directories"));
                assertEquals("host all postgres 127.0.0.1/32 scram-sha-256|host all postgres ::1/128 scram-sha-256",
                        scalar(s, "SELECT string_agg(concat_ws(' ', type, array_to_string(database, ','),"
                                + " array_to_string(user_name, ','), address || '/' || masklen(netmask::inet),"
                                + " auth_method), '|' ORDER BY line_number) FROM pg_hba_file_rules"));
                assertEquals("SCRAM-SHA-256", scalar(s, "SELECT left(rolpassword, 13) FROM pg_authid WHERE rolname = 'postgres'"));
            }
            assertFalse(Files.exists(Path.of("/tmp/.s.PGSQL." + port)), "no socket in /tmp");
            assertOtherAccountCannotLogIn(port);
        }
    }

    @Test
    void aDataFolderOfTheOldTrustSetupIsUpgradedInPlace() throws Exception {
        Path data = home.resolve("pgdata");
        // What earlier versions left behind: zonky's defaults, trust for everyone, data inside.
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).start();
             Connection c = old.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE trading_db");
        }
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).start();
             Connection c = old.getDatabase("postgres", "trading_db").getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')");
        }
        assertTrue(Files.readString(data.resolve("pg_hba.conf")).contains("trust"));

        try (EmbeddedDatabase db = EmbeddedDatabase.start(data)) {
            int port = Integer.parseInt(db.url().firstPort());
            String password = Files.readString(home.resolve("secrets/postgres-password")).strip();
            assertEquals(password, db.url().password());
            assertEquals("still here", Db.scalar(url(port, password), "SELECT v FROM kept"));
            waitUntilRefused(port);
            assertFalse(Files.readString(data.resolve("pg_hba.conf")).contains("trust"));
        }
        // The next start is an ordinary one, with the same password.
        try (EmbeddedDatabase db = EmbeddedDatabase.start(data)) {
            assertRefused(Integer.parseInt(db.url().firstPort()), null);
            int port = Integer.parseInt(db.url().firstPort());
            assertEquals("still here", Db.scalar(url(port, db.url().password()), "SELECT v FROM kept"));
        }
    }

    @Test
    void shellCharactersInTradingHomeAreRefusedBeforeAnythingRuns() {
        Path pwned = home.resolve("PWNED");
        String evil = home.resolve("h$(touch${IFS}" + pwned + ")").toString();
        Commands.Result r = Commands.spawn(Map.of("TRADING_HOME", evil, "TRADING_ROOT", Commands.ROOT.toString()), "status");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("TRADING_HOME (set in the environment)") && r.err().contains("contains '$'"), r.err());
        assertFalse(Files.exists(pwned), "the shell ran the command in TRADING_HOME");
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void tradingHomeInADotEnvIsIgnoredWithAWarning() throws Exception {
        // A toolkit folder of its own, so the embedded database this starts is a throwaway one.
        Path root = home.resolve("toolkit");
        Files.createDirectories(root.resolve("lib/trading/db"));
        Files.writeString(root.resolve("lib/trading/db/ToolkitHome.java"), "");
        Files.createDirectories(root.resolve("migrations"));
        Path project = Files.createDirectories(home.resolve("cloned"));
        Path pwned = home.resolve("PWNED");
        Files.writeString(project.resolve(".env"), "TRADING_HOME=" + home.resolve("h$(touch${IFS}" + pwned + ")") + "\n");

        Map<String, String> env = new java.util.HashMap<>();
        env.put("TRADING_ROOT", root.toString());
        env.put("TRADING_HOME", null);
        Commands.Result r = Commands.spawnIn(env, project, "status");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.err().contains("warning: ignoring TRADING_HOME in " + project.resolve(".env")), r.err());
        assertTrue(r.err().contains("embedded PostgreSQL in " + root.resolve(".trading/pgdata")), r.err());
        assertFalse(Files.exists(pwned), "the shell ran the command in .env");
    }

    private static String url(int port, String password) {
        return "postgresql://postgres:" + password + "@127.0.0.1:" + port + "/trading_db";
    }

    private static Connection connect(int port, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        if (password != null) {
            p.setProperty("password", password);
        }
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/trading_db", p);
    }

    private static void assertRefused(int port, String password) {
        SQLException e = assertThrows(SQLException.class, () -> connect(port, password).close(),
                "connected without the password: " + password);
        assertTrue(e.getMessage().contains("password"), e.getMessage());
    }

    /** The upgrade reloads pg_hba.conf; the postmaster applies it a moment later. */
    private static void waitUntilRefused(int port) throws Exception {
        for (int i = 0; i < 50; i++) {
            try (Connection c = connect(port, null)) {
                TimeUnit.MILLISECONDS.sleep(100);
            } catch (SQLException e) {
                assertRefused(port, null);
                return;
            }
        }
        throw new AssertionError("the upgraded server still lets anyone in without a password");
    }

    /** Another local account, through psql: possible only when the tests run as root. */
    private static void assertOtherAccountCannotLogIn(int port) throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root || !Files.isExecutable(Path.of("/usr/sbin/runuser")) || !Files.isExecutable(Path.of("/usr/bin/psql"))) {
            return;
        }
        Process p = new ProcessBuilder("/usr/sbin/runuser", "-u", "nobody", "--", "/usr/bin/psql", "-w", "-h", "127.0.0.1",
                "-p", String.valueOf(port), "-U", "postgres", "-d", "trading_db", "-c", "SELECT 1")
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertNotEquals(0, p.exitValue(), output);
        assertTrue(output.contains("password"), output);
    }

    private static List<String> settings(Statement s, String... names) throws SQLException {
        List<String> values = new java.util.ArrayList<>();
        for (String name : names) {
            values.add(scalar(s, "SELECT current_setting('" + name + "')"));
        }
        return values;
    }

    private static String scalar(Statement s, String sql) throws SQLException {
        try (var r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }
}
