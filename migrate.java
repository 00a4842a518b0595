///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES lib/trading/cli/package-info.java
//SOURCES lib/trading/migrate/package-info.java
//SOURCES lib/trading/view/package-info.java

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import trading.cli.Cli;
import trading.cli.GlobalOptions;
import trading.cli.MigrationsOption;
import trading.view.PlanView;
import trading.cli.SignalGuard;
import trading.view.StatusView;
import trading.cli.Version;
import trading.migrate.Backup;
import trading.db.Database;
import trading.cli.ExitCode;
import trading.migrate.LockHolder;
import trading.migrate.MigrationFailure;
import trading.sqlfile.MigrationFile;
import trading.migrate.MigrationListener;
import trading.migrate.MigrationManager;
import trading.migrate.MigrationResult;
import trading.migrate.MigrationSettings;
import trading.migrate.RehearsalOutcome;
import trading.migrate.RepairChange;
import trading.migrate.RestoreOptions;
import trading.migrate.RollbackResult;

@Command(name = "migrate", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = "Applies pending migrations in number order, each in one transaction together with"
                + " its schema_migrations row, under a lock that keeps concurrent deploys apart. Without an"
                + " action option it migrates; each action option does one other thing instead.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./jbang migrate@trading                 migrate the embedded default database",
            "  ./jbang migrate@trading --backup --url postgresql://app@db:5432/trading_db",
            "  ./jbang migrate@trading --dry-run       print the plan and its SQL; run nothing",
            "  ./jbang migrate@trading --rehearse      run pending ones for real, roll back",
            "  ./jbang migrate@trading --rollback --steps 2    revert the two newest",
            "  ./jbang migrate@trading --rollback --all        revert everything (also --to 0)",
            "  ./jbang migrate@trading --validate      exit 3 if an applied file changed",
            "",
            "Files are {number}_{name}.sql; a {number}_{name}.down.sql beside one reverts it.",
            "Optional header lines: -- Migration: -- Description: -- Created:",
            "-- Depends: 001_x, 002_y   and   -- Transaction: none (for CONCURRENTLY)."
        })
public class migrate implements Callable<Integer> {
    @Mixin GlobalOptions global;
    @Mixin MigrationsOption migrations;

    @ArgGroup(exclusive = true, heading = "%nActions (at most one):%n")
    Action action = new Action();

    static class Action {
        @Option(names = "--status", description = "Show the state of every migration (same as status).")
        boolean status;

        @Option(names = "--dry-run", description = "Print the pending migrations, their SQL and what would be recorded; execute nothing.")
        boolean dryRun;

        @Option(names = "--rehearse", description = "Run every pending migration for real inside a transaction, then roll it all back; report each.")
        boolean rehearse;

        @Option(names = "--rollback", description = "Revert the newest applied migration with its .down.sql (see --steps,"
                + " --to, --all). Transactional steps run in one transaction; a down script with 'Transaction: none'"
                + " runs on its own, statement by statement, after the steps before it have committed.")
        boolean rollback;

        @Option(names = "--validate", description = "Report modified, missing, failed and out-of-order migrations; exit 3 if any.")
        boolean validate;

        @Option(names = "--repair", description = "Realign recorded checksums with the files and remove failed and missing rows; lists each change.")
        boolean repair;

        @Option(names = "--baseline", paramLabel = "VERSION", description = "Mark a database that already has the schema as migrated up to VERSION.")
        String baseline;

        @Option(names = "--restore", paramLabel = "DIR", description = "Bring the database back to a backup folder written by --backup.")
        Path restore;
    }

    @Option(names = "--steps", paramLabel = "N", description = "With --rollback: revert the newest N migrations.")
    Integer steps;

    @Option(names = "--all", description = "With --rollback: revert every applied migration.")
    boolean all;

    @Option(names = "--to", paramLabel = "VERSION", description = "With --rollback: revert everything applied after"
            + " VERSION; --to 0 reverts everything.")
    String to;

    @Option(names = "--backup", description = "Write a restorable backup first (to --backup-dir); stop if it cannot be written.")
    boolean backup;

    @Option(names = "--drop-extra", description = "With --restore: also drop what the backup does not contain and"
            + " DROP SCHEMA ... CASCADE would take (tables made by hand, views and foreign keys in other schemas that"
            + " depend on it). Without it, the restore lists them and changes nothing.")
    boolean dropExtra;

    @Option(names = "--backup-dir", paramLabel = "DIR", description = "Where --backup writes. Default: backups/ in the toolkit's folder.")
    Path backupDir;

    @Option(names = "--out-of-order", description = "Also apply pending migrations numbered below the newest applied one.")
    boolean outOfOrder;

    @Option(names = "--lock-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long to wait for another migration's lock before exit 4, from 0 to 86400."
                    + " Default: ${DEFAULT-VALUE}.")
    long lockTimeout;

    @Option(names = "--ddl-lock-timeout", paramLabel = "DURATION", defaultValue = MigrationSettings.DEFAULT_DDL_LOCK_TIMEOUT,
            description = "lock_timeout of each transactional migration, so it fails fast instead of queueing"
                    + " behind a long transaction and stalling traffic. Default: ${DEFAULT-VALUE}; 0 waits forever.")
    String ddlLockTimeout;

    @Option(names = "--json", description = "With --status or --dry-run: print JSON.")
    boolean json;

    @Spec CommandSpec spec;

    /** A day: longer waits are a typo, and larger numbers overflow a Duration's arithmetic. */
    private static final long MAX_LOCK_TIMEOUT_SECONDS = 86_400;

    public static void main(String... args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return Cli.execute(new migrate(), args);
    }

    @Override
    public Integer call() {
        checkCombinations();
        if (lockTimeout < 0 || lockTimeout > MAX_LOCK_TIMEOUT_SECONDS) {
            throw new ParameterException(spec.commandLine(), "--lock-timeout " + lockTimeout
                    + " is out of range: give a number of seconds from 0 to " + MAX_LOCK_TIMEOUT_SECONDS + ".");
        }
        PrintWriter out = spec.commandLine().getOut();
        MigrationSettings settings = new MigrationSettings(migrations.resolve(global), Duration.ofSeconds(lockTimeout),
                ddlLockTimeout, outOfOrder);
        MigrationListener progress = json ? MigrationListener.SILENT : new Progress(out, spec.commandLine().getErr());
        try (Database database = global.open("trading-db migrate", spec.commandLine().getErr());
             MigrationManager manager = new MigrationManager(database, settings, progress)) {
            SignalGuard.cancelOnSignal(manager::cancel);
            if (action.status) {
                StatusView.print(manager.getMigrationStatus(), database.describe(), json, out);
                return ExitCode.OK.code();
            }
            if (action.dryRun) {
                PlanView.print(manager.dryRun(), database.describe(), json, out);
                return ExitCode.OK.code();
            }
            if (action.validate) {
                return validate(manager.validate(), database, out);
            }
            if (action.repair) {
                return repair(manager.repair(), out);
            }
            if (action.baseline != null) {
                List<MigrationFile> recorded = manager.baseline(action.baseline);
                out.println("Baseline: recorded " + recorded.size() + " migrations, up to "
                        + recorded.get(recorded.size() - 1).version() + ", as applied without running them.");
                return ExitCode.OK.code();
            }
            if (action.restore != null) {
                PrintWriter err = spec.commandLine().getErr();
                Backup.Contents restored = manager.restore(action.restore, new RestoreOptions(dropExtra, notice -> {
                    err.println(notice);
                    err.flush();
                }));
                out.println("Restored " + database.describe() + " from " + action.restore + ": "
                        + restored.manifest().tables().size() + " tables, "
                        + restored.manifest().tables().stream().mapToLong(Backup.TableData::rows).sum() + " rows, "
                        + restored.manifest().migrations().size() + " migrations in the history.");
                return ExitCode.OK.code();
            }
            if (backup) {
                Path written = manager.backup(backupDir != null ? backupDir : global.home().root().resolve("backups"));
                out.println("Backup written to " + written);
            }
            if (action.rehearse) {
                return rehearse(manager.rehearse(), database, out);
            }
            if (action.rollback) {
                RollbackResult result = all ? manager.rollbackAll()
                        : to != null ? manager.rollbackTo(to) : manager.rollback(steps == null ? 1 : steps);
                if (result.failure().isPresent()) {
                    if (!result.reverted().isEmpty()) {
                        out.println("Rolled back " + plural(result.reverted().size()) + " before the failure; they stay"
                                + " reverted: " + String.join(", ", result.reverted().stream()
                                        .map(RollbackResult.Reverted::version).toList()) + ".");
                        out.flush();
                    }
                    throw result.failure().get();
                }
                out.println(result.reverted().isEmpty() ? "Nothing to roll back."
                        : "Rolled back " + plural(result.reverted().size()) + " on " + database.describe() + ".");
                return ExitCode.OK.code();
            }
            return migrate(manager, database, out);
        }
    }

    private void checkCombinations() {
        if ((steps != null || to != null || all) && !action.rollback) {
            throw new ParameterException(spec.commandLine(), "--steps, --to and --all go with --rollback.");
        }
        if ((steps != null ? 1 : 0) + (to != null ? 1 : 0) + (all ? 1 : 0) > 1) {
            throw new ParameterException(spec.commandLine(), "Give one of --steps, --to and --all.");
        }
        boolean migratesOrRollsBack = !(action.status || action.dryRun || action.rehearse || action.validate
                || action.repair || action.baseline != null || action.restore != null);
        if ((backup || backupDir != null) && !migratesOrRollsBack) {
            throw new ParameterException(spec.commandLine(), "--backup goes with a migration or a --rollback.");
        }
        if (dropExtra && action.restore == null) {
            throw new ParameterException(spec.commandLine(), "--drop-extra goes with --restore.");
        }
        if (json && !(action.status || action.dryRun)) {
            throw new ParameterException(spec.commandLine(), "--json goes with --status or --dry-run.");
        }
    }

    private static int migrate(MigrationManager manager, Database database, PrintWriter out) {
        long start = System.nanoTime();
        MigrationResult result = manager.runMigrations();
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (result.failure().isPresent()) {
            out.println(result.successful() == 0 ? "No migration was applied by this run."
                    : "Applied " + plural(result.successful()) + " before the failure; they stay applied: "
                            + String.join(", ", result.applied().stream().map(a -> a.file().version()).toList()) + ".");
            if (!result.notRun().isEmpty()) {
                out.println("Not started: " + String.join(", ", result.notRun().stream().map(MigrationFile::version).toList())
                        + ".");
            }
            out.flush();
            throw result.failure().get();
        }
        out.println(result.successful() == 0 ? "Nothing to migrate: " + database.describe() + " is up to date."
                : "Applied " + plural(result.successful()) + " to " + database.describe() + " in " + millis + " ms.");
        return ExitCode.OK.code();
    }

    private static int validate(List<String> problems, Database database, PrintWriter out) {
        if (problems.isEmpty()) {
            out.println("Valid: every applied migration matches its file on " + database.describe() + ".");
            return ExitCode.OK.code();
        }
        out.println("Validation failed on " + database.describe() + ":");
        problems.forEach(p -> out.println("  - " + p));
        return ExitCode.VALIDATION_FAILED.code();
    }

    private static int repair(List<RepairChange> changes, PrintWriter out) {
        if (changes.isEmpty()) {
            out.println("Nothing to repair: the history matches the files.");
            return ExitCode.OK.code();
        }
        changes.forEach(c -> out.println("  " + c.version() + ": " + c.detail()));
        out.println("Repaired " + changes.size() + " row" + (changes.size() == 1 ? "" : "s") + " of schema_migrations.");
        return ExitCode.OK.code();
    }

    private static int rehearse(List<RehearsalOutcome> outcomes, Database database, PrintWriter out) {
        long failed = outcomes.stream().filter(o -> o.kind() == RehearsalOutcome.Kind.FAILED).count();
        for (RehearsalOutcome o : outcomes) {
            if (o.kind() == RehearsalOutcome.Kind.FAILED) {
                out.println();
                out.println(o.failure().getMessage());
            } else if (o.kind() == RehearsalOutcome.Kind.NOT_REHEARSABLE) {
                out.println(String.format("  %-40s not rehearsable (Transaction: none runs outside a transaction)",
                        o.file().version()));
            }
        }
        out.println("Rehearsal on " + database.describe() + ": " + (outcomes.size() - failed) + " of "
                + outcomes.size() + " pending migrations would apply" + (failed > 0 ? ", " + failed + " would FAIL" : "")
                + ". Everything was rolled back; the database is unchanged.");
        return failed > 0 ? ExitCode.MIGRATION_FAILED.code() : ExitCode.OK.code();
    }

    private static String plural(int n) {
        return n + " migration" + (n == 1 ? "" : "s");
    }

    /** Prints each migration as it runs, and who holds the lock while waiting for it. */
    private record Progress(PrintWriter out, PrintWriter err) implements MigrationListener {
        @Override
        public void historyUpgraded(String table, List<String> changes) {
            out.println("Upgraded " + table + " from the original Python runner's layout: " + String.join("; ", changes)
                    + ". Nothing was re-applied.");
            out.flush();
        }

        @Override
        public void waitingForLock(Optional<LockHolder> holder, Duration waited) {
            err.println("Waiting for the migration lock (" + waited.toSeconds() + " s so far), held by "
                    + holder.map(LockHolder::describe).orElse("a session this user cannot see") + ".");
            err.flush();
        }

        @Override
        public void applying(MigrationFile file) {
            out.print(String.format("  %-40s ", file.version()));
            out.flush();
        }

        @Override
        public void applied(MigrationFile file, long millis) {
            out.println(file.isNoOp() ? "no-op (no SQL; recorded)" : "ok (" + millis + " ms)");
            out.flush();
        }

        @Override
        public void failed(MigrationFile file, MigrationFailure failure) {
            out.println("FAILED");
            out.flush();
        }

        @Override
        public void reverting(String version) {
            out.print(String.format("  %-40s ", version));
            out.flush();
        }

        @Override
        public void reverted(String version, long millis) {
            out.println("reverted (" + millis + " ms)");
            out.flush();
        }

        @Override
        public void revertedNoOp(String version) {
            out.println("no-op (empty down script; history row removed)");
            out.flush();
        }
    }
}
