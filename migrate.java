///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES lib/trading/cli/package-info.java
//SOURCES lib/trading/migrate/package-info.java
//SOURCES lib/trading/view/package-info.java

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import trading.cli.BackupOptions;
import trading.cli.Cli;
import trading.cli.ExitCode;
import trading.cli.GlobalOptions;
import trading.cli.MigrateAction;
import trading.cli.MigrationRunOptions;
import trading.cli.MigrationsOption;
import trading.cli.RollbackOptions;
import trading.cli.SignalGuard;
import trading.cli.Version;
import trading.db.Database;
import trading.migrate.MigrationListener;
import trading.migrate.MigrationManager;
import trading.migrate.MigrationResult;
import trading.migrate.MigrationSettings;
import trading.migrate.RestoreOptions;
import trading.migrate.RollbackResult;
import trading.view.MigrateView;
import trading.view.MigrationProgress;
import trading.view.PlanView;
import trading.view.StatusView;

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
    MigrateAction action = new MigrateAction();

    @Mixin RollbackOptions rollback;
    @Mixin BackupOptions backup;
    @Mixin MigrationRunOptions runOptions;

    @Option(names = "--json", description = "With --status or --dry-run: print JSON.")
    boolean json;

    @Spec CommandSpec spec;

    public static void main(String... args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return Cli.execute(new migrate(), args);
    }

    @Override
    public Integer call() {
        checkCombinations();
        MigrationSettings settings = runOptions.settings(migrations, global);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        MigrationListener progress = json ? MigrationListener.SILENT : new MigrationProgress(out, err);
        try (Database database = global.open("trading-db migrate", err);
             MigrationManager manager = new MigrationManager(database, settings, progress)) {
            SignalGuard.cancelOnSignal(manager::cancel);
            String db = database.describe();
            if (action.status) {
                StatusView.print(manager.getMigrationStatus(), db, json, out);
            } else if (action.dryRun) {
                PlanView.print(manager.dryRun(), db, json, out);
            } else if (action.validate) {
                List<String> problems = manager.validate();
                MigrateView.validated(problems, db, out);
                return problems.isEmpty() ? ExitCode.OK.code() : ExitCode.VALIDATION_FAILED.code();
            } else if (action.repair) {
                MigrateView.repaired(manager.repair(), out);
            } else if (action.baseline != null) {
                MigrateView.baselined(manager.baseline(action.baseline), out);
            } else if (action.restore != null) {
                RestoreOptions options = new RestoreOptions(backup.dropExtra, notice -> {
                    err.println(notice);
                    err.flush();
                });
                MigrateView.restored(manager.restore(action.restore, options), action.restore, db, out);
            } else if (action.rehearse) {
                return MigrateView.rehearsed(manager.rehearse(), db, out) > 0 ? ExitCode.MIGRATION_FAILED.code()
                        : ExitCode.OK.code();
            } else {
                if (backup.backup) {
                    MigrateView.backedUp(manager.backup(backup.folder(global)), out);
                }
                if (action.rollback) {
                    RollbackResult result = rollback.rollback(manager);
                    MigrateView.rolledBack(result, db, out);
                    // The result says what stays done; the failure itself is printed once, by Cli.
                    result.failure().ifPresent(failure -> { throw failure; });
                } else {
                    long start = System.nanoTime();
                    MigrationResult result = manager.runMigrations();
                    MigrateView.migrated(result, db, (System.nanoTime() - start) / 1_000_000, out);
                    result.failure().ifPresent(failure -> { throw failure; });
                }
            }
            return ExitCode.OK.code();
        }
    }

    private void checkCombinations() {
        rollback.check(action.rollback);
        boolean migratesOrRollsBack = !(action.status || action.dryRun || action.rehearse || action.validate
                || action.repair || action.baseline != null || action.restore != null);
        if (backup.given() && !migratesOrRollsBack) {
            throw new ParameterException(spec.commandLine(), "--backup goes with a migration or a --rollback.");
        }
        if (backup.dropExtra && action.restore == null) {
            throw new ParameterException(spec.commandLine(), "--drop-extra goes with --restore.");
        }
        if (json && !(action.status || action.dryRun)) {
            throw new ParameterException(spec.commandLine(), "--json goes with --status or --dry-run.");
        }
    }
}
