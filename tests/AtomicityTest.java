import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomicity: a failed migration leaves no trace, and a failed Transaction: none one says how to recover. */
class AtomicityTest {
    @TempDir Path dir;
    MigrationFolder folder;
    String url;

    @BeforeEach
    void setUp() {
        folder = new MigrationFolder(dir).add("001_base.sql", "CREATE TABLE base (id int PRIMARY KEY);");
        url = TestPostgres.get().newDatabase("atomic");
    }

    private Commands.Result migrate(String... extra) {
        return Commands.runOn(url, dir, "migrate", extra);
    }

    @Test
    void aFailingMigrationLeavesNoTableNoRowAndNoLock() {
        folder.add("002_broken.sql", "-- Description: two tables, one typo\n"
                + "CREATE TABLE half (id int);\n"
                + "INSERT INTO half VALUES (1);\n"
                + "CREATE TABLE other (\n"
                + "    id int,\n"
                + "    price numerik\n"
                + ");\n");
        Commands.Result r = migrate();
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("002_broken.sql:6: ERROR 42704: type \"numerik\" does not exist"), r.err());
        assertTrue(r.err().contains("Nothing from this migration was applied"), r.err());
        assertEquals("f", Db.scalar(url, "SELECT to_regclass('half') IS NOT NULL"), "no table");
        assertEquals(List.of("001_base"), Db.history(url), "no history row");
        assertEquals(0, Db.advisoryLocks(url), "no lock");
    }

    @Test
    void aStatementErrorWithoutPositionNamesTheStatementLine() {
        folder.add("002_dup.sql", "INSERT INTO base VALUES (1);\n\nINSERT INTO base\nVALUES (1);\n");
        Commands.Result r = migrate();
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("002_dup.sql:3: ERROR 23505: duplicate key value violates unique constraint"), r.err());
        assertTrue(r.err().contains("DETAIL: Key (id)=(1) already exists."), r.err());
        assertEquals("0", Db.scalar(url, "SELECT count(*) FROM base"));
    }

    @Test
    void aFailedNonTransactionalMigrationIsRecordedBlocksAndCanBeRepaired() {
        folder.add("002_indexes.sql", "-- Transaction: none\n"
                + "CREATE INDEX CONCURRENTLY idx_base_id ON base (id);\n"
                + "CREATE INDEX CONCURRENTLY idx_missing ON no_such_table (id);\n");
        Commands.Result r = migrate();
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("002_indexes.sql:3: ERROR 42P01"), r.err());
        assertTrue(r.err().contains("recorded as FAILED"), r.err());
        assertTrue(r.err().contains("NOT undone: lines 2"), r.err());
        assertTrue(r.err().contains("migrate --repair"), r.err());
        assertEquals(List.of("001_base", "002_indexes (failed)"), Db.history(url));

        folder.add("003_next.sql", "CREATE TABLE next (id int);");
        Commands.Result blocked = migrate();
        assertEquals(3, blocked.exitCode(), blocked.toString());
        assertTrue(blocked.err().contains("002_indexes failed part-way"), blocked.err());
        assertTrue(blocked.err().contains("migrate --repair"), blocked.err());
        assertEquals("f", Db.scalar(url, "SELECT to_regclass('next') IS NOT NULL"));

        folder.add("002_indexes.sql", "-- Transaction: none\n"
                + "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_base_id ON base (id);\n"
                + "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_base_id2 ON base (id);\n");
        Commands.Result repair = migrate("--repair");
        assertEquals(0, repair.exitCode(), repair.toString());
        assertTrue(repair.out().contains("002_indexes: removed the failed row"), repair.out());
        Commands.Result again = migrate();
        assertEquals(0, again.exitCode(), again.toString());
        assertEquals(List.of("001_base", "002_indexes", "003_next"), Db.history(url));
    }
}
