import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A restore that an open transaction blocks names that session and what to do, instead of a bare 55P03. */
class RestoreLockTest {
    @TempDir Path dir;
    @TempDir Path backups;

    @Test
    void aBlockedRestoreSaysWhoHoldsTheLock() throws Exception {
        new MigrationFolder(dir).withProjectMigrations();
        String url = BackupRestoreTest.migratedWithOldRows(dir, "lock");
        assertEquals(0, Commands.runOn(url, dir, "migrate", "--backup", "--backup-dir", backups.toString()).exitCode());
        Path backup = BackupRestoreTest.onlyBackup(backups);
        Map<String, String> before = BackupRestoreTest.contents(url);
        try (Connection blocker = TestPostgres.connect(url + "?ApplicationName=report-writer");
             Statement s = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            s.execute("SELECT count(*) FROM recommendations");
            int pid;
            try (ResultSet r = s.executeQuery("SELECT pg_backend_pid()")) {
                r.next();
                pid = r.getInt(1);
            }
            Commands.Result r = Commands.runOn(url, dir, "migrate", "--restore", backup.toString(),
                    "--ddl-lock-timeout", "1s");
            assertEquals(1, r.exitCode(), r.toString());
            assertTrue(r.err().contains("pid " + pid + " (application 'report-writer', idle in transaction,"
                    + " transaction open since "), r.err());
            assertTrue(r.err().contains("holds public.recommendations"), r.err());
            assertTrue(r.err().contains("pg_terminate_backend"), r.err());
            assertTrue(r.err().contains("Nothing was changed"), r.err());
            assertFalse(r.err().contains("SQLSTATE 55P03"), r.err());
            blocker.rollback();
        }
        assertEquals(before, BackupRestoreTest.contents(url));
    }
}
