import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import trading.sqlfile.MigrationDirectory;
import trading.sqlfile.MigrationFile;
import trading.sqlfile.TransactionMode;
import trading.sqlfile.Utf8File;

/** Files: ordering, names, headers, and bad files that must fail clearly before touching the database. */
class MigrationFilesTest {
    @TempDir Path dir;
    MigrationFolder folder;
    String url;

    @BeforeEach
    void setUp() {
        folder = new MigrationFolder(dir);
        url = TestPostgres.get().newDatabase("files");
    }

    private Commands.Result migrate(String... extra) {
        return Commands.runOn(url, dir, "migrate", extra);
    }

    @Test
    void ordersByNumberNotText() {
        folder.add("999_y.sql", "CREATE TABLE t999 (id int PRIMARY KEY);")
                .add("1000_x.sql", "CREATE TABLE t1000 (id int REFERENCES t999 (id));")
                .add("2_small.sql", "CREATE TABLE t2 (id int);");
        assertEquals(List.of("2_small", "999_y", "1000_x"),
                MigrationDirectory.scan(dir).files().stream().map(MigrationFile::version).toList());
        Commands.Result r = migrate();
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(List.of("2_small", "999_y", "1000_x"), Db.history(url));
    }

    @Test
    void duplicateNumbersAreAnError() {
        folder.add("001_a.sql", "SELECT 1;").add("1_b.sql", "SELECT 2;");
        Commands.Result r = migrate();
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("number 1 is also used by"), r.err());
        assertEquals(List.of(), Db.history(url), "nothing ran");
    }

    @Test
    void aFileThatDoesNotMatchThePatternIsReportedNotSkipped() {
        folder.add("001_a.sql", "SELECT 1;").add("notes.txt", "hello").add("002 bad name.sql", "SELECT 1;");
        Commands.Result r = migrate();
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("notes.txt: not a migration file name"), r.err());
        assertTrue(r.err().contains("002 bad name.sql: not a migration file name"), r.err());
        assertTrue(r.err().contains("{number}_{descriptive_name}.sql"), r.err());
    }

    @Test
    void downScriptWithoutUpFileIsReported() {
        folder.add("001_a.sql", "SELECT 1;").add("002_b.down.sql", "SELECT 1;");
        Commands.Result r = migrate();
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("002_b.down.sql: a down script without its up migration"), r.err());
    }

    @Test
    void headerIsParsed() {
        folder.add("001_base.sql", "SELECT 1;")
                .add("003_add_user_tracking.sql", "-- Migration: 003_add_user_tracking\n"
                        + "-- Description: Add user tracking and audit tables\n-- Created: 2026-01-14\n"
                        + "-- Depends: 001_base\n-- Transaction: none\n\nCREATE TABLE user_actions (id int);\n");
        MigrationFile file = MigrationDirectory.scan(dir).find("003_add_user_tracking").orElseThrow();
        assertEquals("Add user tracking and audit tables", file.name());
        assertEquals("2026-01-14", file.header().created());
        assertEquals(List.of("001_base"), file.depends());
        assertEquals(TransactionMode.NONE, file.transaction());
        assertEquals("base", MigrationDirectory.scan(dir).find("001_base").orElseThrow().name(),
                "without a Description the name comes from the file name");
        assertEquals(0, migrate().exitCode());
        assertEquals("Add user tracking and audit tables",
                Db.scalar(url, "SELECT name FROM schema_migrations WHERE version = '003_add_user_tracking'"));
    }

    @Test
    void aMigrationHeaderNamingAnotherFileIsReported() {
        folder.add("003_add_user_tracking.sql", "-- Migration: 002_something_else\nSELECT 1;");
        Commands.Result r = migrate();
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("003_add_user_tracking.sql: its header says 'Migration: 002_something_else'"), r.err());
    }

    @Test
    void unknownTransactionValueIsReported() {
        folder.add("001_a.sql", "-- Transaction: maybe\nSELECT 1;");
        Commands.Result r = migrate();
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("001_a.sql:1: 'Transaction: maybe' is not understood"), r.err());
    }

    @Test
    void notUtf8IsAClearErrorWithTheLine() {
        byte[] latin1 = "-- Description: prices\nSELECT 1;\nSELECT 'caf\u00e9';\n".getBytes(StandardCharsets.ISO_8859_1);
        folder.addBytes("001_latin1.sql", latin1);
        Commands.Result r = migrate();
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("001_latin1.sql:3: not valid UTF-8"), r.err());
    }

    @Test
    void unterminatedQuotesAreReportedWithTheirLine() {
        folder.add("001_open.sql", "SELECT 1;\nCREATE FUNCTION f() RETURNS int AS $body$\nSELECT 1;\n")
                .add("002_quote.sql", "SELECT 'unclosed;\n");
        Commands.Result r = migrate();
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("001_open.sql:2: the dollar-quoted body opened with $body$ is never closed"), r.err());
        assertTrue(r.err().contains("002_quote.sql:1: this string is never closed"), r.err());
    }

    @Test
    void psqlMetaCommandsAreRefused() {
        folder.add("001_psql.sql", "SELECT 1;\n\\i other.sql\n");
        Commands.Result r = migrate();
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("001_psql.sql:2: '\\i' is a psql meta-command"), r.err());
    }

    @Test
    void missingFolderIsAClearError() {
        Commands.Result r = Commands.run("migrate", "--url", url, "--migrations", dir.resolve("nope").toString());
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("does not exist"), r.err());
    }

    @Test
    void aNulByteIsRefusedWithItsLine() {
        folder.addBytes("001_nul.sql", "SELECT 1;\nSELECT 'a\0b';\n".getBytes(StandardCharsets.UTF_8));
        Commands.Result r = migrate();
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("001_nul.sql:2: contains a NUL byte"), r.err());
        assertEquals(List.of(), Db.history(url));
    }

    @Test
    void aNumberLongerThan18DigitsSaysSo() {
        folder.add("1234567890123456789_too_long.sql", "SELECT 1;");
        Commands.Result r = migrate();
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("1234567890123456789_too_long.sql: its number has 19 digits, but a migration"
                + " number may have at most 18"), r.err());
    }

    @Test
    void aDanglingSymlinkNamesItsTarget() throws Exception {
        folder.add("001_a.sql", "SELECT 1;");
        Files.createSymbolicLink(dir.resolve("002_b.sql"), dir.resolve("elsewhere/002_b.sql"));
        Commands.Result r = migrate();
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("002_b.sql: is a symbolic link to " + dir.resolve("elsewhere/002_b.sql")
                + ", which does not exist"), r.err());
        assertEquals(List.of(), Db.history(url));
    }

    @Test
    void aSymlinkToAFileIsFollowed() throws Exception {
        Path real = Files.writeString(dir.getParent().resolve(dir.getFileName() + "-real.sql"), "CREATE TABLE linked (i int);");
        try {
            Files.createSymbolicLink(dir.resolve("001_linked.sql"), real);
            Commands.Result r = migrate();
            assertEquals(0, r.exitCode(), r.toString());
            assertEquals(List.of("001_linked"), Db.history(url));
        } finally {
            Files.delete(real);
        }
    }

    @Test
    void aFifoOrADeviceIsRefusedWithoutReadingIt() throws Exception {
        folder.add("001_a.sql", "SELECT 1;");
        Process mkfifo = new ProcessBuilder("mkfifo", dir.resolve("002_fifo.sql").toString()).start();
        assertEquals(0, mkfifo.waitFor());
        Files.createSymbolicLink(dir.resolve("003_zero.sql"), Path.of("/dev/zero"));
        // Its own process, killed after the timeout: reading a FIFO would block this JVM for good.
        Commands.Result r = Commands.finish(Commands.start(Map.of(), dir, "status", "--url", url, "--migrations",
                dir.toString()), 60);
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("002_fifo.sql: is a special file (a FIFO, socket or device), not a regular file"),
                r.err());
        assertTrue(r.err().contains("003_zero.sql: is a special file"), r.err());
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedBeforeItIsRead() throws Exception {
        try (RandomAccessFile big = new RandomAccessFile(dir.resolve("001_big.sql").toFile(), "rw")) {
            big.setLength(Utf8File.MAX_BYTES + 1);
        }
        Commands.Result r = migrate();
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("001_big.sql: is 67108865 bytes or more; a migration file may be at most 64 MiB"),
                r.err());
    }
}
