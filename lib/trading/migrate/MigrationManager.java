package trading.migrate;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import trading.db.Database;
import trading.db.Environment;
import trading.db.SqlErrors;
import trading.db.ToolkitHome;
import trading.db.Transactions;
import trading.failure.FailureKind;
import trading.failure.ToolkitException;
import trading.sqlfile.MigrationDirectory;
import trading.sqlfile.MigrationFile;

/**
 * The migration engine as a library: what an application calls to migrate at startup or from its
 * own tooling (docs/library.md).
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
    private volatile LockedSession current;
    private volatile boolean cancelRequested;

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
     * returned in the result, not thrown. The first run on a history table of the original
     * Python runner upgrades it in place; {@link MigrationListener#historyUpgraded} says how.
     */
    public MigrationResult runMigrations() {
        MigrationDirectory directory = scan();
        return locked(session -> {
            Connection c = session.connection();
            List<String> upgraded = session.history().prepare(c, directory);
            if (!upgraded.isEmpty()) {
                listener.historyUpgraded(session.history().qualifiedName(), upgraded);
            }
            MigrationPlan plan = MigrationPlan.of(StatusReport.of(directory, session.history().read(c)), settings);
            MigrationRunner runner = new MigrationRunner(session, settings);
            List<MigrationResult.Applied> applied = new ArrayList<>();
            List<MigrationFile> toApply = plan.toApply();
            for (int i = 0; i < toApply.size(); i++) {
                MigrationFile file = toApply.get(i);
                if (session.cancelled()) {
                    MigrationFailure stopped = new MigrationFailure(file.path(), 0, "57014",
                            "not started: the run was interrupted (Ctrl-C or SIGTERM)", "");
                    return new MigrationResult(applied, Optional.of(stopped), toApply.subList(i, toApply.size()));
                }
                listener.applying(file);
                MigrationRunner.Outcome outcome;
                try {
                    outcome = runner.apply(file);
                } catch (SQLException e) {
                    MigrationFailure failure = MigrationFailure.outside(file.path(), "in the toolkit's own statements",
                            e, "  Run status to see whether " + file.version() + " is recorded.");
                    listener.failed(file, failure);
                    return new MigrationResult(applied, Optional.of(failure), toApply.subList(i + 1, toApply.size()));
                } catch (RuntimeException e) {
                    // The progress line of this file is open: close it before the error is printed.
                    listener.failed(file, null);
                    throw e;
                }
                if (outcome.applied()) {
                    applied.add(new MigrationResult.Applied(file, outcome.millis()));
                    listener.applied(file, outcome.millis());
                }
                if (outcome.failure().isPresent()) {
                    if (!outcome.applied()) {
                        listener.failed(file, outcome.failure().get());
                    }
                    return new MigrationResult(applied, outcome.failure(), toApply.subList(i + 1, toApply.size()));
                }
            }
            return new MigrationResult(applied, Optional.empty(), List.of());
        });
    }

    /**
     * Stops a run in progress from another thread (a signal handler): the statement running
     * now is cancelled on the server and rolled back, nothing after it starts, and the run
     * returns normally with what was applied. A cancel that comes while the run waits for the
     * lock or connects stops it as soon as it has the lock; it does not carry over to later runs.
     */
    public void cancel() {
        LockedSession session = current;
        cancelRequested = true;
        if (session != null) {
            session.cancel();
        }
    }

    /** Every migration with its state. Reads only: takes no lock and creates nothing. */
    public StatusReport getMigrationStatus() {
        MigrationDirectory directory = scan();
        try (Connection c = LockedSession.configured(database.connect())) {
            List<AppliedMigration> history = History.locate(c).read(c);
            StatusReport report = StatusReport.of(directory, history);
            if (history.isEmpty() || history.get(history.size() - 1).success() || AdvisoryLock.holder(c).isEmpty()) {
                return report;
            }
            // The newest row says failed while a run holds the lock: that run is executing it now.
            String running = history.get(history.size() - 1).version();
            return new StatusReport(report.migrations().stream()
                    .map(m -> m.version().equals(running)
                            ? new MigrationStatus(m.version(), MigrationState.RUNNING, m.file(), m.applied()) : m)
                    .toList());
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
        return locked(session -> new Rehearsal(session.connection(), session.history(), settings, listener)
                .run(MigrationPlan.of(StatusReport.of(directory, session.history().read(session.connection())),
                        settings)));
    }

    /**
     * Records renamed files under their new names, realigns recorded checksums with the files,
     * and removes rows of failed migrations and of files that are gone, all in one transaction.
     * Returns every row it changed.
     */
    public List<RepairChange> repair() {
        MigrationDirectory directory = scan();
        return locked(session -> Transactions.inTransaction(session.connection(), () -> {
            Connection c = session.connection();
            session.history().prepare(c, directory);
            return new Repair(c, session.history()).run(StatusReport.of(directory, session.history().read(c)));
        }));
    }

    /**
     * Marks a database that already has the schema as migrated up to {@code version}
     * (a version or its number): every migration up to it is recorded as applied, without
     * running it. Only for a database with no migration history yet.
     */
    public List<MigrationFile> baseline(String version) {
        MigrationDirectory directory = scan();
        return locked(session -> Transactions.inTransaction(session.connection(), () -> {
            Connection c = session.connection();
            session.history().prepare(c, directory);
            List<AppliedMigration> history = session.history().read(c);
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
                session.history().insert(c, file, 0, true);
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

    /**
     * Reverts every migration applied after {@code version}, newest first, in one transaction;
     * {@code 0} means all of them.
     */
    public RollbackResult rollbackTo(String version) {
        return rollback(version.matches("0+") ? new Rollback.Target.All() : new Rollback.Target.ToVersion(version));
    }

    /** Reverts every applied migration, newest first. */
    public RollbackResult rollbackAll() {
        return rollback(new Rollback.Target.All());
    }

    /** Writes a restorable backup of the schema, rows and history into a new folder under {@code parent}. */
    public Path backup(Path parent) {
        MigrationDirectory directory = scan();
        return locked(session -> new Backup(session.connection(), database, settings).write(parent,
                StatusReport.of(directory, session.history().read(session.connection()))));
    }

    /** Brings the database back to the state saved in {@code backupDirectory}: schema, rows and history. */
    public Backup.Contents restore(Path backupDirectory) {
        return restore(backupDirectory, RestoreOptions.SAFE);
    }

    /** As {@link #restore(Path)}, with {@code options} saying whether it may drop what the backup lacks. */
    public Backup.Contents restore(Path backupDirectory, RestoreOptions options) {
        Backup.Contents contents = Backup.read(backupDirectory);
        return locked(session -> {
            new Restore(session.connection(), session.history(), settings, options).run(contents);
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
        return locked(session -> new Rollback(session.connection(), session.history(), settings, listener)
                .run(StatusReport.of(directory, session.history().read(session.connection())), target));
    }

    private MigrationDirectory scan() {
        return MigrationDirectory.scan(settings.migrationsDirectory());
    }

    /** Work that runs while this process holds the migration lock. */
    private interface LockedWork<T> {
        T run(LockedSession session) throws SQLException;
    }

    private <T> T locked(LockedWork<T> work) {
        try (LockedSession session = LockedSession.open(database, settings, listener)) {
            current = session;
            if (cancelRequested) {
                session.cancel();
            }
            return work.run(session);
        } catch (SQLException e) {
            throw databaseError(e);
        } finally {
            current = null;
            cancelRequested = false;
        }
    }

    private ToolkitException databaseError(SQLException e) {
        return new ToolkitException(FailureKind.MIGRATION_FAILED, "Database error on " + database.describe() + ": "
                + database.scrub(SqlErrors.describe(e)), e);
    }


    private static String stripZeros(String version) {
        return version.matches("\\d{1,18}") ? String.valueOf(Long.parseLong(version)) : version;
    }
}
