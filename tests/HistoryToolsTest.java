import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Out-of-order files, --validate, --repair, --baseline, and status showing every state. */
class HistoryToolsTest {
    @TempDir Path dir;
    MigrationFolder folder;
    String url;

    @BeforeEach
    void setUp() {
        folder = new MigrationFolder(dir).add("001_base.sql", "CREATE TABLE base (id int);");
        url = TestPostgres.get().newDatabase("history");
    }

    private Commands.Result run(String script, String... extra) {
        return Commands.runOn(url, dir, script, extra);
    }

    @Test
    void outOfOrderFilesAreRefusedAndListedUnlessAllowed() {
        folder.add("003_c.sql", "CREATE TABLE c (id int);");
        assertEquals(0, run("migrate").exitCode());
        folder.add("002_b.sql", "CREATE TABLE b (id int);").add("004_d.sql", "CREATE TABLE d (id int);");
        Commands.Result refused = run("migrate");
        assertEquals(3, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("002_b is out of order"), refused.err());
        assertTrue(refused.err().contains("--out-of-order"), refused.err());
        assertEquals(List.of("001_base", "003_c"), Db.history(url), "nothing applied, not even 004");

        Commands.Result allowed = run("migrate", "--out-of-order");
        assertEquals(0, allowed.exitCode(), allowed.toString());
        assertEquals(List.of("001_base", "003_c", "002_b", "004_d"), Db.history(url));
    }

    @Test
    void statusShowsEveryStateAndCheckExits3() {
        folder.add("002_modified.sql", "CREATE TABLE m (id int);")
                .add("003_missing.sql", "CREATE TABLE gone (id int);")
                .add("005_failed.sql", "-- Transaction: none\nCREATE INDEX CONCURRENTLY idx_x ON nowhere (id);");
        assertEquals(0, run("migrate", "--validate").exitCode(), "valid before anything is applied");
        run("migrate");
        folder.add("002_modified.sql", "CREATE TABLE m (id bigint);")
                .delete("003_missing.sql")
                .add("004_out_of_order.sql", "SELECT 1;")
                .add("006_pending.sql", "SELECT 1;");
        Commands.Result json = run("status", "--json");
        assertEquals(0, json.exitCode(), json.toString());
        for (String state : new String[] {"applied", "pending", "failed", "modified", "missing", "out_of_order"}) {
            assertTrue(json.out().contains("\"state\" : \"" + state + "\""), state + " in " + json.out());
        }
        assertTrue(json.out().contains("\"recorded_checksum\""), json.out());
        Commands.Result table = run("status");
        assertTrue(table.out().contains("003_missing") && table.out().contains("missing"), table.out());
        assertEquals(3, run("status", "--check").exitCode());

        Commands.Result validate = run("migrate", "--validate");
        assertEquals(3, validate.exitCode(), validate.toString());
        assertTrue(validate.out().contains("002_modified.sql was modified"), validate.out());
        assertTrue(validate.out().contains("003_missing was applied, but its file is missing"), validate.out());
        assertTrue(validate.out().contains("005_failed failed part-way"), validate.out());
        assertTrue(validate.out().contains("004_out_of_order is out of order"), validate.out());
    }

    @Test
    void repairRealignsChecksumsRemovesFailedAndMissingRowsAndListsEachChange() {
        folder.add("002_modified.sql", "CREATE TABLE m (id int);")
                .add("003_missing.sql", "CREATE TABLE gone (id int);")
                .add("004_failed.sql", "-- Transaction: none\nCREATE INDEX CONCURRENTLY idx_x ON nowhere (id);");
        run("migrate");
        folder.add("002_modified.sql", "-- only a comment added\nCREATE TABLE m (id int);").delete("003_missing.sql")
                .delete("004_failed.sql");
        Commands.Result repair = run("migrate", "--repair");
        assertEquals(0, repair.exitCode(), repair.toString());
        assertTrue(repair.out().contains("002_modified: checksum "), repair.out());
        assertTrue(repair.out().contains("003_missing: removed the row of the missing file"), repair.out());
        assertTrue(repair.out().contains("004_failed: removed the failed row"), repair.out());
        assertTrue(repair.out().contains("Repaired 3 rows"), repair.out());
        assertEquals(List.of("001_base", "002_modified"), Db.history(url));
        assertEquals(0, run("status", "--check").exitCode());
        assertTrue(run("migrate", "--repair").out().contains("Nothing to repair"));
    }

    @Test
    void baselineMarksAnExistingSchemaAsMigrated() {
        Db.execute(url, "CREATE TABLE base (id int); CREATE TABLE b (id int);");
        folder.add("002_b.sql", "CREATE TABLE b (id int);").add("003_c.sql", "CREATE TABLE c (id int);");
        Commands.Result baseline = run("migrate", "--baseline", "002_b");
        assertEquals(0, baseline.exitCode(), baseline.toString());
        assertTrue(baseline.out().contains("recorded 2 migrations, up to 002_b"), baseline.out());
        Commands.Result migrate = run("migrate");
        assertEquals(0, migrate.exitCode(), migrate.toString());
        assertEquals(List.of("001_base", "002_b", "003_c"), Db.history(url));

        Commands.Result again = run("migrate", "--baseline", "3");
        assertEquals(2, again.exitCode(), again.toString());
        assertTrue(again.err().contains("already has 3 rows"), again.err());
    }

    @Test
    void baselineOfAnUnknownVersionIsAUsageError() {
        Commands.Result r = run("migrate", "--baseline", "042_nope");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("--baseline 042_nope: no such migration"), r.err());
    }

    @Test
    void aRenamedFileIsRecordedAsRenamedAndNeverRunsTwice() throws Exception {
        String sql = "CREATE TABLE IF NOT EXISTS t(i int);\nINSERT INTO t VALUES (1);";
        folder.add("010_a.sql", sql);
        assertEquals(0, run("migrate").exitCode());
        folder.delete("010_a.sql").add("010_b.sql", sql);

        for (String[] refusing : new String[][] {{"migrate"}, {"migrate", "--validate"}, {"migrate", "--dry-run"}}) {
            Commands.Result r = run("migrate", Arrays.copyOfRange(refusing, 1, refusing.length));
            assertEquals(3, r.exitCode(), r.toString());
            assertTrue(r.all().contains("010_b.sql looks like the applied migration 010_a renamed"), r.toString());
            assertTrue(r.all().contains("migrate --repair"), r.toString());
        }
        Commands.Result status = run("status");
        assertTrue(status.out().contains("010_b looks like 010_a renamed"), status.out());
        JsonNode json = new ObjectMapper().readTree(run("status", "--json").out());
        assertTrue(json.toString().contains("\"renamed_from\":\"010_a\""), json.toString());

        Commands.Result repair = run("migrate", "--repair");
        assertEquals(0, repair.exitCode(), repair.toString());
        assertTrue(repair.out().contains("renamed 010_a -> 010_b"), repair.out());
        assertEquals(List.of("001_base", "010_b"), Db.history(url));
        Commands.Result again = run("migrate");
        assertEquals(0, again.exitCode(), again.toString());
        assertEquals(1, Db.count(url, "SELECT count(*) FROM t"), "the same SQL did not run twice");
        assertEquals("b", Db.scalar(url, "SELECT name FROM schema_migrations WHERE version = '010_b'"),
                "the recorded name follows the file");
    }

    @Test
    void aFileWithTheContentOfAMissingOneUnderAnotherNumberIsFlagged() {
        String sql = "CREATE TABLE IF NOT EXISTS t(i int);\nINSERT INTO t VALUES (1);";
        folder.add("010_a.sql", sql);
        assertEquals(0, run("migrate").exitCode());
        folder.delete("010_a.sql").add("011_a.sql", sql);
        Commands.Result r = run("migrate");
        assertEquals(3, r.exitCode(), r.toString());
        assertTrue(r.err().contains("011_a.sql has the same content as the applied migration 010_a"), r.err());
        assertTrue(r.err().contains("give it back the number 010 (010_a.sql)"), r.err());
        assertEquals(1, Db.count(url, "SELECT count(*) FROM t"));
    }
}
