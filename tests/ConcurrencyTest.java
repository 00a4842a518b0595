import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import trading.migrate.AdvisoryLock;

/**
 * Lock and DDL lock timeout, with real separate processes: concurrent deploys,
 * a holder that is named while we wait, a kill -9 in the middle of a migration, and a
 * migration that would queue behind a long transaction.
 */
class ConcurrencyTest {
    @TempDir Path dir;
    MigrationFolder folder;
    String url;

    @BeforeEach
    void setUp() {
        folder = new MigrationFolder(dir).add("001_base.sql", "CREATE TABLE base (id int PRIMARY KEY);");
        url = TestPostgres.get().newDatabase("lock");
    }

    @Test
    void eightProcessesAtOnceApplyEachMigrationExactlyOnce() throws Exception {
        for (int i = 2; i <= 6; i++) {
            folder.add(String.format("%03d_step.sql", i), "CREATE TABLE step_" + i + " (id int);\n"
                    + "INSERT INTO base VALUES (" + i + ");\nSELECT pg_sleep(0.05);\n");
        }
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            processes.add(Commands.start(Map.of(), Commands.ROOT, "migrate", "--url", url, "--migrations", dir.toString()));
        }
        for (Process p : processes) {
            Commands.Result r = Commands.finish(p, 120);
            assertEquals(0, r.exitCode(), r.toString());
        }
        assertEquals(List.of("001_base", "002_step", "003_step", "004_step", "005_step", "006_step"), Db.history(url));
        assertEquals("5", Db.scalar(url, "SELECT count(*) FROM base"), "each migration's insert ran once");
    }

    @Test
    void whileWaitingTheHolderIsNamedAndTheTimeoutExits4() throws Exception {
        try (Connection holder = TestPostgres.connect(url + "?ApplicationName=nightly-deploy");
             Statement s = holder.createStatement()) {
            s.execute("SELECT pg_advisory_lock(" + AdvisoryLock.KEY + ")");
            String pid = Db.scalar(url, "SELECT pid FROM pg_stat_activity WHERE application_name = 'nightly-deploy'");
            long start = System.nanoTime();
            Commands.Result r = Commands.run("migrate", "--url", url, "--migrations", dir.toString(), "--lock-timeout", "2");
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            assertEquals(4, r.exitCode(), r.toString());
            assertTrue(r.err().contains("Waiting for the migration lock"), r.err());
            assertTrue(r.err().contains("pid " + pid + " (application 'nightly-deploy', client "), r.err());
            assertTrue(r.err().contains("connected since"), r.err());
            assertTrue(r.err().contains("Gave up after 2 s (--lock-timeout)"), r.err());
            assertTrue(seconds < 30, "bounded wait, took " + seconds + " s");
            assertEquals(List.of(), Db.history(url));
        }
        Commands.Result after = Commands.run("migrate", "--url", url, "--migrations", dir.toString(), "--lock-timeout", "2");
        assertEquals(0, after.exitCode(), "the lock went with the holder's connection: " + after);
    }

    @Test
    void killNineMidMigrationLeavesNoPartialSchemaAndNoLock() throws Exception {
        folder.add("002_slow.sql", "CREATE TABLE partial (id int);\nSELECT pg_sleep(60);\n");
        Process victim = Commands.start(Map.of(), Commands.ROOT, "migrate", "--url", url, "--migrations", dir.toString());
        Poll.until(() -> Db.count(url, "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(60)%'") == 1);
        victim.destroyForcibly().waitFor();

        Poll.until(() -> Db.advisoryLocks(url) == 0);
        assertEquals("f", Db.scalar(url, "SELECT to_regclass('partial') IS NOT NULL"), "no partial schema");
        assertEquals(List.of("001_base"), Db.history(url));

        folder.add("002_slow.sql", "CREATE TABLE partial (id int);\n");
        Commands.Result next = Commands.run("migrate", "--url", url, "--migrations", dir.toString(), "--lock-timeout", "5");
        assertEquals(0, next.exitCode(), next.toString());
        assertEquals(List.of("001_base", "002_slow"), Db.history(url));
    }

    @Test
    void aMigrationThatWouldQueueBehindALongTransactionFailsFast() throws Exception {
        assertEquals(0, Commands.run("migrate", "--url", url, "--migrations", dir.toString()).exitCode());
        folder.add("002_alter.sql", "ALTER TABLE base ADD COLUMN note text;");
        try (Connection reader = TestPostgres.connect(url); Statement s = reader.createStatement()) {
            reader.setAutoCommit(false);
            s.execute("SELECT count(*) FROM base");
            long start = System.nanoTime();
            Commands.Result r = Commands.run("migrate", "--url", url, "--migrations", dir.toString(),
                    "--ddl-lock-timeout", "300ms");
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(1, r.exitCode(), r.toString());
            assertTrue(r.err().contains("002_alter.sql:1: ERROR 55P03"), r.err());
            assertTrue(r.err().contains("lock_timeout (--ddl-lock-timeout)"), r.err());
            assertTrue(r.err().contains("pg_stat_activity"), "says how to find the blocker: " + r.err());
            assertTrue(millis < 20_000, "failed fast, took " + millis + " ms");
            reader.rollback();
        }
        assertEquals(List.of("001_base"), Db.history(url));
        assertEquals(0, Commands.run("migrate", "--url", url, "--migrations", dir.toString()).exitCode());
        assertEquals("t", Db.scalar(url, "SELECT count(*) = 1 FROM pg_attribute WHERE attrelid = 'base'::regclass"
                + " AND attname = 'note'"));
    }
}
