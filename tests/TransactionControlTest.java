import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transaction control and driver-breaking settings in migration files and down scripts are
 * refused before anything runs (exit 2, file and line), without refusing the BEGIN of a
 * function body, the END of a CASE or a table named commit_log.
 */
class TransactionControlTest {
    @TempDir Path dir;
    MigrationFolder folder;
    String url;
    /** The project's own migrations, applied before each test. */
    List<String> projectHistory;

    @BeforeEach
    void setUp() {
        folder = new MigrationFolder(dir).withProjectMigrations();
        url = TestPostgres.get().newDatabase("txcontrol");
        assertEquals(0, migrate().exitCode());
        projectHistory = Db.history(url);
    }

    private Commands.Result migrate(String... extra) {
        return Commands.runOn(url, dir, "migrate", extra);
    }

    @Test
    void aCommitInTheMiddleOfAFileIsRefusedBeforeAnythingRuns() {
        folder.add("010_half.sql", "CREATE TABLE IF NOT EXISTS a(i int);\nINSERT INTO a VALUES (1);\nCOMMIT;\nSELECT 1/0;");
        for (int run = 0; run < 2; run++) {
            Commands.Result r = migrate();
            assertEquals(2, r.exitCode(), r.toString());
            assertTrue(r.err().contains("010_half.sql:3: 'COMMIT;' is transaction control"), r.err());
            assertTrue(r.err().contains("one transaction"), r.err());
            assertTrue(r.err().contains("-- Transaction: none"), r.err());
        }
        assertEquals("f", Db.scalar(url, "SELECT to_regclass('a') IS NOT NULL"), "nothing of the file ran");
        assertEquals(projectHistory, Db.history(url));
        assertEquals(2, migrate("--dry-run").exitCode(), "the dry run refuses it too");
    }

    @Test
    void aRollbackInAFileIsRefusedInsteadOfReportedOk() {
        folder.add("010_undo.sql", "CREATE TABLE kept(i int);\n  -- undo it\n  ROLLBACK;\nCREATE TABLE other(i int);");
        Commands.Result r = migrate();
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("010_undo.sql:3: 'ROLLBACK;' is transaction control"), r.err());
        assertEquals("f", Db.scalar(url, "SELECT to_regclass('kept') IS NOT NULL"));
    }

    @Test
    void everySpellingOfTransactionControlIsRefused() {
        List<String> refused = List.of("BEGIN;", "begin work;", "BEGIN ISOLATION LEVEL SERIALIZABLE;",
                "START TRANSACTION;", "commit;", "COMMIT AND CHAIN;", "end;", "END TRANSACTION;", "rollback work;",
                "ABORT;", "SAVEPOINT s;", "RELEASE SAVEPOINT s;", "release s;", "ROLLBACK TO SAVEPOINT s;",
                "rollback to s;", "PREPARE TRANSACTION 'x';", "COMMIT PREPARED 'x';", "ROLLBACK PREPARED 'x';",
                "/* a comment */ -- and another\n  Commit;", "COMMIT");
        for (String statement : refused) {
            folder.add("010_x.sql", "CREATE TABLE x(i int);\n" + statement + "\n");
            Commands.Result r = migrate();
            assertEquals(2, r.exitCode(), statement + "\n" + r);
            assertTrue(r.err().contains("010_x.sql:"), r.err());
            assertTrue(r.err().contains("is transaction control"), statement + "\n" + r.err());
        }
        assertEquals("f", Db.scalar(url, "SELECT to_regclass('x') IS NOT NULL"));
    }

    @Test
    void aTransactionNoneFileMayNotControlTransactionsEither() {
        folder.add("010_idx.sql", "-- Transaction: none\nCREATE TABLE ci(i int);\nBEGIN;\nCREATE INDEX ci_i ON ci(i);\nCOMMIT;");
        Commands.Result r = migrate();
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("010_idx.sql:3: 'BEGIN;'"), r.err());
        assertTrue(r.err().contains("010_idx.sql:5: 'COMMIT;'"), r.err());
        assertTrue(r.err().contains("already commits on its own"), r.err());
        assertEquals("f", Db.scalar(url, "SELECT to_regclass('ci') IS NOT NULL"));
    }

    @Test
    void aDownScriptWithCommitIsRefusedAndNothingIsRolledBack() {
        folder.add("010_d.sql", "CREATE TABLE d(i int);").add("010_d.down.sql", "DROP TABLE d; COMMIT;")
                .add("011_e.sql", "CREATE TABLE e(i int);").add("011_e.down.sql", "SELECT 1/0;");
        assertEquals(0, migrate().exitCode());
        Commands.Result r = migrate("--rollback", "--steps", "2");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("010_d.down.sql:1: 'DROP TABLE d; COMMIT;'")
                || r.err().contains("010_d.down.sql:1: 'COMMIT;'"), r.err());
        assertTrue(r.err().contains("one transaction"), r.err());
        assertEquals("t", Db.scalar(url, "SELECT to_regclass('d') IS NOT NULL"), "d was not dropped");
        assertEquals(projectHistory.size() + 2, Db.history(url).size());
    }

    @Test
    void beginEndAndCommitInsideOtherStatementsAreFine() {
        folder.add("010_fine.sql", """
                CREATE TABLE commit_log (id int, "end" text, begin_at timestamptz);
                DO $$
                BEGIN
                    INSERT INTO commit_log (id) VALUES (1);
                END
                $$;
                CREATE FUNCTION log_it() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    NEW."end" := CASE WHEN NEW.id > 0 THEN 'pos' ELSE 'neg' END;
                    RETURN NEW;
                END;
                $$;
                CREATE TRIGGER log_it BEFORE INSERT ON commit_log FOR EACH ROW EXECUTE FUNCTION log_it();
                CREATE FUNCTION twice(x int) RETURNS int LANGUAGE sql
                BEGIN ATOMIC
                    SELECT CASE WHEN x > 0 THEN x * 2 ELSE 0 END;
                END;
                PREPARE commit_plan AS SELECT 1;
                DEALLOCATE commit_plan;
                INSERT INTO commit_log (id) SELECT twice(2);
                SET DateStyle = 'ISO, DMY';
                SET client_encoding = 'UTF8';
                SET standard_conforming_strings = on;
                RESET client_encoding;
                """);
        Commands.Result r = migrate();
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("1,4", Db.scalar(url, "SELECT string_agg(id::text, ',' ORDER BY id) FROM commit_log"));
        assertEquals("pos", Db.scalar(url, "SELECT \"end\" FROM commit_log WHERE id = 4"));
    }

    @Test
    void aRoutineNamedBeginDoesNotHideTheStatementsAfterIt() {
        // psql would take everything up to the END as one statement, and the server would commit at END.
        folder.add("010_sly.sql", "CREATE FUNCTION public.begin() RETURNS int LANGUAGE sql AS 'SELECT 1';\n"
                + "DELETE FROM reco_targets;\nEND;");
        Commands.Result r = migrate("--rehearse");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("010_sly.sql:3: 'END;' is transaction control"), r.err());
        assertTrue(Db.count(url, "SELECT count(*) FROM reco_targets") > 0);
    }

    @Test
    void settingsThatMakeTheDriverDropTheConnectionAreRefused() {
        List<String> refused = List.of("SET client_encoding = 'LATIN1';", "SET SESSION client_encoding TO latin1;",
                "set local client_encoding = 'SQL_ASCII';", "SET NAMES 'WIN1252';", "SET DateStyle = 'German';",
                "SET datestyle TO SQL, DMY;", "SET \"DateStyle\" = 'Postgres, MDY';",
                "SET standard_conforming_strings = off;", "SET integer_datetimes = off;",
                "SELECT set_config('client_encoding', 'LATIN1', false);",
                "SELECT pg_catalog.set_config('DateStyle', 'German', true);");
        for (String statement : refused) {
            folder.add("010_set.sql", "CREATE TABLE s(i int);\n\n" + statement + "\n");
            Commands.Result r = migrate();
            assertEquals(2, r.exitCode(), statement + "\n" + r);
            assertTrue(r.err().contains("010_set.sql:3: "), statement + "\n" + r.err());
            assertTrue(r.err().contains("Remove"), r.err());
        }
        assertEquals("f", Db.scalar(url, "SELECT to_regclass('s') IS NOT NULL"));
    }
}
