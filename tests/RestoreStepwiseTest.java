import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup with a Transaction: none migration cannot be restored in one transaction. The
 * restore says so before it starts, checks all it can before it commits anything, and a
 * failure after the first commit says what was destroyed and how to recover, never
 * "Nothing was changed".
 */
class RestoreStepwiseTest {
    @TempDir Path dir;
    @TempDir Path backups;
    @TempDir Path work;
    String url;
    Path backup;

    @BeforeEach
    void setUp() throws Exception {
        new MigrationFolder(dir).withProjectMigrations().add("010_entry_price_index.sql", "-- Transaction: none\n"
                + "CREATE INDEX CONCURRENTLY recommendations_entry_price_idx ON recommendations (entry_price);\n")
                // Needs what the Transaction: none migration made, also in the check that runs before the restore.
                .add("011_rename_index.sql", "ALTER INDEX recommendations_entry_price_idx RENAME TO recommendations_price_idx;");
        url = BackupRestoreTest.migratedWithOldRows(dir, "stepwise");
        Commands.Result written = migrate("--backup", "--backup-dir", backups.toString());
        assertEquals(0, written.exitCode(), written.toString());
        backup = BackupRestoreTest.onlyBackup(backups);
    }

    private Commands.Result migrate(String... extra) {
        return Commands.runOn(url, dir, "migrate", extra);
    }

    @Test
    void aLoadThatFailsAfterTheFirstCommitReportsTheTrueStateAndTheSameRestoreRecovers() throws Exception {
        Map<String, String> original = BackupRestoreTest.contents(url);
        Path damaged = BackupRestoreTest.copyOf(backup, work);
        BackupRestoreTest.rewriteData(damaged, "recommendations",
                text -> "not-a-uuid" + text.substring(text.indexOf('\t')));

        Commands.Result r = migrate("--restore", damaged.toString());
        assertEquals(1, r.exitCode(), r.toString());
        int warning = r.err().indexOf("cannot be one transaction");
        assertTrue(warning >= 0 && warning < r.err().indexOf("error:"), "warned before it started: " + r.err());
        assertTrue(r.err().contains("010_entry_price_index"), r.err());
        assertTrue(r.err().contains("recommendations.copy.gz:1"), "names the file and line: " + r.err());
        assertFalse(r.err().contains("Nothing was changed"), r.err());
        assertTrue(r.err().contains("was dropped"), r.err());
        assertTrue(r.err().contains("rebuilt by the backup's migrations up to 010_entry_price_index"), r.err());
        assertTrue(r.err().contains("run the same --restore again"), r.err());

        // What the message says is what happened: the old rows and the history are gone.
        assertEquals("0", Db.scalar(url, "SELECT count(*) FROM recommendations WHERE symbol = 'IBM'"));
        assertEquals("t", Db.scalar(url, "SELECT to_regclass('schema_migrations') IS NULL"));

        Commands.Result again = migrate("--restore", backup.toString());
        assertEquals(0, again.exitCode(), again.toString());
        assertEquals(original, BackupRestoreTest.contents(url), "the recovery the message names works");
    }

    @Test
    void aDataFileThatDoesNotUnpackIsRefusedBeforeAnythingIsDropped() throws Exception {
        Path damaged = BackupRestoreTest.copyOf(backup, work);
        var manifest = BackupRestoreTest.manifest(damaged);
        var entry = BackupRestoreTest.tableEntry(manifest, "recommendations");
        Path data = damaged.resolve(entry.get("file").asText());
        byte[] bytes = Files.readAllBytes(data);
        Files.write(data, Arrays.copyOf(bytes, bytes.length / 2));
        entry.put("sha256", BackupRestoreTest.sha256(data));
        BackupRestoreTest.writeManifest(damaged, manifest);
        Map<String, String> before = BackupRestoreTest.contents(url);

        Commands.Result r = migrate("--restore", damaged.toString());
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains(data.getFileName() + " is missing or damaged"), r.err());
        assertTrue(r.err().contains("nothing was changed"), r.err());
        assertEquals(before, BackupRestoreTest.contents(url));
    }

    @Test
    void objectsTheBackupLacksAreRefusedBeforeTheFirstCommit() {
        Db.execute(url, "CREATE TABLE notes AS SELECT g AS n FROM generate_series(1, 5) g");
        Map<String, String> before = BackupRestoreTest.contents(url);
        Commands.Result r = migrate("--restore", backup.toString());
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("table public.notes (5 rows)"), r.err());
        assertTrue(r.err().contains("Nothing was changed"), r.err());
        assertEquals("5", Db.scalar(url, "SELECT count(*) FROM notes"));
        assertEquals(before, BackupRestoreTest.contents(url));
    }
}
