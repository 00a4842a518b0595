///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES ../lib/trading/migrate/package-info.java

import trading.failure.ToolkitException;
import trading.migrate.MigrationManager;
import trading.migrate.MigrationResult;

/**
 * Migrating on application startup, in Java: migrate before the application starts, and
 * refuse to start on any failure (docs/library.md, "Migrating at startup").
 *
 * <pre>
 * DATABASE_URL=postgresql://trading_user:pass@localhost:5432/trading_db ./jbang examples/StartupMigrations.java
 * </pre>
 * The migrations come from the toolkit's migrations/ folder, or MIGRATIONS_DIR.
 */
public class StartupMigrations {

    /** Applies pending migrations; throws when one failed, so the application never starts on a half-migrated schema. */
    static int runStartupMigrations() {
        String databaseUrl = System.getenv("DATABASE_URL");
        if (databaseUrl == null || databaseUrl.isBlank()) {
            throw new IllegalStateException("DATABASE_URL is not set.");
        }
        try (MigrationManager manager = new MigrationManager(databaseUrl)) {
            MigrationResult result = manager.runMigrations();
            if (result.failed() > 0) {
                throw new IllegalStateException("Database migrations failed!", result.failure().get());
            }
            return result.successful();
        }
    }

    public static void main(String... args) {
        int applied;
        try {
            applied = runStartupMigrations();
        } catch (IllegalStateException | ToolkitException e) {
            // Fail fast: a clear reason and a non-zero exit, and the application is not started.
            System.err.println("startup: " + e.getMessage()
                    + (e.getCause() != null ? "\n  " + e.getCause().getMessage() : ""));
            System.exit(1);
            return;
        }
        System.out.println("startup: " + applied + " migration" + (applied == 1 ? "" : "s") + " applied;"
                + " starting the application.");
        // ... start the application here.
    }
}
