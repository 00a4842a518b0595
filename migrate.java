///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS info.picocli:picocli:4.7.7
//DEPS org.postgresql:postgresql:42.7.14
//DEPS com.fasterxml.jackson.core:jackson-databind:2.23.0
//SOURCES lib/trading/core/*.java
//SOURCES lib/trading/cli/*.java

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import trading.cli.Cli;
import trading.cli.GlobalOptions;
import trading.cli.MigrationsOption;
import trading.cli.StatusView;
import trading.cli.Version;
import trading.core.Database;
import trading.core.ExitCode;
import trading.core.LockHolder;
import trading.core.MigrationFile;
import trading.core.MigrationListener;
import trading.core.MigrationManager;
import trading.core.MigrationResult;
import trading.core.MigrationSettings;

@Command(name = "migrate", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = {
            "Applies pending migrations in number order, each in one transaction together with its",
            "schema_migrations row, under a lock that keeps concurrent deploys apart."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./jbang migrate@trading                              migrate the embedded default database",
            "  DATABASE_URL=postgresql://app@db:5432/trading_db ./jbang migrate@trading",
            "  ./jbang migrate@trading --status                     same as status"
        })
public class migrate implements Callable<Integer> {
    @Mixin GlobalOptions global;
    @Mixin MigrationsOption migrations;

    @Option(names = "--status", description = "Show the state of every migration instead of migrating (same as status).")
    boolean status;

    @Option(names = "--json", description = "With --status: print JSON.")
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
        PrintWriter out = spec.commandLine().getOut();
        MigrationSettings settings = MigrationSettings.defaults(migrations.resolve(global));
        try (Database database = global.open("trading-db migrate", spec.commandLine().getErr());
             MigrationManager manager = new MigrationManager(database, settings, new Progress(out,
                     spec.commandLine().getErr()))) {
            if (status) {
                if (json) {
                    StatusView.printJson(manager.getMigrationStatus(), out);
                } else {
                    StatusView.printTable(manager.getMigrationStatus(), database.describe(), out);
                }
                return ExitCode.OK.code();
            }
            long start = System.nanoTime();
            MigrationResult result = manager.runMigrations();
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (result.failure().isPresent()) {
                throw result.failure().get();
            }
            if (result.successful() == 0) {
                out.println("Nothing to migrate: " + database.describe() + " is up to date.");
            } else {
                out.println("Applied " + result.successful() + " migration" + (result.successful() == 1 ? "" : "s")
                        + " to " + database.describe() + " in " + millis + " ms.");
            }
            return ExitCode.OK.code();
        }
    }

    /** Prints each migration as it runs, and who holds the lock while waiting for it. */
    private record Progress(PrintWriter out, PrintWriter err) implements MigrationListener {
        @Override
        public void waitingForLock(Optional<LockHolder> holder, Duration waited) {
            err.println("Waiting for the migration lock (" + waited.toSeconds() + " s so far), held by "
                    + holder.map(LockHolder::describe).orElse("a session this user cannot see") + ".");
            err.flush();
        }

        @Override
        public void applying(MigrationFile file) {
            out.print("  " + file.version() + " ... ");
            out.flush();
        }

        @Override
        public void applied(MigrationFile file, long millis) {
            out.println("applied (" + millis + " ms)");
            out.flush();
        }
    }
}
