package trading.core;

import java.nio.file.Path;
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
 * Everything that changes the database runs under the migration lock. The command-line
 * scripts are thin layers over this class.
 */
public final class MigrationManager implements AutoCloseable {
    private final Database database;
    private final boolean ownsDatabase;
    private final MigrationSettings settings;
    private final MigrationListener listener;

    /** Migrations from the toolkit's {@code migrations/} folder (or MIGRATIONS_DIR) into the database at {@code databaseUrl}. */
    public MigrationManager(String databaseUrl) {
        this(Database.open(databaseUrl, "trading-db"), true, defaultSettings(Environment.current()),
                MigrationListener.SILENT);
    }

    private static MigrationSettings defaultSettings(Environment env) {
        return MigrationSettings.defaults(ToolkitHome.locate(env).migrationsDirectory(env, null));
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
     * Applies every pending migration in order, each in its own transaction. Refuses
     * (exit 3) when an applied file was modified or deleted, a migration failed earlier,
     * or a file is out of order without {@code outOfOrder}. A migration that fails is
     * returned in the result, not thrown.
     */
    public MigrationResult runMigrations() {
        MigrationDirectory directory = scan();
        return locked(c -> {
            History.createIfMissing(c);
            MigrationPlan plan = MigrationPlan.of(StatusReport.of(directory, History.read(c)), settings);
            MigrationRunner runner = new MigrationRunner(c, settings);
            List<MigrationResult.Applied> applied = new ArrayList<>();
            for (MigrationFile file : plan.toApply()) {
                listener.applying(file);
                try {
                    long millis = runner.apply(file);
                    applied.add(new MigrationResult.Applied(file, millis));
                    listener.applied(file, millis);
                } catch (MigrationFailure failure) {
                    listener.failed(file, failure);
                    return new MigrationResult(applied, Optional.of(failure));
                }
            }
            return new MigrationResult(applied, Optional.empty());
        });
    }

    /** Every migration with its state. Reads only: takes no lock and creates nothing. */
    public StatusReport getMigrationStatus() {
        MigrationDirectory directory = scan();
        try (Connection c = database.connect()) {
            return StatusReport.of(directory, History.read(c));
        } catch (SQLException e) {
            throw databaseError(e);
        }
    }

    /** What needs attention: modified, missing, failed and out-of-order migrations, with advice. Reads only. */
    public List<String> validate() {
        return MigrationPlan.problems(getMigrationStatus(), settings);
    }

    /** What migrate would apply now, with the same checks; executes nothing and takes no lock. */
    public MigrationPlan dryRun() {
        return MigrationPlan.of(getMigrationStatus(), settings);
    }

    /**
     * Runs every pending transactional migration for real, inside one transaction that is
     * rolled back at the end, so a migration that fails on this database's data is found
     * before the deploy. {@code Transaction: none} migrations are listed as not rehearsable.
     */
    public List<RehearsalOutcome> rehearse() {
        MigrationDirectory directory = scan();
        return locked(c -> new Rehearsal(c, settings, listener)
                .run(MigrationPlan.of(StatusReport.of(directory, History.read(c)), settings)));
    }

    /**
     * Realigns recorded checksums with the files, and removes rows of failed migrations and
     * of files that are gone, all in one transaction. Returns every row it changed.
     */
    public List<RepairChange> repair() {
        MigrationDirectory directory = scan();
        return locked(c -> inTransaction(c, () -> {
            History.createIfMissing(c);
            List<RepairChange> changes = new ArrayList<>();
            for (MigrationStatus m : StatusReport.of(directory, History.read(c)).migrations()) {
                switch (m.state()) {
                    case APPLIED, PENDING, OUT_OF_ORDER -> { }
                    case MODIFIED -> {
                        History.updateChecksum(c, m.version(), m.file().checksum());
                        changes.add(new RepairChange(m.version(), RepairChange.Kind.CHECKSUM_REALIGNED,
                                "checksum " + Checksum.shortForm(m.applied().checksum()) + " -> "
                                        + Checksum.shortForm(m.file().checksum())));
                    }
                    case FAILED -> {
                        History.delete(c, m.version());
                        changes.add(new RepairChange(m.version(), RepairChange.Kind.FAILED_ROW_REMOVED,
                                "removed the failed row; it will run again"));
                    }
                    case MISSING -> {
                        History.delete(c, m.version());
                        changes.add(new RepairChange(m.version(), RepairChange.Kind.MISSING_ROW_REMOVED,
                                "removed the row of the missing file; what it did stays in the database"));
                    }
                }
            }
            return changes;
        }));
    }

    /**
     * Marks a database that already has the schema as migrated up to {@code version}
     * (a version or its number): every migration up to it is recorded as applied, without
     * running it. Only for a database with no migration history yet.
     */
    public List<MigrationFile> baseline(String version) {
        MigrationDirectory directory = scan();
        return locked(c -> inTransaction(c, () -> {
            History.createIfMissing(c);
            List<AppliedMigration> history = History.read(c);
            if (!history.isEmpty()) {
                throw ToolkitException.usage("--baseline is for a database that was never migrated, but "
                        + History.TABLE + " already has " + history.size() + " rows. Use status to see them.");
            }
            MigrationFile target = directory.files().stream()
                    .filter(f -> f.version().equals(version) || String.valueOf(f.number()).equals(stripZeros(version)))
                    .findFirst()
                    .orElseThrow(() -> ToolkitException.usage("--baseline " + version + ": no such migration in "
                            + directory.path() + ". Give the version of an existing file, e.g. 002_add_sample_data."));
            List<MigrationFile> recorded = directory.files().stream()
                    .filter(f -> f.number() <= target.number()).toList();
            for (MigrationFile file : recorded) {
                History.insert(c, file, 0, true);
            }
            return recorded;
        }));
    }

    /** Reverts the newest {@code steps} applied migrations with their down scripts, in one transaction. */
    public RollbackResult rollback(int steps) {
        if (steps < 1) {
            throw ToolkitException.usage("--steps must be 1 or more.");
        }
        return rollback(new Rollback.Target.Steps(steps));
    }

    /** Reverts every migration applied after {@code version}, newest first, in one transaction. */
    public RollbackResult rollbackTo(String version) {
        return rollback(new Rollback.Target.ToVersion(version));
    }

    /** Writes a restorable backup of the schema, rows and history into a new folder under {@code parent}. */
    public Path backup(Path parent) {
        MigrationDirectory directory = scan();
        return locked(c -> new Backup(c, database, settings).write(parent, StatusReport.of(directory, History.read(c))));
    }

    /** Brings the database back to the state saved in {@code backupDirectory}: schema, rows and history. */
    public Backup.Contents restore(Path backupDirectory) {
        return restore(backupDirectory, RestoreOptions.SAFE);
    }

    /** As {@link #restore(Path)}, with {@code options} saying whether it may drop what the backup lacks. */
    public Backup.Contents restore(Path backupDirectory, RestoreOptions options) {
        Backup.Contents contents = Backup.read(backupDirectory);
        return locked(c -> {
            new Restore(c, settings, options).run(contents);
            return contents;
        });
    }

    @Override
    public void close() {
        if (ownsDatabase) {
            database.close();
        }
    }

    private RollbackResult rollback(Rollback.Target target) {
        MigrationDirectory directory = scan();
        return locked(c -> new Rollback(c, settings, listener).run(StatusReport.of(directory, History.read(c)), target));
    }

    private MigrationDirectory scan() {
        return MigrationDirectory.scan(settings.migrationsDirectory());
    }

    /** Work that needs a connection holding the migration lock. */
    private interface LockedWork<T> {
        T run(Connection c) throws SQLException;
    }

    private interface TransactionalWork<T> {
        T run() throws SQLException;
    }

    private <T> T locked(LockedWork<T> work) {
        try (Connection c = openSession();
             AdvisoryLock lock = AdvisoryLock.acquire(c, settings.lockTimeout(), listener::waitingForLock)) {
            return work.run(c);
        } catch (SQLException e) {
            throw databaseError(e);
        }
    }

    private static <T> T inTransaction(Connection c, TransactionalWork<T> work) throws SQLException {
        c.setAutoCommit(false);
        try {
            T result = work.run();
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
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

    private ToolkitException databaseError(SQLException e) {
        return new ToolkitException(ExitCode.MIGRATION_FAILED, "Database error on " + database.describe() + ": "
                + database.scrub(e.getMessage()) + " (SQLSTATE " + e.getSQLState() + ")", e);
    }


    private static String stripZeros(String version) {
        return version.matches("\\d{1,18}") ? String.valueOf(Long.parseLong(version)) : version;
    }
}
