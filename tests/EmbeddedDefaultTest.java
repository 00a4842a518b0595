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
        assertEquals(1, migrate.err().lines().count(), "one line on stderr: " + migrate.err());

        Commands.Result status = Commands.spawnIn(env(), Path.of(System.getProperty("java.io.tmpdir")), "status", "--json");
        assertEquals(0, status.exitCode(), status.toString());
        assertTrue(status.out().contains("\"applied_count\" : 2"), status.out());
        assertTrue(status.out().contains("\"pending_count\" : 0"), status.out());
    }

    @Test
    void aSecondCommandIsToldTheDatabaseIsInUse() throws Exception {
        Files.writeString(slowMigrations.resolve("001_slow.sql"), "SELECT pg_sleep(6);\n");
        Process first = Commands.start(env(), Commands.ROOT, "migrate", "--migrations", slowMigrations.toString());
        waitForServer();
        Commands.Result second = Commands.spawn(env(), "status");
        assertEquals(5, second.exitCode(), second.toString());
        assertTrue(second.err().contains("is in use by another trading-db command"), second.err());
        assertTrue(!second.err().contains("Exception"), "no stack trace: " + second.err());
        Commands.Result firstResult = Commands.finish(first, 60);
        assertEquals(0, firstResult.exitCode(), firstResult.toString());
    }

    @Test
    void aKilledCommandLeavesNothingThatStopsTheNext() throws Exception {
        Files.writeString(slowMigrations.resolve("001_slow.sql"), "CREATE TABLE half_done (id int);\nSELECT pg_sleep(30);\n");
        Process victim = Commands.start(env(), Commands.ROOT, "migrate", "--migrations", slowMigrations.toString());
        waitForServer();
        TimeUnit.MILLISECONDS.sleep(1500);
        victim.destroyForcibly().waitFor();

        Commands.Result after = Commands.spawn(env(), "status", "--json", "--migrations", slowMigrations.toString());
        assertEquals(0, after.exitCode(), after.toString());
        assertTrue(after.out().contains("\"state\" : \"pending\""), "the killed migration left no trace: " + after.out());
    }

    private void waitForServer() throws InterruptedException {
        Path pid = home.resolve("pgdata/postmaster.pid");
        for (int i = 0; i < 300 && !Files.exists(pid); i++) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
        assertTrue(Files.exists(pid), "the embedded server did not start");
        TimeUnit.MILLISECONDS.sleep(500);
    }
}
