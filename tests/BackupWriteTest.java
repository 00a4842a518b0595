import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import trading.db.Database;
import trading.db.DatabaseUrl;
import trading.migrate.MigrationListener;
import trading.migrate.MigrationManager;
import trading.migrate.MigrationSettings;

/**
 * Writing a backup: owner-only files, no secret in them, a folder of its own for every
 * backup even in the same second, and a full disk reported as such with nothing left behind.
 */
class BackupWriteTest {
    @TempDir Path dir;
    @TempDir Path backups;
    String url;
    Path mounted;

    @BeforeEach
    void setUp() {
        new MigrationFolder(dir).withProjectMigrations();
        url = BackupRestoreTest.migratedWithOldRows(dir, "write");
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted != null && new ProcessBuilder("umount", mounted.toString()).start().waitFor() != 0) {
            // Still busy: detach it now, so the temporary folder can go; the kernel frees it when unused.
            new ProcessBuilder("umount", "-l", mounted.toString()).inheritIO().start().waitFor();
        }
    }

    private Commands.Result backUp(String databaseUrl, Path parent) {
        return Commands.runOn(databaseUrl, dir, "migrate", "--backup", "--backup-dir", parent.toString());
    }

    @Test
    void aBackupIsReadableByItsOwnerOnly() throws Exception {
        assertEquals(0, backUp(url, backups).exitCode());
        Path backup = BackupRestoreTest.onlyBackup(backups);
        try (Stream<Path> walk = Files.walk(backup)) {
            for (Path p : walk.toList()) {
                String expected = Files.isDirectory(p) ? "rwx------" : "rw-------";
                assertEquals(expected, PosixFilePermissions.toString(Files.getPosixFilePermissions(p)), p.toString());
            }
        }
    }

    @Test
    void theManifestHoldsNoPasswordAndNoConnectionParameter() throws Exception {
        DatabaseUrl admin = TestPostgres.get().admin();
        String name = DatabaseUrl.parse(url).database();
        // Where the server trusts local connections, a password in the URL is sent only if asked for.
        String password = admin.password() != null ? admin.password() : "NotAskedFor123";
        String secretUrl = "postgresql://" + admin.user() + ":" + password + "@" + admin.hosts() + "/" + name
                + "?sslpassword=KeyPassphrase123&ApplicationName=backup-test";
        Commands.Result r = backUp(secretUrl, backups);
        assertEquals(0, r.exitCode(), r.toString());
        Path backup = BackupRestoreTest.onlyBackup(backups);
        String manifest = Files.readString(backup.resolve("manifest.json"));
        assertFalse(manifest.contains(password), manifest);
        assertFalse(manifest.contains("KeyPassphrase123"), manifest);
        assertFalse(manifest.contains("sslpassword"), manifest);
        DatabaseUrl parsed = DatabaseUrl.parse(secretUrl);
        assertEquals(parsed.firstHost() + ":" + parsed.firstPort() + "/" + name,
                BackupRestoreTest.manifest(backup).get("database").asText());
    }

    @Test
    void backupsInTheSameSecondEachGetTheirOwnFolder() throws Exception {
        try (Database database = Database.open(url, "backup-test");
             MigrationManager manager = new MigrationManager(database, MigrationSettings.defaults(dir),
                     MigrationListener.SILENT)) {
            Set<Path> written = new HashSet<>();
            // Three in a row take well under a second, so at least two of them share one.
            for (int i = 0; i < 3; i++) {
                written.add(manager.backup(backups));
            }
            assertEquals(3, written.size(), written.toString());
        }
        try (Stream<Path> list = Files.list(backups)) {
            List<Path> all = list.toList();
            assertEquals(3, all.size(), all.toString());
            assertTrue(all.stream().noneMatch(p -> p.toString().endsWith(".partial")), all.toString());
        }
    }

    @Test
    void aFullDiskIsReportedAsSuchAndLeavesNothingBehind() throws Exception {
        Path small = Files.createDirectory(backups.resolve("small"));
        // A 64 kB file system fills up for real; mounting one needs root, so elsewhere this test is skipped.
        int mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", small.toString())
                .redirectErrorStream(true).start().waitFor();
        Assumptions.assumeTrue(mount == 0, "cannot mount a small tmpfs here (needs root)");
        mounted = small;
        Db.execute(url, "INSERT INTO recommendations (symbol, horizon, side, entry_price, confidence_overall, rationale)"
                + " SELECT 'RND', 'day', 'BUY', 1, 0.5, jsonb_build_object('r', md5(random()::text)"
                + " || md5(random()::text) || md5(random()::text) || md5(random()::text))"
                + " FROM generate_series(1, 3000)");
        new MigrationFolder(dir).add("010_more.sql", "CREATE TABLE more (id int);");

        Commands.Result r = backUp(url, small);
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("No space left on the device that holds " + small.toAbsolutePath()), r.err());
        assertTrue(r.err().contains("--backup-dir"), r.err());
        try (Stream<Path> list = Files.list(small)) {
            assertEquals(List.of(), list.toList(), "the partial backup is removed");
        }
        assertEquals("t", Db.scalar(url, "SELECT to_regclass('more') IS NULL"), "nothing was migrated");
    }
}
