package trading.core;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The migration engine as a library: the original design's Options 2 and 3 in Java.
 * <pre>
 * try (MigrationManager manager = new MigrationManager(System.getenv("DATABASE_URL"))) {
 *     MigrationResult result = manager.runMigrations();
 *     if (result.failed() > 0) throw new IllegalStateException("Database migrations failed!");
 * }
 * </pre>
 * The command-line scripts are thin layers over this class.
 */
public final class MigrationManager implements AutoCloseable {
    private final Database database;
    private final boolean ownsDatabase;
    private final MigrationSettings settings;
    private final MigrationListener listener;

    /** Migrations from the toolkit's {@code migrations/} folder (or MIGRATIONS_DIR) into the database at {@code databaseUrl}. */
    public MigrationManager(String databaseUrl) {
        this(Database.open(databaseUrl, "trading-db"), true, MigrationSettings.defaults(
                ToolkitHome.locate(Environment.current()).migrationsDirectory(Environment.current(), null)),
                MigrationListener.SILENT);
    }

    public MigrationManager(Database database, MigrationSettings settings, MigrationListener listener) {
        this(database, false, settings, listener);
    }

    private MigrationManager(Database database, boolean ownsDatabase, MigrationSettings settings,
                             MigrationListener listener) {
        this.database = database;
        this.ownsDatabase = ownsDatabase;
        this.settings = settings;
        this.listener = listener;
    }

    /**
     * Applies every pending migration in order, each in its own transaction, under the
     * migration lock. Refuses (exit 3) when an applied file was modified or deleted, a
     * migration failed earlier, or a file is out of order without {@code outOfOrder}.
     * A migration that fails is returned in the result, not thrown.
     */
    public MigrationResult runMigrations() {
        MigrationDirectory directory = MigrationDirectory.scan(settings.migrationsDirectory());
        try (Connection c = openSession(); AdvisoryLock lock = lock(c)) {
            History.createIfMissing(c);
            StatusReport report = StatusReport.of(directory, History.read(c));
            refuseProblems(report);
            List<MigrationFile> toApply = report.migrations().stream()
                    .filter(m -> m.state() == MigrationState.PENDING
                            || (settings.outOfOrder() && m.state() == MigrationState.OUT_OF_ORDER))
                    .map(MigrationStatus::file)
                    .toList();
            MigrationRunner runner = new MigrationRunner(c, settings);
            List<MigrationResult.Applied> applied = new ArrayList<>();
            for (MigrationFile file : toApply) {
                listener.applying(file);
                try {
                    long millis = runner.apply(file);
                    applied.add(new MigrationResult.Applied(file, millis));
                    listener.applied(file, millis);
                } catch (MigrationFailure failure) {
                    return new MigrationResult(applied, Optional.of(failure));
                }
            }
            return new MigrationResult(applied, Optional.empty());
        } catch (SQLException e) {
            throw databaseError(e);
        }
    }

    /** Every migration with its state. Reads only: takes no lock and creates nothing. */
    public StatusReport getMigrationStatus() {
        MigrationDirectory directory = MigrationDirectory.scan(settings.migrationsDirectory());
        try (Connection c = database.connect()) {
            return StatusReport.of(directory, History.read(c));
        } catch (SQLException e) {
            throw databaseError(e);
        }
    }

    @Override
    public void close() {
        if (ownsDatabase) {
            database.close();
        }
    }

    /** Exit 3 with one paragraph per problem, each saying how to fix it. */
    private void refuseProblems(StatusReport report) {
        List<String> problems = new ArrayList<>();
        for (MigrationStatus m : report.migrations()) {
            switch (m.state()) {
                case APPLIED, PENDING -> { }
                case OUT_OF_ORDER -> {
                    if (!settings.outOfOrder()) {
                        problems.add(m.version() + " is numbered below a migration that is already applied."
                                + " Apply it anyway with --out-of-order, or renumber it after the newest applied one.");
                    }
                }
                case MODIFIED -> problems.add(m.file().path() + " was changed after it was applied (recorded checksum "
                        + abbreviate(m.applied().checksum()) + ", file now " + abbreviate(m.file().checksum()) + ")."
                        + " Never edit an applied migration: restore it (git checkout -- " + m.file().path()
                        + ") and put the change in a new migration. If the edit is harmless, such as a comment,"
                        + " accept it with `migrate --repair`.");
                case MISSING -> problems.add(m.version() + " was applied, but its file is gone from "
                        + settings.migrationsDirectory() + ". Restore the file, or run `migrate --repair`"
                        + " to forget it (its changes stay in the database).");
                case FAILED -> problems.add(m.version() + " failed part-way earlier (Transaction: none) and is"
                        + " recorded as failed. Undo what it did or make it safe to re-run, then run"
                        + " `migrate --repair` to clear the record, and migrate again.");
            }
        }
        if (!problems.isEmpty()) {
            throw new ToolkitException(ExitCode.VALIDATION_FAILED, "Nothing was applied:\n  - "
                    + String.join("\n  - ", problems));
        }
    }

    private Connection openSession() throws SQLException {
        Connection c = database.connect();
        if (c.getMetaData().getDatabaseMajorVersion() >= 14) {
            // A killed client's backend notices within seconds, so its lock and transaction go with it.
            try (Statement s = c.createStatement()) {
                s.execute("SET client_connection_check_interval = '2s'");
            }
        }
        return c;
    }

    private AdvisoryLock lock(Connection c) throws SQLException {
        return AdvisoryLock.acquire(c, settings.lockTimeout(), listener::waitingForLock);
    }

    private ToolkitException databaseError(SQLException e) {
        return new ToolkitException(ExitCode.MIGRATION_FAILED, "Database error on " + database.describe() + ": "
                + database.scrub(e.getMessage()) + " (SQLSTATE " + e.getSQLState() + ")", e);
    }

    private static String abbreviate(String checksum) {
        return checksum == null ? "none" : checksum.substring(0, Math.min(12, checksum.length()));
    }
}
