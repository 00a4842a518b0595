import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 5, backup and restore without external tools: a round trip loses nothing, expired options included. */
class BackupRestoreTest {
    static final List<String> TABLES = List.of("recommendations", "reco_targets", "option_ideas", "option_targets",
            "schema_migrations");

    @TempDir Path dir;
    @TempDir Path backups;
    MigrationFolder folder;
    String url;

    @BeforeEach
    void setUp() {
        folder = new MigrationFolder(dir).withProjectMigrations();
        url = TestPostgres.get().newDatabase("backup");
        assertEquals(0, migrate().exitCode());
        // Data the sample does not have: an option that has already expired, as old data does.
        Db.execute(url, "SET trading.restoring = on;"
                + "INSERT INTO recommendations (reco_id, asof, symbol, horizon, side, entry_price, confidence_overall,"
                + " rationale, quality) VALUES ('00000000-0000-4000-8000-0000000000aa', now() - interval '400 days',"
                + " 'IBM', 'swing', 'BUY', 140.5, 0.7, '{\"reasoning\": \"old; with \\\"quotes\\\" and a\\ttab\"}', '{}');"
                + "INSERT INTO option_ideas (reco_id, option_type, expiry, strike, option_entry_price, greeks, iv)"
                + " VALUES ('00000000-0000-4000-8000-0000000000aa', 'CALL', CURRENT_DATE - 300, 145, 3.2,"
                + " '{\"delta\": 0.4}', '{\"iv\": 0.3}');"
                + "INSERT INTO option_targets (reco_id, ordinal, name, value, confidence, notes)"
                + " VALUES ('00000000-0000-4000-8000-0000000000aa', 1, 'Premium 1', 6, 0.5, E'multi\\nline');");
    }

    private Commands.Result migrate(String... extra) {
        return Commands.runOn(url, dir, "migrate", extra);
    }

    private Map<String, String> contents() {
        Map<String, String> result = new LinkedHashMap<>();
        for (String table : TABLES) {
            result.put(table, Db.contentChecksum(url, table));
        }
        result.put("catalog", Db.catalog(url));
        return result;
    }

    @Test
    void roundTripAfterADestructiveMigrationLosesNothing() throws Exception {
        Map<String, String> before = contents();
        folder.add("010_destructive.sql", "DROP TABLE option_targets;\nDELETE FROM recommendations WHERE symbol = 'AAPL';\n"
                + "ALTER TABLE recommendations DROP COLUMN quality;");
        Commands.Result backup = migrate("--backup", "--backup-dir", backups.toString());
        assertEquals(0, backup.exitCode(), backup.toString());
        assertTrue(backup.out().contains("Backup written to " + backups), backup.out());
        assertTrue(backup.out().indexOf("Backup written") < backup.out().indexOf("010_destructive"),
                "the backup is written before anything is applied: " + backup.out());
        assertEquals("f", Db.scalar(url, "SELECT to_regclass('option_targets') IS NOT NULL"), "003 did destroy");

        Path written;
        try (Stream<Path> list = Files.list(backups)) {
            written = list.findFirst().orElseThrow();
        }
        Commands.Result restore = migrate("--restore", written.toString());
        assertEquals(0, restore.exitCode(), restore.toString());
        assertEquals(before, contents(), "every table: same row count and content; same schema");
        assertEquals("1", Db.scalar(url, "SELECT count(*) FROM option_ideas WHERE expiry < CURRENT_DATE"),
                "the expired option came back");
        assertTrue(Commands.run("status", "--url", url, "--migrations", dir.toString()).out()
                .lines().anyMatch(l -> l.startsWith("010_destructive") && l.contains("pending")));

        // The history's identity sequence was restored too, so the next migration records cleanly.
        Commands.Result next = migrate();
        assertEquals(0, next.exitCode(), next.toString());
        assertEquals(List.of("001_create_recommendations_tables", "002_add_sample_data", "003_finite_numbers",
                "004_validate_finite_numbers", "010_destructive"),
                Db.history(url));
    }

    @Test
    void aBackupThatCannotBeWrittenStopsTheMigrationBeforeItChangesAnything() throws Exception {
        folder.add("010_more.sql", "CREATE TABLE more (id int);");
        Path notADirectory = Files.writeString(backups.resolve("a-file"), "x");
        Commands.Result r = migrate("--backup", "--backup-dir", notADirectory.toString());
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("Cannot write a backup in " + notADirectory), r.err());
        assertEquals("f", Db.scalar(url, "SELECT to_regclass('more') IS NOT NULL"));
        assertEquals(List.of("001_create_recommendations_tables", "002_add_sample_data", "003_finite_numbers",
                "004_validate_finite_numbers"), Db.history(url));
    }

    @Test
    void aDamagedBackupIsRefusedBeforeAnythingIsDropped() throws Exception {
        assertEquals(0, migrate("--backup", "--backup-dir", backups.toString()).exitCode());
        Path written;
        try (Stream<Path> list = Files.list(backups)) {
            written = list.findFirst().orElseThrow();
        }
        Path data;
        try (Stream<Path> list = Files.list(written.resolve("data"))) {
            data = list.filter(p -> p.toString().contains("recommendations")).findFirst().orElseThrow();
        }
        Files.write(data, new byte[] {1, 2, 3});
        Map<String, String> before = contents();
        Commands.Result r = migrate("--restore", written.toString());
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("is missing or damaged"), r.err());
        assertEquals(before, contents());
    }

    @Test
    void aDatabaseOwnerWhoIsNotSuperuserCanBackUpAndRestore() throws Exception {
        String role = "owner_" + ProcessHandle.current().pid();
        String admin = TestPostgres.get().newDatabase("admin_side");
        Db.execute(admin, "DROP ROLE IF EXISTS " + role + "; CREATE ROLE " + role + " LOGIN");
        String database = "owned_" + ProcessHandle.current().pid();
        Db.execute(admin, "DROP DATABASE IF EXISTS " + database + "; CREATE DATABASE " + database + " OWNER " + role);
        var adminUrl = TestPostgres.get().admin();
        String ownerUrl = "postgresql://" + role + "@" + adminUrl.hosts() + "/" + database;
        url = ownerUrl;
        assertEquals(0, migrate().exitCode());
        Db.execute(url, "SET trading.restoring = on; INSERT INTO recommendations (reco_id, symbol, horizon, side,"
                + " entry_price, confidence_overall) VALUES ('00000000-0000-4000-8000-0000000000bb', 'OLD', 'day', 'SELL',"
                + " 10, 0.4); INSERT INTO option_ideas (reco_id, option_type, expiry, strike, option_entry_price)"
                + " VALUES ('00000000-0000-4000-8000-0000000000bb', 'PUT', CURRENT_DATE - 1, 9, 1)");
        Map<String, String> before = contents();
        assertEquals("f", Db.scalar(url, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"));
        assertEquals(0, migrate("--backup", "--backup-dir", backups.toString()).exitCode());
        Db.execute(url, "DELETE FROM recommendations");
        Path written;
        try (Stream<Path> list = Files.list(backups)) {
            written = list.findFirst().orElseThrow();
        }
        Commands.Result restore = migrate("--restore", written.toString());
        assertEquals(0, restore.exitCode(), restore.toString());
        assertEquals(before, contents());
    }
}
