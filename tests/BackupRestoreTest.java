import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backup and restore without external tools: a round trip loses nothing, expired options
 * included. Also holds the helpers the other Backup and Restore tests share.
 */
class BackupRestoreTest {
    static final List<String> TABLES = List.of("recommendations", "reco_targets", "option_ideas", "option_targets",
            "schema_migrations");

    @TempDir Path dir;
    @TempDir Path backups;
    @TempDir Path work;
    MigrationFolder folder;
    String url;

    @BeforeEach
    void setUp() {
        folder = new MigrationFolder(dir).withProjectMigrations();
        url = migratedWithOldRows(dir, "backup");
    }

    /** A new database migrated with the migrations in {@code dir}, holding an option that has already expired. */
    static String migratedWithOldRows(Path dir, String hint) {
        String url = TestPostgres.get().newDatabase(hint);
        Commands.Result migrated = Commands.runOn(url, dir, "migrate");
        assertEquals(0, migrated.exitCode(), migrated.toString());
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
        return url;
    }

    /** Every table's rows and the schema of {@code url}: equal maps mean an equal database. */
    static Map<String, String> contents(String url) {
        Map<String, String> result = new LinkedHashMap<>();
        for (String table : TABLES) {
            result.put(table, Db.contentChecksum(url, table));
        }
        result.put("catalog", Db.catalog(url));
        return result;
    }

    /** The one backup folder under {@code backups}. */
    static Path onlyBackup(Path backups) throws IOException {
        try (Stream<Path> list = Files.list(backups)) {
            List<Path> all = list.toList();
            assertEquals(1, all.size(), "one backup in " + backups + ": " + all);
            return all.get(0);
        }
    }

    /** A copy of a backup folder, to damage without touching the original. */
    static Path copyOf(Path backup, Path parent) throws IOException {
        Path copy = parent.resolve(backup.getFileName() + "-copy");
        try (Stream<Path> walk = Files.walk(backup)) {
            for (Path p : walk.toList()) {
                Files.copy(p, copy.resolve(backup.relativize(p).toString()));
            }
        }
        return copy;
    }

    static ObjectNode manifest(Path backup) throws IOException {
        return (ObjectNode) new ObjectMapper().readTree(backup.resolve("manifest.json").toFile());
    }

    static void writeManifest(Path backup, ObjectNode manifest) throws IOException {
        new ObjectMapper().writeValue(backup.resolve("manifest.json").toFile(), manifest);
    }

    /** The manifest entry of {@code table}. */
    static ObjectNode tableEntry(ObjectNode manifest, String table) {
        for (JsonNode t : manifest.get("tables")) {
            if (t.get("name").asText().equals(table)) {
                return (ObjectNode) t;
            }
        }
        throw new AssertionError("no table " + table + " in " + manifest);
    }

    /**
     * Rewrites a table's data file with {@code edit} applied to its unpacked COPY text, and
     * adjusts the manifest's SHA-256 so only the content is wrong, as a careless edit would.
     */
    static void rewriteData(Path backup, String table, UnaryOperator<String> edit) throws Exception {
        ObjectNode manifest = manifest(backup);
        ObjectNode entry = tableEntry(manifest, table);
        Path file = backup.resolve(entry.get("file").asText());
        String text;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(edit.apply(text).getBytes(StandardCharsets.UTF_8));
        }
        entry.put("sha256", sha256(file));
        writeManifest(backup, manifest);
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private Commands.Result migrate(String... extra) {
        return Commands.runOn(url, dir, "migrate", extra);
    }

    private Map<String, String> contents() {
        return contents(url);
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
    void rowsTheServerRefusesUndoTheWholeRestoreAndTheMessageSaysSo() throws Exception {
        assertEquals(0, migrate("--backup", "--backup-dir", backups.toString()).exitCode());
        Path damaged = copyOf(onlyBackup(backups), work);
        rewriteData(damaged, "recommendations", text -> "not-a-uuid" + text.substring(text.indexOf('\t')));
        Db.execute(url, "DELETE FROM recommendations WHERE symbol = 'IBM'");
        Map<String, String> before = contents();

        Commands.Result r = migrate("--restore", damaged.toString());
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("recommendations.copy.gz:1"), "names the file and line: " + r.err());
        assertTrue(r.err().contains("not-a-uuid"), r.err());
        assertTrue(r.err().contains("Nothing was changed: the restore ran in one transaction"), r.err());
        assertEquals(before, contents(), "one transaction: the database is as it was");
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
