import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import trading.sqlfile.Checksum;

/**
 * manifest.json is untrusted input: its names go into SQL and its file names into paths.
 * A restore refuses any manifest whose fields do not have the exact shape a backup writes,
 * names the field, and changes nothing.
 */
class RestoreManifestTest {
    @TempDir Path dir;
    @TempDir Path backups;
    String url;
    Path backup;
    Map<String, String> before;
    final String role = "manifest_role_" + ProcessHandle.current().pid();

    @BeforeEach
    void setUp() throws Exception {
        new MigrationFolder(dir).withProjectMigrations();
        url = BackupRestoreTest.migratedWithOldRows(dir, "manifest");
        Path inner = Files.createDirectory(backups.resolve("inner"));
        assertEquals(0, migrate("--backup", "--backup-dir", inner.toString()).exitCode());
        backup = BackupRestoreTest.onlyBackup(inner);
        Db.execute(url, "DELETE FROM recommendations WHERE symbol = 'IBM'");
        before = BackupRestoreTest.contents(url);
    }

    @AfterEach
    void dropRole() {
        Db.execute(url, "DROP ROLE IF EXISTS " + role);
    }

    private Commands.Result migrate(String... extra) {
        return Commands.runOn(url, dir, "migrate", extra);
    }

    /** Restores after {@code edit} changed the manifest; expects exit 2 naming {@code field}, and no change. */
    private Commands.Result refused(Consumer<ObjectNode> edit, String field) throws Exception {
        ObjectNode original = BackupRestoreTest.manifest(backup);
        ObjectNode manifest = original.deepCopy();
        edit.accept(manifest);
        BackupRestoreTest.writeManifest(backup, manifest);
        Commands.Result r;
        try {
            r = migrate("--restore", backup.toString());
        } finally {
            BackupRestoreTest.writeManifest(backup, original);
        }
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains(field), "names " + field + ": " + r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertEquals(before, BackupRestoreTest.contents(url), "nothing changed");
        return r;
    }

    @Test
    void aPrivilegeIsOnlyEverUsageOrCreate() throws Exception {
        refused(m -> m.putArray("schemaGrants").addObject().putNull("grantee").put("privilege",
                "USAGE ON SCHEMA public TO PUBLIC; CREATE ROLE " + role + " SUPERUSER; GRANT USAGE"),
                "'schemaGrants[0].privilege'");
        assertEquals("0", Db.scalar(url, "SELECT count(*) FROM pg_roles WHERE rolname = '" + role + "'"));
    }

    @Test
    void namesMustBePostgresNames() throws Exception {
        refused(m -> m.put("schemaOwner", ""), "'schemaOwner'");
        refused(m -> ((ObjectNode) m.get("tables").get(0)).putArray("columns").add("a".repeat(64)),
                "'tables[0].columns[0]'");
        refused(m -> m.putArray("schemaGrants").addObject().put("grantee", "x\"; DROP TABLE recommendations; --")
                .put("privilege", "USAGE"), "do not exist on this server");
    }

    /**
     * Writes {@code o.sql} beside the backup folder: the project's 001 and one more statement,
     * so if a restore ran it, the restore would still succeed. Returns its checksum.
     */
    private String outsideFile() throws Exception {
        String sql = Files.readString(dir.resolve("001_create_recommendations_tables.sql"))
                + "\nCREATE TABLE pwned (id int);\n";
        Files.writeString(backups.resolve("o.sql"), sql);
        return Checksum.of(Checksum.normalize(sql));
    }

    @Test
    void filesOutsideTheBackupAreNeverRead() throws Exception {
        String checksum = outsideFile();
        Path outside = backups.resolve("o.sql");
        for (String file : List.of("../../o.sql", outside.toAbsolutePath().toString(), "migrations/../../../o.sql")) {
            refused(m -> ((ObjectNode) m.get("migrations").get(0)).put("file", file).put("checksum", checksum),
                    "'migrations[0].file'");
        }
        for (String file : List.of("../x.copy.gz", "/tmp/x.copy.gz", "data/../../x.copy.gz", "data/sub/x.copy.gz")) {
            refused(m -> ((ObjectNode) m.get("tables").get(0)).put("file", file), "'tables[0].file'");
        }
        assertEquals("t", Db.scalar(url, "SELECT to_regclass('pwned') IS NULL"));
    }

    @Test
    void aSymbolicLinkIsNotAPlainFile() throws Exception {
        String checksum = outsideFile();
        Path saved = backup.resolve("migrations/001_create_recommendations_tables.sql");
        Files.delete(saved);
        Files.createSymbolicLink(saved, backups.resolve("o.sql"));
        refused(m -> ((ObjectNode) m.get("migrations").get(0)).put("checksum", checksum),
                "is not a plain file inside the backup folder");
        assertEquals("t", Db.scalar(url, "SELECT to_regclass('pwned') IS NULL"));
    }

    @Test
    void aMissingFieldIsNamed() throws Exception {
        refused(m -> m.remove("schema"), "'schema' is missing");
        refused(m -> ((ObjectNode) m.get("tables").get(1)).remove("columns"), "'tables[1].columns' is missing");
        refused(m -> ((ObjectNode) m.get("migrations").get(0)).putNull("checksum"), "'migrations[0].checksum' is missing");
        refused(m -> m.put("rows", 1), "'rows' is not a field");
    }
}
