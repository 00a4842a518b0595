import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import trading.db.Database;
import trading.migrate.MigrationListener;
import trading.migrate.MigrationManager;
import trading.migrate.MigrationResult;
import trading.migrate.MigrationSettings;
import trading.migrate.MigrationState;
import trading.migrate.StatusReport;

/** The engine called from Java, as an application would at startup (docs/library.md). */
class LibraryApiTest {
    @TempDir Path dir;

    @Test
    void runMigrationsAndGetMigrationStatusLikeTheOriginalDesign() {
        String url = TestPostgres.get().newDatabase("library");
        try (MigrationManager manager = new MigrationManager(url)) {
            StatusReport before = manager.getMigrationStatus();
            assertEquals(0, before.appliedCount());
            assertEquals(4, before.pendingCount());

            MigrationResult result = manager.runMigrations();
            assertEquals(4, result.successful());
            assertEquals(0, result.failed());

            StatusReport after = manager.getMigrationStatus();
            assertEquals(4, after.appliedCount());
            assertEquals(0, after.pendingCount());
            assertTrue(after.migrations().stream().allMatch(m -> m.state() == MigrationState.APPLIED));
        }
    }

    @Test
    void aFailedMigrationIsReportedInTheResultForTheCallerToFailFast() {
        String url = TestPostgres.get().newDatabase("library_fail");
        new MigrationFolder(dir).add("001_ok.sql", "CREATE TABLE ok (id int);").add("002_bad.sql", "CREATE TABLE ok (id int);");
        MigrationSettings settings = new MigrationSettings(dir, Duration.ofSeconds(5), "5s", false);
        try (Database database = Database.open(url, "startup-test");
             MigrationManager manager = new MigrationManager(database, settings, MigrationListener.SILENT)) {
            MigrationResult result = manager.runMigrations();
            assertEquals(1, result.successful());
            assertEquals(1, result.failed());
            assertEquals("42P07", result.failure().orElseThrow().sqlState());
            assertEquals(1, result.failure().get().line());
        }
    }
}
