import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dependencies: the -- Depends: header is honoured and every broken case is exit 2 with names. */
class DependenciesTest {
    @TempDir Path dir;
    MigrationFolder folder;
    String url;

    @BeforeEach
    void setUp() {
        folder = new MigrationFolder(dir).add("001_base.sql", "CREATE TABLE base (id int);");
        url = TestPostgres.get().newDatabase("depends");
    }

    private Commands.Result run(String script, String... extra) {
        return Commands.runOn(url, dir, script, extra);
    }

    @Test
    void aDependencyThatDoesNotExist() {
        folder.add("002_x.sql", "-- Depends: 001_base, 000_nowhere\nSELECT 1;");
        Commands.Result r = run("migrate");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("002_x depends on 000_nowhere, which does not exist"), r.err());
        assertEquals(List.of(), Db.history(url));
    }

    @Test
    void aDependencyOrderedAfterTheFile() {
        folder.add("002_x.sql", "-- Depends: 003_y\nSELECT 1;").add("003_y.sql", "SELECT 1;");
        Commands.Result r = run("migrate");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("002_x depends on 003_y, which is numbered after it"), r.err());
    }

    @Test
    void aCycle() {
        folder.add("002_x.sql", "-- Depends: 003_y\nSELECT 1;").add("003_y.sql", "-- Depends: 002_x\nSELECT 1;");
        Commands.Result r = run("migrate");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("form a cycle: 002_x -> 003_y -> 002_x"), r.err());
    }

    @Test
    void aDependencyOnAnOutOfOrderFileThatIsNotBeingApplied() {
        folder.add("003_z.sql", "SELECT 1;");
        assertEquals(0, run("migrate").exitCode());
        folder.add("002_hotfix.sql", "SELECT 1;").add("004_needs_hotfix.sql", "-- Depends: 002_hotfix\nSELECT 1;");
        Commands.Result r = run("migrate");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("004_needs_hotfix depends on 002_hotfix, which is out of order and would not be"
                + " applied. Run with --out-of-order"), r.err());
        assertEquals(0, run("migrate", "--out-of-order").exitCode());
        assertEquals(List.of("001_base", "003_z", "002_hotfix", "004_needs_hotfix"), Db.history(url));
    }

    @Test
    void statusShowsDependenciesAndJsonIncludesThem() {
        folder.add("002_x.sql", "-- Depends: 001_base\nSELECT 1;").add("003_y.sql", "-- Depends: 1, 002_x\nSELECT 1;");
        assertEquals(0, run("migrate").exitCode());
        Commands.Result table = run("status");
        assertTrue(table.out().lines().anyMatch(l -> l.startsWith("003_y") && l.contains("1,002_x")), table.out());
        Commands.Result json = run("status", "--json");
        assertTrue(json.out().replaceAll("\\s", "").contains("\"depends\":[\"1\",\"002_x\"]"), json.out());
    }

    @Test
    void aCycleThroughThirtyThousandFilesIsReportedWithoutOverflowingTheStack() {
        int count = 30_000;
        for (int i = 2; i <= count; i++) {
            folder.add(String.format("%05d_m.sql", i), "-- Depends: " + (i == count ? 2 : i + 1) + "\nSELECT 1;");
        }
        Commands.Result r = run("migrate", "--dry-run");
        assertEquals(2, r.exitCode(), r.toString().substring(0, Math.min(2000, r.toString().length())));
        assertTrue(!r.all().contains("StackOverflowError"), r.err());
        assertTrue(r.err().contains("the Depends: headers form a cycle: 00002_m -> 00003_m -> "), r.err());
        assertTrue(r.err().contains(" more) ... -> "), "a long cycle is cut short: " + r.err());
        assertTrue(r.err().contains("-> 30000_m -> 00002_m. Remove one of these dependencies."), r.err());
        assertTrue(r.err().length() < 20_000, "the message stays readable: " + r.err().length() + " characters");
    }
}
