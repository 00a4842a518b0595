import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --dry-run executes nothing; --rehearse executes for real, reports each file, and leaves no trace. */
class DryRunRehearseTest {
    @TempDir Path dir;
    MigrationFolder folder;
    String url;

    @BeforeEach
    void setUp() {
        folder = new MigrationFolder(dir).withProjectMigrations();
        url = TestPostgres.get().newDatabase("rehearse");
        assertEquals(0, migrate().exitCode());
    }

    private Commands.Result migrate(String... extra) {
        return Commands.runOn(url, dir, "migrate", extra);
    }

    private String state() {
        StringBuilder s = new StringBuilder(Db.catalog(url));
        for (String table : new String[] {"recommendations", "reco_targets", "option_ideas", "option_targets",
            "schema_migrations"}) {
            s.append('\n').append(table).append(' ').append(Db.contentChecksum(url,
                    table.equals("schema_migrations") ? "(SELECT version, checksum, success FROM schema_migrations)" : table));
        }
        return s.toString();
    }

    @Test
    void dryRunPrintsThePlanAndItsSqlAndExecutesNothing() throws Exception {
        folder.add("010_watchlists.sql", "-- Description: Watchlists\nCREATE TABLE watchlists (name text);")
                .add("011_index.sql", "-- Transaction: none\nCREATE INDEX CONCURRENTLY idx_w ON watchlists (name);");
        String before = state();
        Commands.Result r = migrate("--dry-run");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().indexOf("-- 010_watchlists") < r.out().indexOf("-- 011_index"), r.out());
        assertTrue(r.out().contains("CREATE TABLE watchlists (name text);"), r.out());
        assertTrue(r.out().contains("would record: version 010_watchlists, name 'Watchlists', checksum "), r.out());
        assertTrue(r.out().contains("Nothing was executed"), r.out());
        assertEquals(before, state());

        JsonNode plan = new ObjectMapper().readTree(migrate("--dry-run", "--json").out());
        assertEquals("010_watchlists", plan.get("pending").get(0).get("version").asText());
        assertEquals("Watchlists", plan.get("pending").get(0).get("name").asText());
        assertEquals(64, plan.get("pending").get(0).get("checksum").asText().length());
        assertEquals("none", plan.get("pending").get(1).get("transaction").asText());
        assertTrue(plan.get("pending").get(1).get("sql").asText().contains("CONCURRENTLY"));
        assertEquals(before, state());
    }

    @Test
    void rehearsalCatchesAMigrationThatFailsOnRealDataAndChangesNothing() {
        folder.add("010_ok.sql", "ALTER TABLE recommendations ADD COLUMN analyst_id int;\n"
                        + "UPDATE recommendations SET analyst_id = 7;")
                .add("011_fails_on_data.sql", "-- Description: every entry price is above 1000\n"
                        + "ALTER TABLE recommendations\n    ADD CONSTRAINT big_prices CHECK (entry_price > 1000);")
                .add("012_later.sql", "CREATE TABLE later (id int);")
                .add("013_index.sql", "-- Transaction: none\nCREATE INDEX CONCURRENTLY idx_later ON later (id);");
        String before = state();
        Commands.Result r = migrate("--rehearse");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.out().contains("010_ok") && r.out().contains("ok ("), r.out());
        assertTrue(r.out().contains("011_fails_on_data.sql:2: ERROR 23514"), r.out());
        assertTrue(r.out().contains("big_prices"), r.out());
        assertTrue(r.out().contains("013_index") && r.out().contains("not rehearsable"), r.out());
        assertTrue(r.out().contains("3 of 4 pending migrations would apply, 1 would FAIL"), r.out());
        assertEquals(before, state(), "same catalog, same rows, same history");
    }

    @Test
    void aCleanRehearsalExitsZeroAndChangesNothing() {
        folder.add("010_ok.sql", "CREATE TABLE watchlists (name text);\nINSERT INTO watchlists VALUES ('tech');");
        String before = state();
        Commands.Result r = migrate("--rehearse");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("1 of 1 pending migrations would apply"), r.out());
        assertEquals(before, state());
    }

    @Test
    void aRehearsalOfFilesThatEndTheTransactionChangesNothing() {
        folder.add("010_empty_targets.sql", "DELETE FROM reco_targets;");
        String before = state();
        for (String ending : new String[] {"COMMIT;", "ROLLBACK;", "END;", "commit and chain;"}) {
            folder.add("011_ends.sql", "CREATE TABLE reh(i int);\n" + ending + "\nCREATE TABLE reh2(i int);");
            Commands.Result r = migrate("--rehearse");
            assertEquals(2, r.exitCode(), r.toString());
            assertTrue(r.err().contains("011_ends.sql:2: '" + ending + "' is transaction control"), r.err());
            assertEquals(before, state(), ending + ": reco_targets still full, no table reh, no history row for 010");
        }
        assertTrue(Db.count(url, "SELECT count(*) FROM reco_targets") > 0);
    }

    @Test
    void routinesThatCommitCannotEscapeTheRehearsal() {
        folder.add("010_empty_targets.sql", "DELETE FROM reco_targets;")
                .add("011_procedure.sql", "CREATE PROCEDURE sneaky() LANGUAGE plpgsql AS $$\nBEGIN\n"
                        + "    DELETE FROM option_targets;\n    COMMIT;\nEND\n$$;\nCALL sneaky();")
                .add("012_do.sql", "DO $$\nBEGIN\n    DELETE FROM option_ideas;\n    COMMIT;\nEND\n$$;")
                .add("013_after.sql", "CREATE TABLE after_all (i int);");
        String before = state();
        Commands.Result r = migrate("--rehearse");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.out().contains("011_procedure.sql:7: ERROR 2D000"), r.out());
        assertTrue(r.out().contains("012_do.sql:1: ERROR 2D000"), r.out());
        assertTrue(r.out().contains("2 of 4 pending migrations would apply, 2 would FAIL"), r.out());
        assertEquals(before, state(), "same catalog, same rows, same history");
    }

    @Test
    void aRehearsalRunsTheChecksThatOnlyCommitWouldRun() {
        folder.add("010_deferred.sql", "CREATE TABLE d(id int UNIQUE DEFERRABLE INITIALLY DEFERRED);\n"
                        + "INSERT INTO d VALUES (1), (1);")
                .add("011_parents.sql", "CREATE TABLE p(id int PRIMARY KEY);\n"
                        + "CREATE TABLE c(pid int REFERENCES p DEFERRABLE INITIALLY DEFERRED);")
                .add("012_child_first.sql", "INSERT INTO c VALUES (5);\nINSERT INTO p VALUES (5);");
        String before = state();
        Commands.Result r = migrate("--rehearse");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.out().contains("010_deferred.sql:2: ERROR 23505"), r.out());
        assertTrue(r.out().contains("as COMMIT does"), r.out());
        assertTrue(r.out().contains("2 of 3 pending migrations would apply, 1 would FAIL"),
                "012 still sees its foreign key deferred\n" + r.out());
        assertEquals(before, state());

        folder.delete("010_deferred.sql");
        assertEquals(0, migrate().exitCode(), "the real run agrees that 011 and 012 apply");
    }
}
