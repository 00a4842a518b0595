import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restore drops the schema with CASCADE, which also takes what the backup does not hold:
 * tables made since, and objects of other schemas that depend on the restored tables. It
 * lists them and refuses unless --drop-extra says to drop them.
 */
class RestoreExtraObjectsTest {
    @TempDir Path dir;
    @TempDir Path backups;
    String url;
    Path backup;
    Map<String, String> backedUp;

    @BeforeEach
    void setUp() throws Exception {
        new MigrationFolder(dir).withProjectMigrations();
        url = BackupRestoreTest.migratedWithOldRows(dir, "extra");
        backedUp = BackupRestoreTest.contents(url);
        assertEquals(0, migrate("--backup", "--backup-dir", backups.toString()).exitCode());
        backup = BackupRestoreTest.onlyBackup(backups);
        Db.execute(url, "CREATE TABLE extra_rows AS SELECT g AS n FROM generate_series(1, 1000) g;"
                + "CREATE SCHEMA reporting;"
                + "CREATE VIEW reporting.buys AS SELECT reco_id, symbol FROM public.recommendations WHERE side = 'BUY';"
                + "CREATE TABLE reporting.audit (reco_id uuid CONSTRAINT audit_reco_fk"
                + " REFERENCES public.recommendations (reco_id), note text);"
                + "INSERT INTO reporting.audit SELECT reco_id, 'seen' FROM recommendations LIMIT 1;"
                + "DELETE FROM recommendations WHERE symbol = 'IBM';");
    }

    private Commands.Result migrate(String... extra) {
        return Commands.runOn(url, dir, "migrate", extra);
    }

    @Test
    void whatTheBackupLacksIsListedAndNothingIsDropped() {
        Map<String, String> before = BackupRestoreTest.contents(url);
        Commands.Result r = migrate("--restore", backup.toString());
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("table public.extra_rows (1000 rows)"), r.err());
        assertTrue(r.err().contains("view reporting.buys"), r.err());
        assertTrue(r.err().contains("constraint audit_reco_fk on reporting.audit"), r.err());
        assertTrue(r.err().contains("--drop-extra"), r.err());
        assertTrue(r.err().contains("Nothing was changed"), r.err());

        assertEquals("1000", Db.scalar(url, "SELECT count(*) FROM extra_rows"));
        assertEquals("t", Db.scalar(url, "SELECT to_regclass('reporting.buys') IS NOT NULL"));
        assertEquals("1", Db.scalar(url, "SELECT count(*) FROM pg_constraint WHERE conname = 'audit_reco_fk'"));
        assertEquals(before, BackupRestoreTest.contents(url));
    }

    @Test
    void dropExtraDropsThemAndRestores() {
        Commands.Result r = migrate("--restore", backup.toString(), "--drop-extra");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.err().contains("table public.extra_rows (1000 rows)"), "says what it dropped: " + r.err());
        assertEquals(backedUp, BackupRestoreTest.contents(url));
        assertEquals("t", Db.scalar(url, "SELECT to_regclass('extra_rows') IS NULL"));
        assertEquals("t", Db.scalar(url, "SELECT to_regclass('reporting.buys') IS NULL"));
        assertEquals("1", Db.scalar(url, "SELECT count(*) FROM reporting.audit"), "the other schema's table stays");
    }

    @Test
    void dropExtraGoesWithRestoreOnly() {
        Commands.Result r = migrate("--drop-extra");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("--drop-extra goes with --restore"), r.err());
    }
}
