import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default, as separate processes would meet it: data that outlives the
 * command, a clear message for a second command while one runs, and recovery after kill -9.
 */
class EmbeddedDefaultTest {
    @TempDir Path home;
    @TempDir Path slowMigrations;

    private Map<String, String> env() {
        return Map.of("TRADING_HOME", home.toString(), "TRADING_ROOT", Commands.ROOT.toString());
    }

    @Test
    void dataOutlivesTheCommandThatWroteIt() {
        Commands.Result migrate = Commands.spawn(env(), "migrate");
        assertEquals(0, migrate.exitCode(), migrate.toString());
        assertTrue(migrate.err().contains("embedded PostgreSQL in " + home.resolve("pgdata")), migrate.err());
        assertEquals(1, migrate.ownErr().lines().count(), "one line on stderr: " + migrate.err());

        Commands.Result status = Commands.spawnIn(env(), Path.of(System.getProperty("java.io.tmpdir")), "status", "--json");
        assertEquals(0, status.exitCode(), status.toString());
        assertTrue(status.out().contains("\"applied_count\" : 4"), status.out());
        assertTrue(status.out().contains("\"pending_count\" : 0"), status.out());
    }

    @Test
    void aSecondCommandIsToldTheDatabaseIsInUse() throws Exception {
        // The first command holds the embedded database until the test opens the gate.
        Files.writeString(slowMigrations.resolve("001_gate.sql"), "-- Transaction: none\n"
                + "CREATE TABLE gate (open boolean);\n"
                + "DO $$ BEGIN WHILE NOT EXISTS (SELECT 1 FROM gate) LOOP PERFORM pg_sleep(0.1); END LOOP; END $$;\n");
        Process first = Commands.start(env(), Commands.ROOT, "migrate", "--migrations", slowMigrations.toString());
        String url = waitForServer();
        for (int i = 0; i < 600 && !"t".equals(tryScalar(url, "SELECT to_regclass('gate') IS NOT NULL")); i++) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
        Commands.Result second = Commands.spawn(env(), "status");
        Db.execute(url, "INSERT INTO gate VALUES (true)");
        assertEquals(5, second.exitCode(), second.toString());
        assertTrue(second.err().contains("is in use by another trading-db command"), second.err());
        assertTrue(!second.err().contains("Exception"), "no stack trace: " + second.err());
        Commands.Result firstResult = Commands.finish(first, 60);
        assertEquals(0, firstResult.exitCode(), firstResult.toString());
    }

    private static String tryScalar(String url, String sql) {
        try {
            return Db.scalar(url, sql);
        } catch (IllegalStateException e) {
            return null;
        }
    }

    @Test
    void aKilledCommandLeavesNothingThatStopsTheNext() throws Exception {
        Files.writeString(slowMigrations.resolve("001_slow.sql"), "CREATE TABLE half_done (id int);\nSELECT pg_sleep(30);\n");
        Process victim = Commands.start(env(), Commands.ROOT, "migrate", "--migrations", slowMigrations.toString());
        String url = waitForServer();
        for (int i = 0; i < 300 && !"t".equals(tryScalar(url, "SELECT to_regclass('half_done') IS NULL AND EXISTS"
                + " (SELECT 1 FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(30)%')")); i++) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
        victim.destroyForcibly().waitFor();

        Commands.Result after = Commands.spawn(env(), "status", "--json", "--migrations", slowMigrations.toString());
        assertEquals(0, after.exitCode(), after.toString());
        assertTrue(after.out().contains("\"state\" : \"pending\""), "the killed migration left no trace: " + after.out());
    }

    /** Waits until the embedded server of {@code home} accepts connections; returns its URL. */
    private String waitForServer() throws Exception {
        Path pid = home.resolve("pgdata/postmaster.pid");
        for (int i = 0; i < 600; i++) {
            // initdb's bootstrap writes a postmaster.pid too, without a port line.
            java.util.List<String> lines = Files.exists(pid) ? Files.readAllLines(pid) : java.util.List.of();
            if (lines.size() > 3) {
                String url = "postgresql://postgres:" + Files.readString(home.resolve("secrets/postgres-password")).strip()
                        + "@localhost:" + lines.get(3).strip() + "/trading_db";
                if (tryScalar(url, "SELECT 1") != null) {
                    return url;
                }
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new AssertionError("the embedded server did not start");
    }
}
