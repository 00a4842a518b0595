import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import trading.sqlfile.Checksum;

/** Checksums: SHA-256 of normalized text; a real edit is refused, a Windows checkout is not an edit. */
class ChecksumTest {
    @TempDir Path dir;

    private static final String SQL = "-- Description: prices\nCREATE TABLE prices (symbol text, px numeric);\n"
            + "INSERT INTO prices VALUES ('AAPL', 1);\n";

    @Test
    void bomAndLineEndingsDoNotChangeTheChecksum() {
        String lf = Checksum.of(Checksum.normalize(SQL));
        assertEquals(lf, Checksum.of(Checksum.normalize(SQL.replace("\n", "\r\n"))));
        assertEquals(lf, Checksum.of(Checksum.normalize("\uFEFF" + SQL.replace("\n", "\r"))));
        assertEquals(64, lf.length());
        assertTrue(!lf.equals(Checksum.of(Checksum.normalize(SQL + " "))));
    }

    @Test
    void aChangedAppliedFileIsRefusedWithExit3NamingIt() {
        String url = TestPostgres.get().newDatabase("checksum");
        MigrationFolder folder = new MigrationFolder(dir).add("001_prices.sql", SQL);
        assertEquals(0, Commands.run("migrate", "--url", url, "--migrations", dir.toString()).exitCode());

        folder.add("001_prices.sql", SQL.replace("numeric", "numeric(12,2)"))
                .add("002_more.sql", "CREATE TABLE more (id int);");
        Commands.Result r = Commands.run("migrate", "--url", url, "--migrations", dir.toString());
        assertEquals(3, r.exitCode(), r.toString());
        assertTrue(r.err().contains("001_prices.sql was modified after it was applied"), r.err());
        assertTrue(r.err().contains("Never edit an applied migration"), r.err());
        assertEquals(List.of("001_prices"), Db.history(url), "002 was not applied either");
        assertEquals("f", Db.scalar(url, "SELECT to_regclass('more') IS NOT NULL"));
    }

    @Test
    void theSameFileSavedWithCrlfAndBomIsNotAChange() {
        String url = TestPostgres.get().newDatabase("crlf");
        MigrationFolder folder = new MigrationFolder(dir).add("001_prices.sql", SQL);
        assertEquals(0, Commands.run("migrate", "--url", url, "--migrations", dir.toString()).exitCode());

        folder.addBytes("001_prices.sql", ("\uFEFF" + SQL.replace("\n", "\r\n")).getBytes(StandardCharsets.UTF_8));
        Commands.Result status = Commands.run("status", "--url", url, "--migrations", dir.toString(), "--check");
        assertEquals(0, status.exitCode(), status.toString());
        Commands.Result r = Commands.run("migrate", "--url", url, "--migrations", dir.toString(), "--validate");
        assertEquals(0, r.exitCode(), r.toString());
    }
}
