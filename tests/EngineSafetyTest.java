import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a migration can do to the session that runs it, and the outcome the toolkit then
 * reports: the lock stays out of its reach, the toolkit's own statements run as the
 * connecting user in the history's own schema, every history write is checked, a failing
 * file runs once, and the outcome reported after any error is the one that happened.
 */
class EngineSafetyTest {
    @TempDir Path dir;
    MigrationFolder folder;
    String url;

    @BeforeEach
    void setUp() {
        folder = new MigrationFolder(dir).add("001_base.sql", "CREATE TABLE base (id int PRIMARY KEY);");
        url = TestPostgres.get().newDatabase("engine");
    }

    private Commands.Result migrate(String... extra) {
        return Commands.runOn(url, dir, "migrate", extra);
    }

    @Test
    void aMigrationCannotReleaseTheDeployLock() throws Exception {
        secondDeployWaitsWhileRunning("002_unlock.sql", "SELECT pg_advisory_unlock_all();\nSELECT pg_sleep(6);\n");
        assertEquals(List.of("001_base", "002_unlock"), Db.history(url));
    }

    @Test
    void discardAllInANonTransactionalFileDoesNotReleaseTheLockEither() throws Exception {
        secondDeployWaitsWhileRunning("002_discard.sql", "-- Transaction: none\nDISCARD ALL;\nSELECT pg_sleep(6);\n");
    }

    /** Runs {@code sql} in a deploy of its own and, while it sleeps, a second deploy that must time out on the lock. */
    private void secondDeployWaitsWhileRunning(String name, String sql) throws Exception {
        folder.add(name, sql);
        Process first = Commands.start(Map.of(), Commands.ROOT, "migrate", "--url", url, "--migrations", dir.toString());
        Poll.until(() -> Poll.running(url, "SELECT pg_sleep(6)") == 1);
        Commands.Result second = migrate("--lock-timeout", "2");
        assertEquals(4, second.exitCode(), "the second deploy must wait for the lock: " + second);
        assertEquals(0, Commands.finish(first, 120).exitCode());
    }

    @Test
    void aMigrationThatEndsTheLocksSessionIsNotCommitted() {
        folder.add("002_kill_the_lock.sql", "CREATE TABLE after_lock (id int);\n"
                + "SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND pid <> pg_backend_pid() AND application_name = 'trading-db migrate';\n");
        Commands.Result r = migrate();
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("no longer holds the migration lock"), r.err());
        assertEquals("f", Db.scalar(url, "SELECT to_regclass('after_lock') IS NOT NULL"));
        assertEquals(List.of("001_base"), Db.history(url));
    }

    @Test
    void theHistoryIsWrittenAsTheConnectingUserAfterSetRole() {
        // Roles belong to the whole server, which other runs may share: one name per run.
        String role = "engine_lowpriv_" + ProcessHandle.current().pid() + "_" + System.nanoTime() % 100_000;
        Db.execute(url, "CREATE ROLE " + role);
        Db.execute(url, "GRANT CREATE, USAGE ON SCHEMA public TO " + role);
        folder.add("002_as_lowpriv.sql", "SET ROLE " + role + ";\nCREATE TABLE owned_by_lowpriv (id int);\n")
                .add("003_next.sql", "CREATE TABLE owned_by_connecting_user (id int);\n");
        Commands.Result r = migrate();
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(List.of("001_base", "002_as_lowpriv", "003_next"), Db.history(url));
        assertEquals(role, Db.scalar(url, "SELECT tableowner FROM pg_tables WHERE tablename = 'owned_by_lowpriv'"));
        assertEquals(Db.scalar(url, "SELECT current_user"),
                Db.scalar(url, "SELECT tableowner FROM pg_tables WHERE tablename = 'owned_by_connecting_user'"),
                "a role set by one migration does not leak into the next");
    }

    @Test
    void aMigrationThatEmptiesTheSearchPathStillRecordsItselfAndTheNextOneStartsClean() {
        folder.add("002_dump_header.sql", "SELECT pg_catalog.set_config('search_path', '', false);\n"
                        + "CREATE TABLE public.from_dump (id int);\n")
                .add("003_app_schema.sql", "CREATE SCHEMA app;\nSET search_path TO app, public;\nCREATE TABLE in_app (id int);\n")
                .add("004_plain.sql", "CREATE TABLE plain (id int);\n");
        Commands.Result r = migrate();
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(List.of("001_base", "002_dump_header", "003_app_schema", "004_plain"), Db.history(url));
        assertEquals("app", Db.scalar(url, "SELECT schemaname FROM pg_tables WHERE tablename = 'in_app'"));
        assertEquals("public", Db.scalar(url, "SELECT schemaname FROM pg_tables WHERE tablename = 'plain'"));
        assertEquals("f", Db.scalar(url, "SELECT to_regclass('app.schema_migrations') IS NOT NULL"));
        assertEquals(0, migrate().exitCode(), "a second run applies nothing");
        assertEquals(4, Db.history(url).size());
    }

    @Test
    void rehearsalAndRollbackRecordInTheHistorysOwnSchemaWhateverTheFilesSetTheSearchPathTo() {
        folder.add("002_gone.sql", "CREATE TABLE gone (id int);\n")
                .add("002_gone.down.sql", "SELECT pg_catalog.set_config('search_path', '', false);\nDROP TABLE public.gone;\n");
        assertEquals(0, migrate().exitCode());
        folder.add("003_next.sql", "SELECT pg_catalog.set_config('search_path', '', false);\nCREATE TABLE public.next (id int);\n");
        Commands.Result rehearsal = migrate("--rehearse");
        assertEquals(0, rehearsal.exitCode(), rehearsal.toString());
        assertEquals(List.of("001_base", "002_gone"), Db.history(url), "the rehearsal left nothing behind");
        Commands.Result rollback = migrate("--rollback");
        assertEquals(0, rollback.exitCode(), rollback.toString());
        assertEquals(List.of("001_base"), Db.history(url));
        assertEquals("f", Db.scalar(url, "SELECT to_regclass('public.gone') IS NOT NULL"));
    }

    @Test
    void aCommittedMigrationWhoseConnectionBreaksIsReportedAsApplied() {
        // The driver closes its connection when client_encoding changes; the server has committed by then.
        folder.add("002_encoding.sql", "CREATE TABLE t (i int);\n"
                + "DO $$ BEGIN EXECUTE 'SET client_encoding = ''LATIN1'''; END $$;\n")
                .add("003_after.sql", "CREATE TABLE after_it (i int);\n");
        Commands.Result r = migrate();
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("COMMITTED"), r.err());
        assertTrue(r.out().contains("stay applied: 001_base, 002_encoding"), r.out());
        assertTrue(r.out().contains("Not started: 003_after"), r.out());
        assertEquals(List.of("001_base", "002_encoding"), Db.history(url));
        Commands.Result again = migrate();
        assertEquals(0, again.exitCode(), "not 'modified', not applied twice: " + again);
        assertEquals(List.of("001_base", "002_encoding", "003_after"), Db.history(url));
    }

    @Test
    void aFailedMigrationWhoseConnectionBreaksIsReportedAsNotApplied() {
        folder.add("002_killed.sql", "CREATE TABLE half (i int);\nSELECT pg_terminate_backend(pg_backend_pid());\n");
        Commands.Result r = migrate();
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("002_killed.sql:2: ERROR 57P01"), "the real error, not the failed ROLLBACK: " + r.err());
        assertTrue(r.err().contains("Nothing from this migration was applied"), r.err());
        assertEquals("f", Db.scalar(url, "SELECT to_regclass('half') IS NOT NULL"));
        assertEquals(List.of("001_base"), Db.history(url));
    }

    @Test
    void copyFromStdinShowsItsOwnErrorNotAClosedConnection() {
        folder.add("002_copy.sql", "CREATE TABLE copied (i int);\nCOPY copied FROM STDIN;\n");
        Commands.Result r = migrate();
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("002_copy.sql:2: ERROR"), r.err());
        assertTrue(r.err().contains("COPY"), r.err());
        assertFalse(r.err().contains("has been closed"), r.err());
        assertEquals(List.of("001_base"), Db.history(url));
        assertEquals(0, Commands.runOn(url, dir, "status").exitCode(), "the database is still usable");
    }

    @Test
    void aRuleThatSwallowsHistoryWritesStopsTheRun() {
        assertEquals(0, migrate().exitCode());
        Db.execute(url, "CREATE RULE swallow AS ON INSERT TO schema_migrations DO INSTEAD NOTHING");
        folder.add("002_twice.sql", "CREATE TABLE IF NOT EXISTS twice (i int);\nINSERT INTO twice VALUES (1);\n");
        Commands.Result r = migrate();
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("002_twice.sql"), r.err());
        assertTrue(r.err().contains("rule"), r.err());
        assertEquals("f", Db.scalar(url, "SELECT to_regclass('twice') IS NOT NULL"), "rolled back with the failed write");
    }

    @Test
    void aRuleThatRedirectsHistoryWritesElsewhereStopsTheRun() {
        assertEquals(0, migrate().exitCode());
        Db.execute(url, "CREATE TABLE elsewhere (LIKE schema_migrations);"
                + " CREATE RULE redirect AS ON INSERT TO schema_migrations DO INSTEAD"
                + " INSERT INTO elsewhere VALUES (NEW.*) RETURNING elsewhere.*");
        folder.add("002_twice.sql", "CREATE TABLE twice (i int);\n");
        Commands.Result r = migrate();
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("did not leave the row it wrote"), r.err());
        assertEquals("f", Db.scalar(url, "SELECT to_regclass('twice') IS NOT NULL"));
        assertEquals("0", Db.scalar(url, "SELECT count(*) FROM elsewhere"));
    }

    @Test
    void aTriggerThatSwallowsHistoryWritesStopsTheRun() {
        assertEquals(0, migrate().exitCode());
        Db.execute(url, "CREATE FUNCTION swallow() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;"
                + " CREATE TRIGGER swallow BEFORE INSERT OR UPDATE OR DELETE ON schema_migrations"
                + " FOR EACH ROW EXECUTE FUNCTION swallow()");
        folder.add("002_twice.sql", "CREATE TABLE IF NOT EXISTS twice (i int);\nINSERT INTO twice VALUES (1);\n")
                .add("003_none.sql", "-- Transaction: none\nCREATE TABLE IF NOT EXISTS none_twice (i int);\n");
        for (int run = 0; run < 2; run++) {
            Commands.Result r = migrate();
            assertEquals(1, r.exitCode(), r.toString());
            assertTrue(r.err().contains("did not leave the row it wrote"), r.err());
        }
        assertEquals("f", Db.scalar(url, "SELECT to_regclass('twice') IS NOT NULL"));
        assertEquals(List.of("001_base"), Db.history(url));
    }

    @Test
    void aFailingMigrationRunsOnceAndItsLineIsExact() {
        folder.add("002_seq.sql", "CREATE SEQUENCE counter;\n")
                .add("003_fails.sql", "SELECT nextval('counter');\n"
                        + "INSERT INTO base VALUES (1);\n"
                        + "INSERT INTO base\n"
                        + "  SELECT id\n"
                        + "  FROM no_such_table;\n");
        Commands.Result r = migrate();
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("003_fails.sql:5: ERROR 42P01"), r.err());
        assertEquals("1", Db.scalar(url, "SELECT last_value FROM counter"), "the sequence advanced once: nothing ran twice");
        assertEquals("0", Db.scalar(url, "SELECT count(*) FROM base"));
    }

    @Test
    void aDeferredConstraintFailingAtCommitNamesTheFile() {
        folder.add("002_deferred.sql", "CREATE TABLE d (id int UNIQUE DEFERRABLE INITIALLY DEFERRED);\n"
                + "INSERT INTO d VALUES (1), (1);\n");
        Commands.Result r = migrate();
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("002_deferred.sql: ERROR 23505"), r.err());
        assertTrue(r.err().contains("at COMMIT"), r.err());
        assertTrue(r.err().contains("Nothing from this migration was applied"), r.err());
        assertTrue(r.out().contains("stay applied: 001_base"), r.out());
        assertEquals(List.of("001_base"), Db.history(url));
    }

    @Test
    void anotherToolsHistoryTableIsNeverAltered() {
        Db.execute(url, "CREATE TABLE schema_migrations (version bigint PRIMARY KEY, dirty boolean NOT NULL)");
        Db.execute(url, "INSERT INTO schema_migrations VALUES (20240101120000, false)");
        for (String script : List.of("status", "migrate")) {
            Commands.Result r = Commands.runOn(url, dir, script);
            assertEquals(3, r.exitCode(), r.toString());
            assertTrue(r.err().contains("golang-migrate"), r.err());
            assertTrue(r.err().contains("never changes a table it did not create"), r.err());
        }
        assertEquals(List.of("version", "dirty"), Db.column(url, "SELECT attname FROM pg_attribute"
                + " WHERE attrelid = 'schema_migrations'::regclass AND attnum > 0 ORDER BY attnum"));
        assertEquals("f", Db.scalar(url, "SELECT to_regclass('base') IS NOT NULL"));
    }

    @Test
    void theOriginalPythonRunnersHistoryIsUpgradedInPlace() {
        pythonRunnerHistory();

        Commands.Result status = Commands.runOn(url, dir, "status");
        assertEquals(0, status.exitCode(), status.toString());
        assertTrue(status.out().contains("001_base") && !status.out().contains("modified"), status.out());
        assertEquals(0, migrate("--validate").exitCode());

        Commands.Result r = migrate();
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("Upgraded"), r.out());
        assertTrue(r.out().contains("Nothing was re-applied"), r.out());
        assertEquals(List.of("001_base", "002_next"), Db.history(url));
        assertEquals("t", Db.scalar(url, "SELECT checksum IS NOT NULL FROM schema_migrations WHERE version = '001_base'"));
        Commands.Result again = migrate();
        assertEquals(0, again.exitCode(), again.toString());
        assertFalse(again.out().contains("Upgraded"), again.out());
    }

    @Test
    void aRehearsalLeavesThePythonRunnersHistoryAsItWas() {
        pythonRunnerHistory();
        Commands.Result r = migrate("--rehearse");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("0", Db.scalar(url, "SELECT count(*) FROM pg_attribute WHERE attrelid = 'schema_migrations'::regclass"
                + " AND attname = 'success'"), "not upgraded by a rehearsal");
        assertEquals("f", Db.scalar(url, "SELECT to_regclass('next') IS NOT NULL"));
    }

    /** The original Python runner's table with 001 recorded (no checksum), and 002 pending. */
    private void pythonRunnerHistory() {
        Db.execute(url, "CREATE TABLE schema_migrations (migration_id SERIAL PRIMARY KEY, version VARCHAR(255) NOT NULL"
                + " UNIQUE, name VARCHAR(255), applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, checksum VARCHAR(64),"
                + " execution_time_ms INTEGER)");
        Db.execute(url, "CREATE TABLE base (id int PRIMARY KEY);"
                + " INSERT INTO schema_migrations (version, name, execution_time_ms) VALUES ('001_base', 'base', 12)");
        folder.add("002_next.sql", "CREATE TABLE next (id int);\n");
    }

    @Test
    void sigtermCancelsTheRunningMigrationAndSaysWhatWasApplied() throws Exception {
        folder.add("002_quick.sql", "CREATE TABLE quick (id int);\n")
                .add("003_slow.sql", "CREATE TABLE slow (id int);\nSELECT pg_sleep(120);\n")
                .add("004_later.sql", "CREATE TABLE later (id int);\n");
        Process p = Commands.start(Map.of(), Commands.ROOT, "migrate", "--url", url, "--migrations", dir.toString());
        Poll.until(() -> Poll.running(url, "SELECT pg_sleep(120)") == 1);
        // SIGTERM through the handle: Process.destroy() would also close our end of its output.
        p.toHandle().destroy();
        Commands.Result r = Commands.finish(p, 60);
        assertTrue(r.out().contains("stay applied: 001_base, 002_quick"), r.toString());
        assertTrue(r.out().contains("Not started: 004_later"), r.toString());
        assertTrue(r.err().contains("003_slow.sql:2: ERROR 57014"), r.toString());
        assertTrue(r.err().contains("interrupted"), r.toString());
        assertEquals(0, Poll.running(url, "SELECT pg_sleep(120)"), "the statement was cancelled on the server");
        assertEquals("f", Db.scalar(url, "SELECT to_regclass('slow') IS NOT NULL"));
        assertEquals(List.of("001_base", "002_quick"), Db.history(url));
        Poll.until(() -> Db.advisoryLocks(url) == 0);
    }

    @Test
    void aNonTransactionalMigrationStillRunningIsShownAsRunningNotFailed() throws Exception {
        folder.add("002_slow_index.sql", "-- Transaction: none\nSELECT pg_sleep(4);\nCREATE INDEX CONCURRENTLY i ON base (id);\n");
        Process p = Commands.start(Map.of(), Commands.ROOT, "migrate", "--url", url, "--migrations", dir.toString());
        Poll.until(() -> Poll.running(url, "SELECT pg_sleep(4)") == 1);
        Commands.Result during = Commands.runOn(url, dir, "status", "--json");
        assertTrue(during.out().contains("\"state\" : \"running\""), during.out());
        assertFalse(during.out().contains("\"state\" : \"failed\""), during.out());
        assertEquals(0, Commands.finish(p, 120).exitCode());
        Commands.Result after = Commands.runOn(url, dir, "status", "--check");
        assertEquals(0, after.exitCode(), after.toString());
    }

    @Test
    void aMillionNoticesDoNotFillTheHeap() {
        folder.add("002_chatty.sql", "DO $$ BEGIN FOR i IN 1..1000000 LOOP RAISE NOTICE 'row %', i; END LOOP; END $$;\n");
        Commands.Result r = Commands.spawn(Map.of("JAVA_TOOL_OPTIONS", "-Xmx48m"), "migrate", "--url", url,
                "--migrations", dir.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(List.of("001_base", "002_chatty"), Db.history(url));
    }

    @Test
    void aDescriptionTheDatabaseCannotStoreNamesTheFileAndHeader() throws Exception {
        String latin1 = "engine_latin1_" + ProcessHandle.current().pid();
        try (Connection c = TestPostgres.get().connectAdmin(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + latin1);
            s.execute("CREATE DATABASE " + latin1 + " ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0");
        }
        folder.add("002_emoji.sql", "-- Description: rockets \uD83D\uDE80 everywhere\nCREATE TABLE rockets (id int);\n");
        String latin1Url = TestPostgres.get().urlFor(latin1);
        Commands.Result r = Commands.runOn(latin1Url, dir, "migrate");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("002_emoji.sql"), r.err());
        assertTrue(r.err().contains("Description"), r.err());
        assertEquals(List.of("001_base"), Db.history(latin1Url));
    }

    @Test
    void anOutOfRangeLockTimeoutIsAUsageError() {
        Commands.Result r = migrate("--lock-timeout", "9223372036854775807");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("--lock-timeout"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }
}
