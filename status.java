///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES lib/trading/cli/package-info.java
//SOURCES lib/trading/migrate/package-info.java
//SOURCES lib/trading/view/package-info.java

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import trading.cli.Cli;
import trading.cli.ExitCode;
import trading.cli.GlobalOptions;
import trading.cli.MigrationsOption;
import trading.cli.Version;
import trading.db.Database;
import trading.migrate.MigrationListener;
import trading.migrate.MigrationManager;
import trading.migrate.MigrationSettings;
import trading.migrate.StatusReport;
import trading.view.StatusView;

@Command(name = "status", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = "Shows every migration and its state: applied, pending, failed, modified, missing or"
                + " out_of_order. Reads only: it takes no lock and changes nothing.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./jbang status@trading                 table for people",
            "  ./jbang status@trading --json          the same as JSON",
            "  ./jbang status@trading --check         exit 3 if anything needs action (CI gate)"
        })
public class status implements Callable<Integer> {
    @Mixin GlobalOptions global;
    @Mixin MigrationsOption migrations;

    @Option(names = "--json", description = "Print JSON: applied_count, pending_count and every migration.")
    boolean json;

    @Option(names = "--check", description = "Exit 3 when anything is pending, failed, modified, missing or out of order.")
    boolean check;

    @Spec CommandSpec spec;

    public static void main(String... args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return Cli.execute(new status(), args);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Database database = global.open("trading-db status", spec.commandLine().getErr());
             MigrationManager manager = new MigrationManager(database,
                     MigrationSettings.defaults(migrations.resolve(global)), MigrationListener.SILENT)) {
            StatusReport report = manager.getMigrationStatus();
            StatusView.print(report, database.describe(), json, out);
            return check && report.needsAction() ? ExitCode.VALIDATION_FAILED.code() : ExitCode.OK.code();
        }
    }
}
