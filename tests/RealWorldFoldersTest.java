import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What real migration folders do every day: load a pg_dump as migration 1, change
 * search_path, keep empty files, revert a concurrent index outside a transaction, and
 * roll everything back.
 */
class RealWorldFoldersTest {
    @TempDir Path dir;
    MigrationFolder folder;
    String url;

    @BeforeEach
    void setUp() {
        folder = new MigrationFolder(dir);
        url = TestPostgres.get().newDatabase("realworld");
    }

    private Commands.Result migrate(String... extra) {
        return Commands.runOn(url, dir, "migrate", extra);
    }

    @Test
    void aFirstMigrationThatEmptiesTheSearchPathApplies() {
        folder.add("1_x.sql", "SELECT pg_catalog.set_config('search_path', '', false);\nCREATE TABLE public.t (id int);\n");
        Commands.Result r = migrate();
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(List.of("1_x"), Db.history(url));
    }

    @Test
    void aSearchPathSetByOneFileDoesNotLeakIntoTheNext() {
        folder.add("1_app.sql", "CREATE SCHEMA app;\nSET search_path TO app, public;\n")
                .add("2_t.sql", "CREATE TABLE t (id int);\n");
        assertEquals(0, migrate().exitCode());
        assertEquals("public", Db.scalar(url, "SELECT schemaname FROM pg_tables WHERE tablename = 't'"));
        assertEquals(List.of("1_app", "2_t"), Db.history(url));
        assertEquals("f", Db.scalar(url, "SELECT to_regclass('app.schema_migrations') IS NOT NULL"));
    }

    @Test
    void thisProjectsOwnSchemaDumpedWithPgDumpAppliesAsMigrationOneLikePsqlApplies() throws Exception {
        assumeTrue(onPath("psql"), "psql is not installed: nothing to compare with");
        String sql = Files.readString(Commands.ROOT.resolve("tests/fixtures/project-schema.pg_dump.sql"));
        folder.add("1_baseline.sql", sql);
        Commands.Result r = migrate();
        assertEquals(0, r.exitCode(), r.toString());

        String byPsql = TestPostgres.get().newDatabase("realworld_psql");
        Commands.Result psql = psql(byPsql, Commands.ROOT.resolve("tests/fixtures/project-schema.pg_dump.sql"));
        assertEquals(0, psql.exitCode(), psql.toString());
        assertEquals(withoutHistory(Db.catalog(byPsql)), withoutHistory(Db.catalog(url)));
    }

    @Test
    void emptyAndCommentOnlyFilesAreNoOpsThatAreRecordedAndGuarded() {
        folder.add("001_base.sql", "CREATE TABLE base (id int);\n")
                .add("002_empty.sql", "")
                .add("003_comments.sql", "-- Description: only for other databases\n/* nothing on PostgreSQL */\n")
                .add("003_comments.down.sql", "")
                .add("002_empty.down.sql", "-- nothing to revert\n");
        Commands.Result dryRun = migrate("--dry-run");
        assertEquals(0, dryRun.exitCode(), dryRun.toString());
        assertTrue(dryRun.out().contains("002_empty (no-op"), dryRun.out());
        Commands.Result r = migrate();
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("no-op"), r.out());
        assertEquals(List.of("001_base", "002_empty", "003_comments"), Db.history(url));

        folder.add("002_empty.sql", "SELECT 1;\n");
        assertEquals(3, migrate().exitCode(), "an empty applied file is guarded by its checksum like any other");
        folder.add("002_empty.sql", "");

        Commands.Result rollback = migrate("--rollback", "--steps", "2");
        assertEquals(0, rollback.exitCode(), rollback.toString());
        assertTrue(rollback.out().contains("no-op (empty down script"), rollback.out());
        assertEquals(List.of("001_base"), Db.history(url));
    }

    @Test
    void aDownScriptWithoutTransactionDropsAConcurrentIndexConcurrently() {
        folder.add("001_base.sql", "CREATE TABLE base (id int);\n")
                .add("001_base.down.sql", "DROP TABLE base;\n")
                .add("002_index.sql", "-- Transaction: none\nCREATE INDEX CONCURRENTLY base_id ON base (id);\n")
                .add("002_index.down.sql", "-- Transaction: none\nDROP INDEX CONCURRENTLY base_id;\n")
                .add("003_more.sql", "CREATE TABLE more (id int);\n")
                .add("003_more.down.sql", "DROP TABLE more;\n");
        assertEquals(0, migrate().exitCode());
        Commands.Result r = migrate("--rollback", "--all");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(List.of(), Db.history(url));
        assertEquals("f", Db.scalar(url, "SELECT to_regclass('base') IS NOT NULL"));
        assertEquals(0, migrate().exitCode(), "everything applies again");
        assertEquals(3, Db.history(url).size());
    }

    @Test
    void aFailingNonTransactionalDownScriptIsRecordedAsFailedAndKeepsWhatCommittedBeforeIt() {
        folder.add("001_base.sql", "CREATE TABLE base (id int);\n")
                .add("002_index.sql", "-- Transaction: none\nCREATE INDEX CONCURRENTLY base_id ON base (id);\n")
                .add("002_index.down.sql", "-- Transaction: none\nDROP INDEX CONCURRENTLY no_such_index;\n")
                .add("003_more.sql", "CREATE TABLE more (id int);\n")
                .add("003_more.down.sql", "DROP TABLE more;\n");
        assertEquals(0, migrate().exitCode());
        Commands.Result r = migrate("--rollback", "--to", "1");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.out().contains("stay reverted: 003_more"), r.out());
        assertTrue(r.err().contains("002_index.down.sql:2: ERROR 42704"), r.err());
        assertTrue(r.err().contains("recorded as FAILED"), r.err());
        assertEquals(List.of("001_base", "002_index (failed)"), Db.history(url));
        assertEquals("f", Db.scalar(url, "SELECT to_regclass('more') IS NOT NULL"));
    }

    @Test
    void toZeroRollsEverythingBack() {
        folder.add("001_a.sql", "CREATE TABLE a (id int);\n").add("001_a.down.sql", "DROP TABLE a;\n")
                .add("002_b.sql", "CREATE TABLE b (id int);\n").add("002_b.down.sql", "DROP TABLE b;\n");
        assertEquals(0, migrate().exitCode());
        Commands.Result r = migrate("--rollback", "--to", "0");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(List.of(), Db.history(url));
        Commands.Result both = migrate("--rollback", "--all", "--steps", "1");
        assertEquals(2, both.exitCode(), both.toString());
    }

    @Test
    void fileNamesThatDoNotFitSayWhyAndWhatToDo() {
        folder.add("000001_x.up.sql", "SELECT 1;\n").add("0002_1.7.0_schema.sql", "SELECT 1;\n");
        Commands.Result r = migrate();
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("000001_x.up.sql") && r.err().contains("drop `.up`"), r.err());
        assertTrue(r.err().contains("0002_1.7.0_schema.sql") && r.err().contains("dot"), r.err());
    }

    private static String withoutHistory(String catalog) {
        return Arrays.stream(catalog.split("\n")).filter(line -> !line.contains("schema_migrations"))
                .collect(Collectors.joining("\n"));
    }

    private static boolean onPath(String command) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(d -> Files.isExecutable(Path.of(d, command)));
    }

    /** psql applying {@code file} in one transaction, as the reference to compare with. */
    private static Commands.Result psql(String url, Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("psql", "--no-psqlrc", "-v", "ON_ERROR_STOP=1", "-1", "-q", "-f",
                file.toString(), "-d", url).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes());
        return new Commands.Result(p.waitFor(), out, "");
    }
}
